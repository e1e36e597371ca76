/** Multinomial logistic regression trained by full-batch gradient descent on standardised features. */
export interface LinearSoftmax {
  /** weights[feature][class], applied to raw (unstandardised) features. */
  weights: number[][];
  bias: number[];
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
}

export function trainSoftmaxRegression(
  x: number[][],
  y: number[],
  classes: number,
  options: TrainOptions = {},
) {
  const { epochs = 3000, learningRate = 0.5, l2 = 1e-4 } = options;
  const features = x[0]?.length ?? 0;
  const mean = column(x, features, (values) => values.reduce((a, b) => a + b, 0) / values.length);
  const sd = column(x, features, (values, i) => {
    const m = mean[i]!;
    return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / values.length) || 1;
  });
  const z = x.map((row) => row.map((v, i) => (v - mean[i]!) / sd[i]!));
  const w = Array.from({ length: features }, () => new Array<number>(classes).fill(0));
  const b = new Array<number>(classes).fill(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gw = Array.from({ length: features }, () => new Array<number>(classes).fill(0));
    const gb = new Array<number>(classes).fill(0);
    z.forEach((row, n) => {
      const p = softmax(b.map((bias, k) => bias + row.reduce((a, v, i) => a + v * w[i]![k]!, 0)));
      p.forEach((pk, k) => {
        const err = pk - (y[n] === k ? 1 : 0);
        gb[k]! += err;
        row.forEach((v, i) => {
          gw[i]![k]! += err * v;
        });
      });
    });
    for (let k = 0; k < classes; k++) {
      b[k]! -= (learningRate * gb[k]!) / z.length;
      for (let i = 0; i < features; i++) {
        w[i]![k]! -= learningRate * (gw[i]![k]! / z.length + l2 * w[i]![k]!);
      }
    }
  }
  // Fold the standardisation into the model so it takes raw measurements: (x - m) / s . W = x . (W / s) - (m / s) . W
  const weights = w.map((row, i) => row.map((v) => v / sd[i]!));
  const bias = b.map((bk, k) => bk - w.reduce((a, row, i) => a + (mean[i]! / sd[i]!) * row[k]!, 0));
  return { weights, bias } satisfies LinearSoftmax;
}

export function predictProbabilities(model: LinearSoftmax, row: number[]): number[] {
  return softmax(model.bias.map((bk, k) => bk + row.reduce((a, v, i) => a + v * model.weights[i]![k]!, 0)));
}

export function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, v) => a + v, 0);
  return exps.map((e) => e / sum);
}

function column(x: number[][], features: number, reduce: (values: number[], index: number) => number) {
  return Array.from({ length: features }, (_, i) =>
    reduce(
      x.map((row) => row[i]!),
      i,
    ),
  );
}

/**
 * Your model. The server calls `load()` once at start-up with the model directory (/opt/ml/model when
 * SageMaker extracted a ModelDataUrl there, else MODEL_DIR, else ./model) and `predict()` for every request with up to MAX_BATCH_SIZE
 * instances that already match `instanceSchema`. Return one prediction per instance, in order.
 *
 * This working example is a softmax (multinomial logistic) regression over the four iris measurements,
 * with its weights in model/model.json. Replace the types, the schema and the two functions with yours.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One example in `{"instances": [...]}`: here, the four iris measurements in centimetres. */
export type Instance = [sepalLength: number, sepalWidth: number, petalLength: number, petalWidth: number];

export interface Prediction {
  label: string;
  probabilities: Record<string, number>;
}

/** JSON schema of one instance; the server compiles it once and rejects non-matching requests with 400. */
export const instanceSchema = {
  type: 'array',
  items: { type: 'number' },
  minItems: 4,
  maxItems: 4,
} as const;

export interface LoadedModel {
  labels: string[];
  /** weights[feature][label] */
  weights: number[][];
  bias: number[];
}

export async function load(modelDir: string): Promise<LoadedModel> {
  const model = JSON.parse(await readFile(join(modelDir, 'model.json'), 'utf8')) as LoadedModel;
  if (model.weights.length !== 4 || model.bias.length !== model.labels.length) {
    throw new Error(`${join(modelDir, 'model.json')} does not hold 4 x ${model.labels.length} weights`);
  }
  return model;
}

export async function predict(model: LoadedModel, instances: Instance[]): Promise<Prediction[]> {
  return instances.map((features) => {
    const logits = model.bias.map((b, k) =>
      features.reduce((sum, x, i) => sum + x * model.weights[i]![k]!, b),
    );
    const max = Math.max(...logits);
    const exps = logits.map((l) => Math.exp(l - max));
    const total = exps.reduce((a, b) => a + b, 0);
    const probabilities = Object.fromEntries(model.labels.map((label, k) => [label, exps[k]! / total]));
    const best = exps.indexOf(Math.max(...exps));
    return { label: model.labels[best]!, probabilities };
  });
}

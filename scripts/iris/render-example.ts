/**
 * Regenerates examples/iris-onnx: the rendered inference server plus the iris model.
 * Usage: pnpm exec tsx scripts/iris/render-example.ts
 */
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultServerContext, renderServer } from '../../packages/scaffold/src/index.js';

export const exampleDir = join(import.meta.dirname, '..', '..', 'examples', 'iris-onnx');
export const exampleContext = defaultServerContext({
  name: 'iris-onnx',
  framework: 'onnx',
  modelFile: 'model.onnx',
});

export async function renderExample(dir = exampleDir): Promise<void> {
  for (const file of await renderServer(exampleContext)) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
    if (file.mode !== undefined) chmodSync(target, file.mode);
  }
  mkdirSync(join(dir, 'model'), { recursive: true });
  copyFileSync(join(import.meta.dirname, 'iris.onnx'), join(dir, 'model', 'model.onnx'));
}

if (process.argv[1] === import.meta.filename) {
  await renderExample();
  console.log(`rendered ${exampleDir}`);
}

import { join } from 'node:path';
import { MlshipError } from '@mlship/core';
import { type RenderedFile, renderTemplateDir } from './render.js';
import { templateDir } from './templates-dir.js';

/** The values the inference-server templates (templates/server) are rendered with. */
export interface ServerTemplateContext {
  /** Project and model name, e.g. `iris-onnx`. */
  name: string;
  framework: 'onnx' | 'custom';
  /** File name inside `model/`, e.g. `model.onnx` (onnx), or '' (custom). */
  modelFile: string;
  maxBatchSize: number;
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  /** Extra devDependencies of the generated project, e.g. `{ mlship: '^0.1.0' }`. */
  devDependencies: Record<string, string>;
  /** The mlship packages are vendored in `vendor/` (init from a source checkout): the image build copies them. */
  vendored: boolean;
}

const NAME = /^[a-zA-Z][a-zA-Z0-9-]*$/;
/** SageMaker's maximum request payload. */
export const SAGEMAKER_MAX_BODY_BYTES = 6 * 1024 * 1024;

export function defaultServerContext(
  partial: Pick<ServerTemplateContext, 'name' | 'framework'> & Partial<ServerTemplateContext>,
): ServerTemplateContext {
  return {
    modelFile: partial.framework === 'onnx' ? 'model.onnx' : '',
    maxBatchSize: 100,
    bodyLimitBytes: SAGEMAKER_MAX_BODY_BYTES,
    requestTimeoutMs: 60_000,
    devDependencies: {},
    vendored: false,
    ...partial,
  };
}

/** Renders the inference server: the shared project files plus the framework's model code. */
export async function renderServer(ctx: ServerTemplateContext): Promise<RenderedFile[]> {
  checkContext(ctx);
  const root = templateDir('server');
  const files = new Map<string, RenderedFile>();
  for (const dir of ['project', ctx.framework]) {
    for (const file of await renderTemplateDir(join(root, dir), ctx)) files.set(file.path, file);
  }
  return [...files.values()].sort((a, b) => a.path.localeCompare(b.path));
}

function checkContext(ctx: ServerTemplateContext): void {
  const problems: string[] = [];
  if (!NAME.test(ctx.name) || ctx.name.length > 63) {
    problems.push(
      `name ${JSON.stringify(ctx.name)}: expected a letter then letters, digits or '-', at most 63 chars`,
    );
  }
  if (ctx.framework !== 'onnx' && ctx.framework !== 'custom') {
    problems.push(`framework ${JSON.stringify(ctx.framework)}: expected onnx or custom`);
  }
  if (ctx.framework === 'onnx' && !/^[\w.-]+$/.test(ctx.modelFile)) {
    problems.push(
      `modelFile ${JSON.stringify(ctx.modelFile)}: expected a file name inside model/, e.g. model.onnx`,
    );
  }
  const positive = { maxBatchSize: ctx.maxBatchSize, requestTimeoutMs: ctx.requestTimeoutMs };
  for (const [key, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value < 1) problems.push(`${key} ${value}: expected a positive integer`);
  }
  if (
    !Number.isInteger(ctx.bodyLimitBytes) ||
    ctx.bodyLimitBytes < 1 ||
    ctx.bodyLimitBytes > SAGEMAKER_MAX_BODY_BYTES
  ) {
    problems.push(
      `bodyLimitBytes ${ctx.bodyLimitBytes}: expected 1 to ${SAGEMAKER_MAX_BODY_BYTES} (SageMaker's limit)`,
    );
  }
  if (problems.length > 0) {
    throw new MlshipError(
      'SERVER_CONTEXT_INVALID',
      `Cannot render the inference server: ${problems.join('; ')}`,
    );
  }
}

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { MlshipError, TARGETS } from '@mlship/core/base';
import { frontOf, type InitAnswers } from './answers.js';
import { ONNX_MODEL_FILE, projectContext } from './context.js';
import { withoutRedisPassword } from './redis-secret.js';
import type { RenderedFile } from './render.js';
import { renderTemplateDir } from './render.js';
import { defaultServerContext, renderServer } from './server-context.js';
import { templateDir } from './templates-dir.js';
import { type MlshipSource, vendorMlship } from './vendor.js';

export interface PlanOptions {
  /** The mlship version the generated project depends on (default: this package's version). */
  mlshipVersion?: string;
  /**
   * Vendor the mlship packages from here into `vendor/mlship/` and name them as `file:` tarballs, so the project
   * installs before mlship is on a registry (init from a source checkout).
   */
  mlshipSource?: MlshipSource;
  /** Told the mlship packages `mlshipSource` does not hold (they keep registry versions). */
  onUnvendored?: (names: string[]) => void;
}

/** The release.yaml, CI pipeline, README and .gitignore of a project (no server files). */
export function renderProject(answers: InitAnswers): Promise<RenderedFile[]> {
  // A Redis password never reaches a file (release.yaml is committed): it becomes a ${REDIS_PASSWORD} reference.
  return renderTemplateDir(templateDir('project'), projectContext(withoutRedisPassword(answers).answers));
}

/** Every file `init` would write, relative to the project directory. Reads templates and the model; writes nothing. */
export async function planInit(answers: InitAnswers, options: PlanOptions = {}): Promise<RenderedFile[]> {
  const mlshipVersion = options.mlshipVersion ?? scaffoldVersion();
  const registry = mlshipDevDependencies(answers, mlshipVersion);
  const vendor = options.mlshipSource ? await vendorMlship(registry, options.mlshipSource) : undefined;
  if (vendor?.missing.length) options.onUnvendored?.(vendor.missing);
  const server = await renderServer(
    defaultServerContext({
      name: answers.name,
      framework: answers.framework,
      ...(answers.framework === 'onnx' ? { modelFile: ONNX_MODEL_FILE } : {}),
      devDependencies: vendor?.devDependencies ?? registry,
      vendored: Boolean(vendor?.files.length),
    }),
  );
  const project = await renderProject(answers);
  const model = answers.framework === 'onnx' ? [await modelFile(answers.modelFile as string)] : [];
  const byPath = new Map<string, RenderedFile>();
  for (const file of [...server, ...project, ...model, ...(vendor?.files ?? [])]) byPath.set(file.path, file);
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The `mlship` CLI, `@mlship/doctor` (the deploy preflight), `@mlship/dev` (`mlship dev`) and the deployer packages the chosen front doors need,
 * pinned to the running version.
 */
export function mlshipDevDependencies(answers: InitAnswers, version: string): Record<string, string> {
  const fronts = answers.environments.map((env) => frontOf(answers, env));
  const packages = TARGETS.filter((target) =>
    fronts.some((front) => target.enabled({ front } as Parameters<typeof target.enabled>[0])),
  ).map((target) => target.packageName);
  return Object.fromEntries(
    ['@mlship/dev', '@mlship/doctor', 'mlship', ...packages].sort().map((name) => [name, `^${version}`]),
  );
}

async function modelFile(path: string): Promise<RenderedFile> {
  try {
    return { path: `model/${ONNX_MODEL_FILE}`, contents: await readFile(path) };
  } catch (error) {
    throw new MlshipError(
      'INIT_MODEL_FILE',
      `Cannot read the model file ${path}: ${(error as Error).message}`,
      {
        hint: 'Pass --model-file with the path of your exported .onnx model.',
      },
    );
  }
}

let cachedVersion: string | undefined;
function scaffoldVersion(): string {
  cachedVersion ??= (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return cachedVersion;
}

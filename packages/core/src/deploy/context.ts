import { dirname } from 'node:path';
import { regionOverrideNotice } from '../aws-config.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { IoHost } from '../io/io-host.js';
import { systemClock } from './clock.js';
import type { Clock, DeployContext, Outputs } from './contract.js';
import { type LoadedTarget, loadTargets, type ModuleImporter } from './deployer-loader.js';
import { loadEnvironment } from './load-environment.js';
import { readOutputs } from './outputs-file.js';
import type { TargetEntry } from './targets.js';

/** Options every engine command shares (deploy, status, rollback, destroy). */
export interface EngineOptions {
  file: string;
  env: string;
  host: IoHost;
  /** Placeholders init wrote are an error (deploy) or a warning (the other commands). */
  placeholders?: 'warn' | 'error';
  /** Skip loading release.yaml and use this environment (tests, programmatic callers). */
  resolved?: ResolvedConfig;
  /** How deployer packages the project does not have are imported; the CLI passes `(s) => import(s)`. */
  importer?: ModuleImporter;
  targets?: readonly TargetEntry[];
  clock?: Clock;
  signal?: AbortSignal;
  processEnv?: Record<string, string | undefined>;
  cwd?: string;
  imageTag?: string;
  wait?: boolean;
  timeoutMinutes?: number;
  /** Plan only (deploy --dry-run); deployers see it as `ctx.dryRun`. */
  dryRun?: boolean;
}

export interface Engine {
  resolved: ResolvedConfig;
  targets: LoadedTarget[];
  context(upstream: DeployContext['upstream']): DeployContext;
  /** The outputs file's entries of the targets before `index` (status, rollback and destroy). */
  upstreamOf(index: number, known?: Record<string, Outputs>): DeployContext['upstream'];
  /** The outputs file as it was when the command started. */
  lastOutputs: Record<string, Outputs>;
}

export async function prepareEngine(options: EngineOptions): Promise<Engine> {
  const resolved =
    options.resolved ??
    (await loadEnvironment(options.file, options.env, options.host, options.placeholders));
  const targets = await loadTargets({
    env: resolved.env,
    config: resolved.config,
    projectDir: dirname(resolved.file),
    importer: options.importer ?? ((specifier: string) => import(specifier)),
    ...(options.targets ? { targets: options.targets } : {}),
  });
  const lastOutputs = await readOutputs(resolved.file, resolved.env, (why) =>
    options.host.notify({ level: 'warn', code: 'OUTPUTS_UNREADABLE', message: `ignoring outputs: ${why}` }),
  );
  const upstreamOf = (index: number, known: Record<string, Outputs> = lastOutputs) =>
    Object.fromEntries(
      targets
        .slice(0, index)
        .flatMap(({ entry }) => (known[entry.name] ? [[entry.name, known[entry.name]!]] : [])),
    );
  const processEnv = options.processEnv ?? process.env;
  const notice = regionOverrideNotice(resolved.config.region, processEnv, resolved.env);
  if (notice) options.host.notify({ level: 'warn', code: 'REGION_OVERRIDE', message: notice });
  const context = (upstream: DeployContext['upstream']): DeployContext => ({
    resolved,
    host: options.host,
    upstream,
    wait: options.wait ?? true,
    clock: options.clock ?? systemClock,
    env: processEnv,
    cwd: options.cwd ?? process.cwd(),
    ...(options.imageTag === undefined ? {} : { imageTag: options.imageTag }),
    ...(options.timeoutMinutes === undefined ? {} : { timeoutMinutes: options.timeoutMinutes }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.dryRun ? { dryRun: true } : {}),
  });
  return { resolved, targets, context, upstreamOf, lastOutputs };
}

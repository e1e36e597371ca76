import { regionOverrideNotice } from '../aws-config.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { IoHost } from '../io/io-host.js';
import { systemClock } from './clock.js';
import type { Clock, DeployContext } from './contract.js';
import { loadEnvironment } from './load-environment.js';
import { type LoadedTarget, loadTargets, type ModuleImporter, TARGETS, type TargetEntry } from './targets.js';

/** Options every engine command shares (deploy, status, rollback, destroy). */
export interface EngineOptions {
  file: string;
  env: string;
  host: IoHost;
  /** Skip loading release.yaml and use this environment (tests, programmatic callers). */
  resolved?: ResolvedConfig;
  /** How deployer packages are imported; the CLI passes `(s) => import(s)`. */
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
}

export async function prepareEngine(options: EngineOptions): Promise<Engine> {
  const resolved = options.resolved ?? (await loadEnvironment(options.file, options.env, options.host));
  const importer = options.importer ?? ((specifier: string) => import(specifier));
  const targets = await loadTargets(
    resolved.config,
    importer,
    (entry, why, installed) =>
      options.host.notify({
        level: installed ? 'debug' : 'warn',
        code: 'TARGET_SKIPPED',
        message: `skipping ${entry.name}: ${why}`,
      }),
    options.targets ?? TARGETS,
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
  return { resolved, targets, context };
}

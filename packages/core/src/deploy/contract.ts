import type { ResolvedConfig } from '../config/schema.js';
import type { IoHost } from '../io/io-host.js';
import type { Permission } from './permissions.js';

export const DEPLOYER_CONTRACT_VERSION = 1 as const;

export type ChangeAction = 'create' | 'update' | 'delete' | 'noop';

/** One field that differs between the cloud and release.yaml. */
export interface FieldDiff {
  field: string;
  before: unknown;
  after: unknown;
}

/** One planned change to one cloud resource; serialisable so `--dry-run --json` can print it. */
export interface Change {
  action: ChangeAction;
  /** The resource type, e.g. `SageMaker::Endpoint`. */
  resource: string;
  /** Its name or id. */
  id: string;
  reason: string;
  diff?: FieldDiff[];
}

export interface DeployPlan<TDetail = unknown> {
  target: string;
  changes: Change[];
  /** Target-specific data the apply step needs (desired inputs, current counts); serialisable. */
  detail: TDetail;
  /** The outputs this target will have after apply, as far as known now; downstream plans read them. */
  plannedOutputs?: Outputs;
}

export type Outputs = Record<string, unknown>;

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface DeployContext {
  resolved: ResolvedConfig;
  host: IoHost;
  /**
   * Outputs of the targets before this one, keyed by target name: in a deploy what they just applied (or plan to),
   * in status, rollback and destroy their last known outputs from `.mlship/<env>.outputs.json`.
   */
  upstream: Record<string, Outputs>;
  imageTag?: string;
  /** `deploy --dry-run`: `read` may skip what needs credentials (with a notice) instead of failing. */
  dryRun?: boolean;
  /** Wait for a busy resource (true) or fail fast (false, `--no-wait`). */
  wait: boolean;
  /** Limit in minutes for each wait on a resource; overrides release.yaml. */
  timeoutMinutes?: number;
  clock: Clock;
  signal?: AbortSignal;
  /** Environment variables (CIRCLE_SHA1, …); injectable for tests. */
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface StatusReport {
  target: string;
  exists: boolean;
  summary: string;
  detail: Record<string, unknown>;
}

export interface DestroyReport {
  target: string;
  deleted: Array<{ resource: string; id: string }>;
  skipped: Array<{ resource: string; id: string; reason: string }>;
}

export interface RollbackReport {
  target: string;
  from: string | undefined;
  to: string;
  /** The outputs that changed; they are merged over the target's last known outputs in the outputs file. */
  outputs: Outputs;
}

/** What every deploy target implements. `plan` is pure; `apply` is the only step with side effects. */
export interface Deployer<TState = unknown, TDetail = unknown> {
  readonly contractVersion: typeof DEPLOYER_CONTRACT_VERSION;
  readonly name: string;
  read(ctx: DeployContext): Promise<TState>;
  plan(ctx: DeployContext, current: TState): DeployPlan<TDetail>;
  /** Executes the plan and returns the outputs; with nothing to change it makes no mutating call. */
  apply(plan: DeployPlan<TDetail>, ctx: DeployContext): Promise<Outputs>;
  status(ctx: DeployContext): Promise<StatusReport>;
  destroy(ctx: DeployContext): Promise<DestroyReport>;
  /** Points the target back at an earlier version (`to`, default: the previous one). */
  rollback?(ctx: DeployContext, to?: string): Promise<RollbackReport>;
  /**
   * The IAM actions and resources this target's calls need, declared next to the calls (see `iam.ts` in
   * deployer-sagemaker). With a plan: what `apply` of that plan calls, plus the reads before it (the deploy
   * preflight simulates these). Without: every call of deploy, status, rollback and destroy for this release.yaml
   * (`mlship doctor`, `--print-policy`, the docs' policy). Pure: no I/O.
   */
  permissions?(ctx: DeployContext, plan?: DeployPlan<TDetail>): Permission[];
}

export function hasChanges(plan: DeployPlan): boolean {
  return plan.changes.some((change) => change.action !== 'noop');
}

import { validationError } from '../server/aws-error.js';
import type { Handler } from '../server/service.js';
import { endpointOperations } from './endpoints.js';
import { checkCountLimit, checkInstanceLimits } from './limits.js';
import { resourceOperations } from './resources.js';
import { type SeedEndpoint, type SeedEndpointConfig, type SeedModel, seedHelpers } from './seed.js';
import {
  Clock,
  type EndpointConfigRecord,
  type EndpointRecord,
  type EndpointStatus,
  findByName,
  type ModelRecord,
  notFound,
  type Outcome,
  type ResourceKind,
  type Tag,
  type VariantState,
} from './state.js';
import { tagOperations } from './tags.js';
import { advanceTransition } from './transitions.js';

/** What the SageMaker fake needs from the Application Auto Scaling fake. */
export interface ScalingRegistry {
  registeredVariants(endpointName: string): string[];
  forgetEndpoint(endpointName: string): void;
}

export interface SageMakerLimits {
  endpoints?: number;
  models?: number;
  endpointConfigs?: number;
  /** Instances of a type usable by endpoints (quota "<type> for endpoint usage"). */
  instances?: Record<string, number>;
}

/** Stateful fake of the SageMaker control-plane calls mlship makes. Behaviour: FAKES.md. */
export class FakeSageMaker {
  readonly models = new Map<string, ModelRecord>();
  readonly endpointConfigs = new Map<string, EndpointConfigRecord>();
  readonly endpoints = new Map<string, EndpointRecord>();
  /** Tags by resource ARN. */
  readonly tags = new Map<string, Tag[]>();
  limits: SageMakerLimits = {};
  readonly clock = new Clock();
  scaling?: ScalingRegistry;
  /** Image URI -> digest, for DeployedImages.ResolvedImage (wired to the ECR fake). */
  resolveDigest?: (image: string) => string | undefined;
  /** A CloudWatch alarm's state, for DeploymentConfig auto-rollback alarms (wired to the CloudWatch fake). */
  alarmState?: (alarmName: string) => string | undefined;
  private outcomes: Record<'create' | 'update', Outcome[]> = { create: [], update: [] };
  private holding = false;
  private seeds = seedHelpers(this);

  constructor(
    readonly region: string,
    readonly accountId: string,
    /** DescribeEndpoint calls that still see a transitional status before it completes. */
    public transitionAfterDescribes = 2,
  ) {
    this.initialTransitionAfterDescribes = transitionAfterDescribes;
  }

  private readonly initialTransitionAfterDescribes: number;

  operations(): Record<string, Handler> {
    return { ...resourceOperations(this), ...endpointOperations(this), ...tagOperations(this) };
  }

  arn(kind: ResourceKind, name: string): string {
    return `arn:aws:sagemaker:${this.region}:${this.accountId}:${kind}/${name.toLowerCase()}`;
  }

  // ---- scenario controls -------------------------------------------------------------------------------

  /** The next CreateEndpoint ends `Failed` with this FailureReason. */
  failNextCreate(reason: string): void {
    this.outcomes.create.push({ type: 'fail', reason });
  }

  /** The next UpdateEndpoint ends `InService` on the OLD config, with this FailureReason. */
  failNextUpdate(reason: string): void {
    this.outcomes.update.push({ type: 'fail', reason });
  }

  /** The next UpdateEndpoint is rolled back by this CloudWatch alarm: `InService` on the OLD config. */
  rollbackNextUpdate(alarm: string): void {
    this.outcomes.update.push({ type: 'rollback', alarm });
  }

  /** Endpoints in `Updating` stay there (whatever the polls) until release(). */
  holdUpdating(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
  }

  /** Forces a status; Creating/Updating/SystemUpdating/Deleting then complete after the usual polls. */
  setEndpointStatus(name: string, status: EndpointStatus, failureReason?: string): void {
    const endpoint = this.requireEndpoint(name);
    endpoint.EndpointStatus = status;
    endpoint.FailureReason = failureReason ?? endpoint.FailureReason;
    endpoint.LastModifiedTime = this.clock.now();
    const kind = status === 'Deleting' ? 'delete' : status === 'Creating' ? 'create' : 'system';
    const transitional = ['Creating', 'Updating', 'SystemUpdating', 'Deleting'].includes(status);
    endpoint.pending = transitional
      ? {
          kind,
          describesLeft: this.transitionAfterDescribes,
          outcome: { type: 'succeed' },
          startTime: endpoint.LastModifiedTime,
          configName: endpoint.EndpointConfigName,
          variants: endpoint.ProductionVariants,
        }
      : undefined;
  }

  /** Seeds a model directly (no call recorded). */
  seedModel(options: SeedModel): ModelRecord {
    return this.seeds.model(options);
  }

  seedEndpointConfig(options: SeedEndpointConfig): EndpointConfigRecord {
    return this.seeds.endpointConfig(options);
  }

  /** Seeds an endpoint (and its model and config unless they exist), InService unless `status` says otherwise. */
  seedEndpoint(options: SeedEndpoint): EndpointRecord {
    return this.seeds.endpoint(options);
  }

  reset(): void {
    for (const map of [this.models, this.endpointConfigs, this.endpoints, this.tags]) map.clear();
    this.outcomes = { create: [], update: [] };
    this.holding = false;
    this.limits = {};
    this.transitionAfterDescribes = this.initialTransitionAfterDescribes;
  }

  // ---- used by the operation modules ---------------------------------------------------------------------

  requireModel(name: string): ModelRecord {
    const model = findByName(this.models, name);
    if (!model) throw notFound('model', this.arn('model', name));
    return model;
  }

  requireEndpointConfig(name: string): EndpointConfigRecord {
    const config = findByName(this.endpointConfigs, name);
    if (!config) throw notFound('endpoint-config', this.arn('endpoint-config', name));
    return config;
  }

  requireEndpoint(name: string): EndpointRecord {
    const endpoint = findByName(this.endpoints, name);
    if (!endpoint) throw notFound('endpoint', this.arn('endpoint', name));
    return endpoint;
  }

  putTags(arn: string, tags: Tag[] | undefined): void {
    const current = new Map((this.tags.get(arn) ?? []).map((t) => [t.Key, t.Value]));
    for (const tag of tags ?? []) current.set(tag.Key, tag.Value);
    if (current.size > 50) throw validationError(`Resource "${arn}" cannot have more than 50 tags.`);
    this.tags.set(
      arn,
      [...current].map(([Key, Value]) => ({ Key, Value })),
    );
  }

  takeOutcome(kind: 'create' | 'update'): Outcome {
    return this.outcomes[kind].shift() ?? { type: 'succeed' };
  }

  checkCountLimit(quota: string, unit: string, used: number, limit: number | undefined): void {
    checkCountLimit(quota, unit, used, limit);
  }

  checkInstanceLimits(variants: VariantState[]): void {
    checkInstanceLimits(this.limits.instances ?? {}, variants, [...this.endpoints.values()]);
  }

  /** Called on each DescribeEndpoint: counts the poll down, then completes the pending transition. */
  advance(endpoint: EndpointRecord): void {
    if (this.holding && endpoint.EndpointStatus === 'Updating') return;
    advanceTransition(this, endpoint);
  }
}

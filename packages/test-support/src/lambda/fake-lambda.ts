import type { Handler } from '../server/service.js';
import { aliasOperations } from './aliases.js';
import { functionOperations } from './functions.js';
import { permissionOperations } from './permissions.js';
import {
  conflict,
  type FunctionConfig,
  type FunctionRecord,
  notFound,
  parseFunctionName,
  revisionId,
} from './state.js';
import { urlAndTagOperations } from './urls.js';

/** What the Lambda fake asks the IAM fake when a function takes a role (wired by startFakeAws). */
export interface RoleChecker {
  /** Undefined when Lambda can assume the role, else why not. */
  assumable(roleArn: string): string | undefined;
  allows(roleArn: string, action: string): boolean;
}

/** Stateful fake of the Lambda control-plane calls mlship makes. Behaviour: FAKES.md. */
export class FakeLambda {
  readonly functions = new Map<string, FunctionRecord>();
  roles?: RoleChecker;
  private failures: { kind: 'create' | 'update'; reason: string }[] = [];
  private readonly initialPolls: number;

  constructor(
    readonly region: string,
    readonly accountId: string,
    /** GetFunction/GetFunctionConfiguration polls that still see Pending / InProgress before it completes. */
    public transitionAfterPolls = 2,
  ) {
    this.initialPolls = transitionAfterPolls;
  }

  operations(): Record<string, Handler> {
    return {
      ...functionOperations(this),
      ...aliasOperations(this),
      ...permissionOperations(this),
      ...urlAndTagOperations(this),
    };
  }

  functionArn(name: string, qualifier?: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
  }

  // ---- scenario controls -------------------------------------------------------------------------------

  /** The next CreateFunction ends `State: Failed` with this reason. */
  failNextCreate(reason: string): void {
    this.failures.push({ kind: 'create', reason });
  }

  /** The next code or configuration update ends `LastUpdateStatus: Failed` with this reason. */
  failNextUpdate(reason: string): void {
    this.failures.push({ kind: 'update', reason });
  }

  /** Puts a function into `LastUpdateStatus: InProgress` (someone else's update) for `polls` polls. */
  startOutsideUpdate(name: string, polls = this.transitionAfterPolls): void {
    const record = this.require(name);
    this.beginTransition(record, 'update', polls);
  }

  reset(): void {
    this.functions.clear();
    this.failures = [];
    this.transitionAfterPolls = this.initialPolls;
  }

  // ---- used by the operation modules ---------------------------------------------------------------------

  /** The function named by a name, partial or full ARN; `qualifier` from the ARN when it carries one. */
  lookup(value: string): { record: FunctionRecord; qualifier?: string } {
    const { name, qualifier } = parseFunctionName(value);
    const record = this.functions.get(name);
    if (!record) throw notFound(`Function not found: ${this.functionArn(name)}`);
    return qualifier ? { record, qualifier } : { record };
  }

  require(value: string): FunctionRecord {
    return this.lookup(value).record;
  }

  /** The configuration of `$LATEST`, a version number, or an alias. */
  resolveQualifier(record: FunctionRecord, qualifier: string | undefined): FunctionConfig {
    if (!qualifier || qualifier === '$LATEST') return record.latest;
    const alias = record.aliases.get(qualifier);
    const version = alias ? alias.FunctionVersion : qualifier;
    if (version === '$LATEST') return record.latest;
    const config = record.versions.get(version);
    if (!config)
      throw notFound(`Function not found: ${this.functionArn(record.latest.FunctionName, qualifier)}`);
    return config;
  }

  /** Updates are refused while the function is Pending or an update is in progress (ResourceConflictException). */
  assertIdle(record: FunctionRecord): void {
    const { latest } = record;
    if (latest.State === 'Pending') {
      throw conflict(
        `The operation cannot be performed at this time. The function is currently in the following state: ${latest.State}`,
      );
    }
    if (latest.LastUpdateStatus === 'InProgress') {
      throw conflict(
        `The operation cannot be performed at this time. An update is in progress for resource: ${latest.FunctionArn}`,
      );
    }
  }

  beginTransition(
    record: FunctionRecord,
    kind: 'create' | 'update',
    polls = this.transitionAfterPolls,
  ): void {
    const index = this.failures.findIndex((f) => f.kind === kind);
    const failure = index >= 0 ? this.failures.splice(index, 1)[0]?.reason : undefined;
    record.transition = { kind, pollsLeft: polls, ...(failure ? { failure } : {}) };
    const latest = record.latest;
    latest.LastModified = new Date().toISOString().replace('Z', '+0000');
    latest.RevisionId = revisionId();
    if (kind === 'create') {
      latest.State = 'Pending';
      latest.StateReason = 'The function is being created.';
      latest.StateReasonCode = 'Creating';
      delete latest.LastUpdateStatus;
    } else {
      latest.LastUpdateStatus = 'InProgress';
      latest.LastUpdateStatusReason = 'The function is being updated.';
      delete latest.LastUpdateStatusReasonCode;
    }
    if (polls === 0) this.complete(record);
  }

  /** Called on each GetFunction / GetFunctionConfiguration: counts the poll down, then completes. */
  advance(record: FunctionRecord): void {
    const transition = record.transition;
    if (!transition) return;
    if (transition.pollsLeft > 0) {
      transition.pollsLeft -= 1;
      return;
    }
    this.complete(record);
  }

  private complete(record: FunctionRecord): void {
    const transition = record.transition;
    if (!transition) return;
    record.transition = undefined;
    const latest = record.latest;
    if (transition.kind === 'create') {
      latest.State = transition.failure ? 'Failed' : 'Active';
      if (transition.failure) {
        latest.StateReason = transition.failure;
        latest.StateReasonCode = 'InternalError';
      } else {
        delete latest.StateReason;
        delete latest.StateReasonCode;
      }
      latest.LastUpdateStatus = transition.failure ? 'Failed' : 'Successful';
    } else {
      latest.LastUpdateStatus = transition.failure ? 'Failed' : 'Successful';
    }
    if (transition.failure) {
      latest.LastUpdateStatusReason = transition.failure;
      latest.LastUpdateStatusReasonCode = 'InternalError';
    } else {
      delete latest.LastUpdateStatusReason;
      delete latest.LastUpdateStatusReasonCode;
    }
  }
}

import { type DeployContext, manualClock, RecordingIoHost } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { apigeeNames } from '../src/names.js';
import { plan, revisionsToDelete } from '../src/plan.js';
import type { ApigeeState } from '../src/read.js';
import { apigeeResolved } from './config.js';
import { FUNCTION_URL } from './harness-constants.js';

const resolved = apigeeResolved('/tmp');
const names = apigeeNames(resolved);

function ctx(upstream: DeployContext['upstream'] = {}): DeployContext {
  return {
    resolved,
    host: new RecordingIoHost(),
    upstream,
    wait: true,
    clock: manualClock(0),
    env: {},
    cwd: '/tmp',
  };
}

const deployedState = (contentHash: string): ApigeeState => ({
  names,
  bundle: { path: '/tmp/b.zip', sha256: 'f'.repeat(64), contentHash },
  connected: true,
  revisions: [
    { revision: 1, contentHash: 'old' },
    { revision: 2, contentHash },
  ],
  deployed: [{ revision: 2, state: 'READY' }],
  targetServer: {
    name: names.targetServer,
    host: new URL(FUNCTION_URL).hostname,
    port: 443,
    isEnabled: true,
    sSLInfo: { enabled: true, enforce: true },
  },
  secret: 'same',
  product: {
    name: names.product,
    approvalType: 'auto',
    environments: ['staging'],
    proxies: [names.proxy],
    scopes: [],
    quota: '1000',
    quotaInterval: '1',
    quotaTimeUnit: 'minute',
  },
  developer: undefined,
  app: undefined,
});

describe('apigee plan (pure)', () => {
  it('plans nothing when the serving revision carries the bundle hash and the rest matches', () => {
    const planned = plan(ctx({ lambda: { functionUrl: FUNCTION_URL } }), deployedState('abc'));
    expect(planned.changes).toEqual([]);
    expect(planned.plannedOutputs).toMatchObject({ revision: '2', proxyName: 'iris-staging' });
  });

  it('deploys the existing revision whose content matches instead of importing', () => {
    const state = { ...deployedState('abc'), bundle: { path: '', sha256: '', contentHash: 'old' } };
    const planned = plan(ctx({ lambda: { functionUrl: FUNCTION_URL } }), state);
    expect(planned.detail).toMatchObject({ importRevision: false, deployRevision: 1 });
    expect(planned.changes.map((c) => `${c.action} ${c.resource}`)).toEqual(['update Apigee::Deployment']);
  });

  it('leaves the target server to a check at apply when the Function URL is not known yet', () => {
    const planned = plan(ctx(), deployedState('abc'));
    expect(planned.detail.targetServer).toBe('check');
    const moved = plan(
      ctx({ lambda: { functionUrl: 'https://other.lambda-url.us-east-1.on.aws/' } }),
      deployedState('abc'),
    );
    expect(moved.changes.map((c) => `${c.action} ${c.resource}`)).toEqual(['update Apigee::TargetServer']);
  });

  it('deletes the oldest revisions beyond keepRevisions but never a deployed one', () => {
    expect(revisionsToDelete([1, 2, 3, 4, 5], 5, true, [5])).toEqual([1]);
    expect(revisionsToDelete([1, 2, 3], 2, true, [1])).toEqual([2, 3]);
    expect(revisionsToDelete([1, 2], 5, true, [])).toEqual([]);
  });
});

import { policyDocument } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { deployer } from '../src/index.js';
import type { MonitoringDetail } from '../src/plan.js';
import { engine, resolved, useFakeAws } from './harness.js';

const h = useFakeAws();

describe('monitoring permissions', () => {
  it('without a plan: the alarm, dashboard and log actions on this app; the capture bucket only when mlship makes it', () => {
    const plain = resolved(h.dir.path);
    // biome-ignore lint/suspicious/noExplicitAny: permissions read only ctx.resolved
    const actions = deployer.permissions?.({ resolved: plain } as any).map((p) => p.action) ?? [];
    expect(actions).toContain('cloudwatch:PutMetricAlarm');
    expect(actions).toContain('logs:FilterLogEvents');
    expect(actions).not.toContain('s3:CreateBucket');
    const capture = resolved(h.dir.path, { sagemaker: { dataCapture: { enabled: true } } });
    // biome-ignore lint/suspicious/noExplicitAny: as above
    const policy = policyDocument(deployer.permissions?.({ resolved: capture } as any) ?? []);
    expect(policy.Statement.find((s) => s.Sid === 'CaptureBucket')?.Resource).toEqual([
      'arn:aws:s3:::iris-*-capture-123456789012',
      'arn:aws:s3:::iris-*-capture-123456789012/*',
    ]);
  });

  it('with a plan: a first deploy puts each alarm and the dashboard; a re-run only reads', async () => {
    const config = resolved(h.dir.path);
    const first = await engine(h, config).deploy({ dryRun: true });
    const plan = first.plans.find((p) => p.target === 'monitoring') as Parameters<
      NonNullable<typeof deployer.permissions>
    >[1] & { detail: MonitoringDetail };
    // biome-ignore lint/suspicious/noExplicitAny: as above
    const ctx = { resolved: config } as any;
    const puts = deployer.permissions?.(ctx, plan).filter((p) => p.action === 'cloudwatch:PutMetricAlarm');
    expect(puts?.map((p) => p.resource.split(':alarm:')[1]).sort()).toHaveLength(6);
    await engine(h, config).deploy();
    const again = await engine(h, config).deploy({ dryRun: true });
    const noop = again.plans.find((p) => p.target === 'monitoring') as typeof plan;
    expect(deployer.permissions?.(ctx, noop).map((p) => p.action)).toEqual([
      'cloudwatch:DescribeAlarms',
      'cloudwatch:GetDashboard',
    ]);
  });
});

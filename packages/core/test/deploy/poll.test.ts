import { describe, expect, it } from 'vitest';
import {
  awsClientConfig,
  formatElapsed,
  manualClock,
  pollUntil,
  regionOverrideNotice,
} from '../../src/index.js';

describe('pollUntil', () => {
  it('polls fast first, then every 30 s, until done', async () => {
    const clock = manualClock();
    let reads = 0;
    const state = await pollUntil({
      clock,
      read: async () => ++reads,
      done: (n) => n === 8,
      timeoutMs: 3_600_000,
      what: 'x',
    });
    expect(state).toBe(8);
    expect(clock.sleeps).toEqual([2000, 4000, 8000, 15000, 30000, 30000, 30000]);
  });

  it('throws WAIT_TIMEOUT (a deploy error) once the overall timeout passes', async () => {
    const clock = manualClock();
    const states: string[] = [];
    const error = await pollUntil({
      clock,
      read: async () => 'Updating',
      done: () => false,
      timeoutMs: 60_000,
      what: 'endpoint e',
      onState: (s) => states.push(s),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'WAIT_TIMEOUT', exitCode: 1 });
    expect(clock.elapsed()).toBe(60_000);
    expect(states.length).toBeGreaterThan(3);
  });

  it('formats elapsed time', () => {
    expect(formatElapsed(9_500)).toBe('9s');
    expect(formatElapsed(125_000)).toBe('2m05s');
  });
});

describe('awsClientConfig', () => {
  it("uses release.yaml's region even when AWS_REGION differs, adaptive retries, never an endpoint", () => {
    expect(awsClientConfig('eu-central-1', {})).toEqual({
      region: 'eu-central-1',
      retryMode: 'adaptive',
      maxAttempts: 8,
      customUserAgent: 'mlship/0.1.0',
    });
    const withEnv = awsClientConfig('eu-central-1', { AWS_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '3' });
    expect(withEnv).toEqual({
      region: 'eu-central-1',
      retryMode: 'adaptive',
      maxAttempts: 3,
      customUserAgent: 'mlship/0.1.0',
    });
    expect(JSON.stringify(withEnv)).not.toContain('endpoint');
    expect(awsClientConfig(undefined, { AWS_REGION: 'us-east-1' }).region).toBeUndefined();
  });

  it('says when release.yaml overrides AWS_REGION, and only then', () => {
    expect(regionOverrideNotice('eu-central-1', { AWS_REGION: 'us-east-1' }, 'prod')).toBe(
      'AWS_REGION=us-east-1 is ignored: release.yaml deploys prod to eu-central-1',
    );
    expect(regionOverrideNotice('eu-central-1', { AWS_REGION: 'eu-central-1' }, 'prod')).toBeUndefined();
    expect(regionOverrideNotice('eu-central-1', {}, 'prod')).toBeUndefined();
  });
});

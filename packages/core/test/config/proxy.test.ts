import { formatProblem, proxyTimeoutSeconds } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { problemsOf, valid, withLines } from './fixtures.js';

describe('release.yaml proxy section', () => {
  it('fills the proxy and cache defaults the Lambda deployer needs', () => {
    const { environments } = valid(withLines({}));
    const dev = environments.find((e) => e.env === 'dev')?.config;
    expect(dev?.proxy).toEqual({
      memoryMb: 512,
      architecture: 'arm64',
      runtime: 'nodejs24.x',
      logRetentionDays: 30,
      keepVersions: 3,
    });
    expect(dev?.cache).toMatchObject({ maxEntryBytes: 262144, connectTimeoutMs: 100, commandTimeoutMs: 100 });
  });

  it('derives the timeout from the model, capped at 29 s behind API Gateway', () => {
    const { environments } = valid(withLines({}));
    const byEnv = Object.fromEntries(environments.map((e) => [e.env, proxyTimeoutSeconds(e.config)]));
    expect(byEnv).toEqual({ dev: 25, prod: 25 });
    const slow = valid(withLines({ 2: 'model: { framework: onnx, timeoutSeconds: 40 }' })).environments;
    expect(Object.fromEntries(slow.map((e) => [e.env, proxyTimeoutSeconds(e.config)]))).toEqual({
      dev: 29,
      prod: 45,
    });
  });

  it('warns when a set timeout exceeds API Gateway 29 s or does not cover the model timeout', () => {
    const { warnings } = valid(withLines({}, ['proxy: { timeoutSeconds: 60 }']));
    expect(warnings.map(formatProblem)).toEqual([
      "release.yaml:21:26 proxy.timeoutSeconds [dev]: 60 s is above API Gateway's 29 s integration timeout; the client gets a 504 first (use at most 29, or front: apigee)",
    ]);
    const short = valid(withLines({}, ['proxy: { timeoutSeconds: 10 }'])).warnings.map(formatProblem);
    // Both environments share the warning, so it is reported once, without an environment tag.
    expect(short).toEqual([
      'release.yaml:21:26 proxy.timeoutSeconds: 10 s does not exceed model.timeoutSeconds (20 s): the proxy stops before a slow prediction answers (use at least 21, or leave it unset)',
    ]);
  });

  it('rejects an architecture, retention or memory Lambda does not offer', () => {
    const { errors } = problemsOf(
      withLines({}, ['proxy: { architecture: arm, logRetentionDays: 10, memoryMb: 64 }']),
      'dev',
    );
    expect(errors.join('\n')).toMatch(/proxy\.architecture.*arm64.*x86_64/);
    expect(errors.join('\n')).toMatch(/proxy\.logRetentionDays/);
    expect(errors.join('\n')).toMatch(/proxy\.memoryMb/);
  });
});

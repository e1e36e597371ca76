/**
 * Deploy benchmark against the AWS fakes: the time of each phase (read, plan, apply) per target for a first deploy
 * and for a no-op re-deploy of the whole chain, and the AWS calls the no-op makes (goal: 0 mutating).
 * The chain: sagemaker → lambda → apigateway (a dev environment, the whole AWS chain).
 * Run: pnpm exec tsx --conditions=source bench/deploy.ts → bench/results/deploy.json
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Deployer, deploy, manualClock, RecordingIoHost } from '../packages/core/src/index.js';
import { startFakeAws } from '../packages/test-support/src/index.js';

const rounds = Number(process.env.BENCH_DEPLOY_ROUNDS ?? 5);
const release = `name: iris
model: { framework: onnx }
region: eu-west-1
image: { repository: iris }
sagemaker:
  executionRoleArn: arn:aws:iam::123456789012:role/sagemaker-exec
  instance: { type: ml.m5.large, count: 1 }
tags: { team: bench }
front: apigateway
api:
  apigateway: {}
environments:
  dev: {}
`;

type Phase = 'read' | 'plan' | 'apply';
const timings: Array<{ run: string; target: string; phase: Phase; ms: number }> = [];
let run = '';

function timed(name: string, deployer: Deployer): Deployer {
  const time = <T>(phase: Phase, started: number, value: T) => {
    timings.push({ run, target: name, phase, ms: performance.now() - started });
    return value;
  };
  return {
    ...deployer,
    async read(ctx) {
      const started = performance.now();
      return time('read', started, await deployer.read(ctx));
    },
    plan(ctx, current) {
      const started = performance.now();
      return time('plan', started, deployer.plan(ctx, current));
    },
    async apply(plan, ctx) {
      const started = performance.now();
      return time('apply', started, await deployer.apply(plan, ctx));
    },
  };
}

const aws = await startFakeAws({ transitionAfterDescribes: 0 });
Object.assign(process.env, aws.env);
delete process.env.AWS_REGION;
const dir = mkdtempSync(join(tmpdir(), 'mlship-bench-deploy-'));
writeFileSync(join(dir, 'release.yaml'), release);
const importer = async (specifier: string) => {
  const name = specifier.replace('@mlship/', '');
  const mod = (await import(`../packages/${name}/src/index.js`)) as { deployer: Deployer };
  return { deployer: timed(name.replace('deployer-', ''), mod.deployer) };
};
const deployOnce = async (label: string) => {
  run = label;
  const started = performance.now();
  const result = await deploy({
    file: join(dir, 'release.yaml'),
    env: 'dev',
    host: new RecordingIoHost(),
    importer,
    // the fakes finish transitions at once; a manual clock skips the deployers' poll intervals, so phases are work
    clock: manualClock(Date.now()),
    imageTag: 'v1',
    yes: true,
    cwd: dir,
    processEnv: process.env,
  });
  return { ms: performance.now() - started, changed: result.changed, targets: result.summary.length };
};

const first: Array<{ ms: number }> = [];
const noop: Array<{ ms: number; calls: number; mutating: number; changed: boolean; targets: number }> = [];
try {
  for (let round = 0; round < rounds; round++) {
    aws.reset();
    aws.ecr.putImage('iris', 'v1');
    rmSync(join(dir, '.mlship'), { recursive: true, force: true });
    first.push(await deployOnce('first'));
    const before = aws.calls.length;
    const mutatingBefore = aws.mutatingCalls().length;
    const again = await deployOnce('no-op');
    noop.push({
      ...again,
      calls: aws.calls.length - before,
      mutating: aws.mutatingCalls().length - mutatingBefore,
    });
  }
} finally {
  await aws.stop();
  rmSync(dir, { recursive: true, force: true });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const phases = ['first', 'no-op'].flatMap((label) =>
  [...new Set(timings.map((t) => t.target))].flatMap((target) =>
    (['read', 'plan', 'apply'] as const).map((phase) => ({
      run: label,
      target,
      phase,
      medianMs: Number(
        median(
          timings.filter((t) => t.run === label && t.target === target && t.phase === phase).map((t) => t.ms),
        ).toFixed(2),
      ),
    })),
  ),
);
const results = {
  date: new Date().toISOString(),
  rounds,
  chain: [...new Set(timings.map((t) => t.target))],
  firstDeployMedianMs: Number(median(first.map((r) => r.ms)).toFixed(1)),
  noopRedeployMedianMs: Number(median(noop.map((r) => r.ms)).toFixed(1)),
  noopCalls: median(noop.map((r) => r.calls)),
  noopMutatingCalls: Math.max(...noop.map((r) => r.mutating)),
  noopChanged: noop.some((r) => r.changed),
  phases,
};
writeFileSync(join(import.meta.dirname, 'results', 'deploy.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));

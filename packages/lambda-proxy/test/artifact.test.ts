import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '@mlship/test-support';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProxyArtifact } from '../src/artifact.js';
import { PACKAGE_ROOT } from '../src/bundle.js';
import { startRuntimeStandIn } from '../src/local/index.js';
import { node24 } from './support/node24.js';
import {
  makeCertificate,
  type RedisServer,
  redisUnavailable,
  startRedisServer,
} from './support/redis-server.js';
import { startStubUpstream } from './support/stub-upstream.js';

const tsx = join(PACKAGE_ROOT, '..', '..', 'node_modules', '.bin', 'tsx');

/** Copies the package's sources to a fresh folder and builds the zip there, with its own TZ and umask. */
async function buildElsewhere(dir: string, tz: string, umask: string): Promise<Buffer> {
  const root = join(dir, 'some', 'other', 'lambda-proxy');
  mkdirSync(root, { recursive: true });
  cpSync(join(PACKAGE_ROOT, 'src'), join(root, 'src'), { recursive: true });
  cpSync(join(PACKAGE_ROOT, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(root, 'node_modules'));
  const out = join(dir, 'proxy.zip');
  const script = join(PACKAGE_ROOT, 'scripts', 'write-zip.ts');
  execFileSync('sh', ['-c', `umask ${umask} && exec "$0" --conditions=source "$@"`, tsx, script, out, root], {
    cwd: dir,
    env: { ...process.env, TZ: tz },
    stdio: 'pipe',
  });
  return readFileSync(out);
}

describe('the Lambda zip', () => {
  const dirs: { path: string; cleanup(): Promise<void> }[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => dir.cleanup())));

  it('is byte-identical when built twice in different folders, time zones and umasks, and matches loadProxyArtifact()', async () => {
    const [a, b] = [await tempDir('mlship-zip-a-'), await tempDir('mlship-zip-b-')];
    dirs.push(a, b);
    const first = await buildElsewhere(a.path, 'Pacific/Kiritimati', '077');
    const second = await buildElsewhere(b.path, 'America/Adak', '022');
    expect(Buffer.compare(first, second)).toBe(0);

    const artifact = await loadProxyArtifact();
    expect(Buffer.compare(Buffer.from(artifact.bytes), first)).toBe(0);
    expect(artifact.handler).toBe('index.handler');
    expect(artifact.size).toBe(first.length);
    expect(artifact.size).toBeLessThanOrEqual(500 * 1024);

    const files = unzipSync(artifact.bytes);
    expect(Object.keys(files)).toEqual(['index.mjs']);
    const code = Buffer.from(files['index.mjs'] as Uint8Array).toString('utf8');
    for (const leak of [a.path, b.path, PACKAGE_ROOT, '/tmp/', '/root/', 'sourceMappingURL']) {
      expect(code).not.toContain(leak);
    }
  });
});

const RUN = `const { handler } = await import('./index.mjs');
const event = { httpMethod: 'POST', path: '/predict', headers: { 'Content-Type': 'application/json' },
  body: '{"instances":[[1,2,3,4]]}', requestContext: { requestId: 'r' } };
const answers = [];
for (let i = 0; i < 2; i++) answers.push(await handler(event));
process.stdout.write('RESULT ' + JSON.stringify({ version: process.version, answers }) + '\\n');
process.exit(0);`;

describe.skipIf(redisUnavailable())('the zip under Node 24', () => {
  let plain: RedisServer;
  let tls: RedisServer;
  let certFile: string;
  let upstream: Awaited<ReturnType<typeof startStubUpstream>>;
  let runtime: Awaited<ReturnType<typeof startRuntimeStandIn>>;
  let work: { path: string; cleanup(): Promise<void> };
  let node: { path: string } | { skip: string };

  beforeAll(async () => {
    node = node24();
    work = await tempDir('mlship-zip-run-');
    const files = unzipSync((await loadProxyArtifact()).bytes);
    writeFileSync(join(work.path, 'index.mjs'), files['index.mjs'] as Uint8Array);
    writeFileSync(join(work.path, 'run.mjs'), RUN);
    const certificate = makeCertificate(work.path);
    certFile = certificate.certFile;
    [plain, tls] = await Promise.all([startRedisServer(), startRedisServer(certificate)]);
    upstream = await startStubUpstream(() => ({ status: 200, body: '{"predictions":[[0.2,0.8]]}' }));
    runtime = await startRuntimeStandIn({ upstream: upstream.url, endpoints: ['iris'] });
  }, 300_000);

  afterAll(async () => {
    await runtime?.close();
    await upstream?.close();
    await Promise.all([plain?.stop(), tls?.stop()]);
    await work?.cleanup();
  });

  /** Runs the zip's handler twice in a fresh Node 24 process (asynchronously: the stand-ins live in this one). */
  async function twice(node: { path: string }, env: Record<string, string>) {
    const { stdout, stderr } = await promisify(execFile)(node.path, ['run.mjs'], {
      cwd: work.path,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        ENDPOINT_NAME: 'iris',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST',
        AWS_SECRET_ACCESS_KEY: 'local-test-secret',
        AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME: runtime.url,
        // Generous: a TLS handshake on a loaded machine can take longer than the 100 ms default.
        REDIS_CONNECT_TIMEOUT_MS: '2000',
        REDIS_COMMAND_TIMEOUT_MS: '2000',
        ...env,
      },
    });
    const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
    const result = JSON.parse((line ?? 'RESULT {}').slice(7)) as {
      version: string;
      answers: { statusCode: number; headers: Record<string, string>; body: string }[];
    };
    return { ...result, stderr, seen: result.answers.map((a) => [a.statusCode, a.headers['x-cache']]) };
  }

  it('loads index.mjs and answers MISS then HIT through the real SDK and Redis', async (ctx) => {
    if ('skip' in node) return ctx.skip(node.skip);
    const before = runtime.invocations('iris');
    const result = await twice(node, { MODEL_VERSION: 'plain', REDIS_URL: plain.url });
    expect(result.version).toMatch(/^v24\./);
    expect(result.seen).toEqual([
      [200, 'MISS'],
      [200, 'HIT'],
    ]);
    expect(JSON.parse(result.answers[1]?.body ?? '')).toEqual({ predictions: [[0.2, 0.8]] });
    expect(runtime.invocations('iris') - before).toBe(1);
  });

  it('speaks TLS to a rediss:// Redis that accepts TLS only, as ElastiCache Serverless does', async (ctx) => {
    if ('skip' in node) return ctx.skip(node.skip);
    const result = await twice(node, {
      MODEL_VERSION: 'tls',
      REDIS_URL: tls.url,
      NODE_EXTRA_CA_CERTS: certFile,
    });
    expect(tls.url).toMatch(/^rediss:/);
    expect(result.seen).toEqual([
      [200, 'MISS'],
      [200, 'HIT'],
    ]);
  });

  it('verifies the TLS certificate: an untrusted one means BYPASS and a warning, never a failed request', async (ctx) => {
    if ('skip' in node) return ctx.skip(node.skip);
    const result = await twice(node, { MODEL_VERSION: 'untrusted', REDIS_URL: tls.url });
    expect(result.seen).toEqual([
      [200, 'BYPASS'],
      [200, 'BYPASS'],
    ]);
    expect(result.stderr).toContain('PROXY_REDIS_UNAVAILABLE');
  });
});

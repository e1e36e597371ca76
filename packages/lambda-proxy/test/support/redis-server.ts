import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './ports.js';

/** A real redis-server on a free loopback port: stop/start keep the port, pause/resume freeze it (SIGSTOP). */
export interface RedisServer {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
}

/** Skip Redis tests only on a developer machine without redis-server; in CI (`CI` set) they run and fail loudly. */
export function redisUnavailable(): boolean {
  return !process.env.CI && !hasRedisServer();
}

function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed certificate for 127.0.0.1 (openssl CLI), for a TLS-only server like ElastiCache Serverless. */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export function makeCertificate(dir: string): TlsFiles {
  const files = { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') };
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      files.keyFile,
      '-out',
      files.certFile,
    ],
    { stdio: 'ignore' },
  );
  return files;
}

export async function startRedisServer(tls?: TlsFiles): Promise<RedisServer> {
  const port = await freePort();
  const listen = tls
    ? [
        '--port',
        '0',
        '--tls-port',
        String(port),
        '--tls-cert-file',
        tls.certFile,
        '--tls-key-file',
        tls.keyFile,
      ]
    : ['--port', String(port)];
  const tlsOptions = tls ? ['--tls-ca-cert-file', tls.certFile, '--tls-auth-clients', 'no'] : [];
  let child: ChildProcess | undefined;
  const server: RedisServer = {
    url: `${tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`,
    port,
    async start() {
      if (child && child.exitCode === null) return;
      const started = spawn(
        'redis-server',
        [...listen, ...tlsOptions, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Ready to accept connections')) resolve();
        };
        started.stdout?.on('data', onData);
        started.stderr?.on('data', onData);
        started.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
      });
      child = started;
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGCONT');
      running.kill('SIGKILL');
      await exited;
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
  };
  await server.start();
  return server;
}

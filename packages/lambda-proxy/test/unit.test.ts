import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { cacheKey, canonicalJson } from '../src/cache-key.js';
import { createProxy, readProxyConfig } from '../src/index.js';
import { RedisCache } from '../src/redis-cache.js';
import { freePort } from './support/ports.js';

describe('cache key', () => {
  it('does not depend on key order at any depth, and differs for another endpoint, version or body', () => {
    const body = { b: [1, { d: 2, c: 'x' }], a: null };
    const key = cacheKey('iris', 'v1', body);
    expect(cacheKey('iris', 'v1', { a: null, b: [1, { c: 'x', d: 2 }] })).toBe(key);
    expect(key).toMatch(/^mlship:proxy:[0-9a-f]{64}$/);
    expect(cacheKey('iris2', 'v1', body)).not.toBe(key);
    expect(cacheKey('iris', 'v2', body)).not.toBe(key);
    expect(cacheKey('iris', 'v1', { ...body, a: 0 })).not.toBe(key);
    expect(cacheKey('ab', 'c', {})).not.toBe(cacheKey('a', 'bc', {}));
  });

  it('gives JSON that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('readProxyConfig', () => {
  it('applies the documented defaults', () => {
    expect(readProxyConfig({ ENDPOINT_NAME: 'e' })).toEqual({
      endpointName: 'e',
      modelVersion: '',
      redisUrl: undefined,
      cacheTtlSeconds: 3600,
      cacheMaxEntryBytes: 1_048_576,
      maxBodyBytes: 6_291_456,
      redisConnectTimeoutMs: 100,
      redisCommandTimeoutMs: 100,
      redisCooldownMs: 5000,
      invokeTimeoutMs: 60_000,
      originSecret: undefined,
    });
  });

  it('names the variable that is missing or malformed', () => {
    expect(() => readProxyConfig({})).toThrow(/ENDPOINT_NAME/);
    expect(() => readProxyConfig({ ENDPOINT_NAME: 'e', REDIS_COMMAND_TIMEOUT_MS: '0.5' })).toThrow(
      /REDIS_COMMAND_TIMEOUT_MS must be an integer ≥ 1, got "0.5"/,
    );
  });
});

describe('a REDIS_URL that cannot be used', () => {
  it('turns the cache off with one coded error that does not echo the URL, and requests still succeed', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const config = readProxyConfig({ ENDPOINT_NAME: 'e', REDIS_URL: 'http://user:hunter2@cache:6379' });
      const invoke = async () => ({
        body: '{"predictions":[1]}',
        base64: false,
        contentType: 'application/json',
      });
      const proxy = createProxy(config, { invoke, writeMetrics: () => {} });
      const event = { httpMethod: 'POST', path: '/predict', body: '{"instances":[1]}' };
      const result = await proxy.handler(event);
      expect([result.statusCode, result.headers['x-cache']]).toEqual([200, 'BYPASS']);
      const lines = stderr.mock.calls.map(([line]) => String(line));
      expect(lines.map((line) => JSON.parse(line).code)).toEqual(['PROXY_REDIS_URL_INVALID']);
      expect(lines.join('')).not.toContain('hunter2');
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('RedisCache', () => {
  it('bypasses when Redis refuses, logs one warning without the password, and skips Redis during the cool-down', async () => {
    const port = await freePort();
    let now = 1_000;
    const cache = new RedisCache({
      url: `redis://:pa55w0rd-secret@127.0.0.1:${port}`,
      connectTimeoutMs: 100,
      commandTimeoutMs: 100,
      cooldownMs: 5000,
      now: () => now,
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await cache.get('k')).toBe('bypass');
      expect(await cache.get('k')).toBe('bypass');
      now += 6000;
      expect(await cache.get('k')).toBe('bypass');
      const lines = stderr.mock.calls.map(([line]) => String(line));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] as string)).toMatchObject({
        level: 'WARN',
        code: 'PROXY_REDIS_UNAVAILABLE',
        redis: `redis://127.0.0.1:${port}`,
      });
      expect(lines.join('')).not.toContain('pa55w0rd');
    } finally {
      stderr.mockRestore();
      await cache.close();
    }
  });

  it('connects with TLS for rediss:// URLs (ElastiCache Serverless accepts TLS only)', async () => {
    const cache = new RedisCache({
      url: 'rediss://cache.example:6379',
      connectTimeoutMs: 1,
      commandTimeoutMs: 1,
      cooldownMs: 0,
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { Redis } = await import('ioredis');
    const connect = vi.spyOn(Redis.prototype, 'connect').mockImplementation(function (
      this: InstanceType<typeof Redis>,
    ) {
      expect(this.options.tls).toBeTruthy();
      expect(this.options.host).toBe('cache.example');
      return new Promise(() => {});
    });
    try {
      expect(await cache.get('k')).toBe('bypass');
      expect(connect).toHaveBeenCalledTimes(1);
    } finally {
      connect.mockRestore();
      stderr.mockRestore();
      await cache.close();
    }
  });
});

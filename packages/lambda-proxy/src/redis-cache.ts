import { Redis } from 'ioredis';
import { logLine } from './log.js';
import { within } from './timeout.js';

export interface RedisCacheOptions {
  url: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  cooldownMs: number;
  now?: () => number;
}

/** `bypass`: Redis was skipped or failed; the request is served uncached. */
export type CacheRead = { hit: string } | 'miss' | 'bypass';

/** What the proxy needs from a response cache; a failure must come back as `bypass`, never as a rejection. */
export interface ResponseCache {
  get(key: string): Promise<CacheRead>;
  set(key: string, value: string, ttlSeconds: number): void;
  close(): Promise<void>;
}

/**
 * A response cache that can never fail or stall a request: one lazily connected client per container, no offline
 * queue, every connect and command raced against its timeout. Any failure opens a circuit breaker: the client is
 * dropped (a hung or thawed-dead socket is never reused), Redis is skipped for `cooldownMs`, then a fresh client
 * is tried.
 */
export class RedisCache implements ResponseCache {
  readonly #options: RedisCacheOptions;
  readonly #now: () => number;
  readonly #where: string;
  readonly #password: string;
  #client: Redis | undefined;
  #ready: Promise<Redis> | undefined;
  #openUntil = 0;
  #down = false;

  constructor(options: RedisCacheOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    const url = new URL(options.url);
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
      throw new Error('not a redis:// or rediss:// URL');
    this.#where = `${url.protocol}//${url.host}`;
    this.#password = decodeURIComponent(url.password);
  }

  async get(key: string): Promise<CacheRead> {
    let client: Redis | undefined;
    try {
      const ready = this.#connect();
      if (!ready) return 'bypass';
      client = await ready;
      const value = await within(client.get(key), this.#options.commandTimeoutMs, 'Redis GET');
      this.#recovered();
      return value === null ? 'miss' : { hit: value };
    } catch (error) {
      this.#trip(error, client);
      return 'bypass';
    }
  }

  /** Fire and forget: the response never waits for the write. */
  set(key: string, value: string, ttlSeconds: number): void {
    const client = this.#client;
    if (client?.status !== 'ready' || this.#now() < this.#openUntil) return;
    within(client.set(key, value, 'EX', ttlSeconds), this.#options.commandTimeoutMs, 'Redis SET').catch(
      (error) => this.#trip(error, client),
    );
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#ready = undefined;
    client?.disconnect();
  }

  #connect(): Promise<Redis> | undefined {
    if (this.#ready) return this.#ready;
    if (this.#now() < this.#openUntil) return undefined;
    const { connectTimeoutMs, commandTimeoutMs } = this.#options;
    const client = new Redis(this.#options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      enableReadyCheck: false,
      connectTimeout: connectTimeoutMs,
      commandTimeout: commandTimeoutMs,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      autoResendUnfulfilledCommands: false,
    });
    // Without a listener a socket error would be thrown as an uncaught exception and end the container.
    client.on('error', (error: Error) => this.#trip(error, client));
    client.on('end', () => this.#trip(new Error('connection closed'), client));
    const connecting = client.connect();
    connecting.catch(() => {});
    this.#client = client;
    this.#ready = within(connecting, connectTimeoutMs, 'Redis connect').then(() => client);
    this.#ready.catch(() => {});
    return this.#ready;
  }

  #trip(error: unknown, client: Redis | undefined): void {
    if (client !== undefined && client !== this.#client) return;
    const current = this.#client;
    this.#client = undefined;
    this.#ready = undefined;
    this.#openUntil = this.#now() + this.#options.cooldownMs;
    current?.disconnect();
    if (this.#down) return;
    this.#down = true;
    logLine('WARN', 'PROXY_REDIS_UNAVAILABLE', 'Redis failed; serving uncached until it answers again', {
      redis: this.#where,
      error: this.#redact(error instanceof Error ? error.message : String(error)),
      cooldownMs: this.#options.cooldownMs,
    });
  }

  #recovered(): void {
    if (!this.#down) return;
    this.#down = false;
    logLine('INFO', 'PROXY_REDIS_RECOVERED', 'Redis answers again; caching resumed', { redis: this.#where });
  }

  #redact(message: string): string {
    return this.#password ? message.replaceAll(this.#password, '***') : message;
  }
}

import type { CacheRead, ResponseCache } from '@mlship/lambda-proxy';

/** The cache of last resort for `mlship dev` without Redis: entries in this process, with their TTL. */
export class MemoryCache implements ResponseCache {
  readonly #entries = new Map<string, { value: string; expires: number }>();

  async get(key: string): Promise<CacheRead> {
    const entry = this.#entries.get(key);
    if (!entry) return 'miss';
    if (Date.now() >= entry.expires) {
      this.#entries.delete(key);
      return 'miss';
    }
    return { hit: entry.value };
  }

  set(key: string, value: string, ttlSeconds: number): void {
    this.#entries.set(key, { value, expires: Date.now() + ttlSeconds * 1000 });
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }
}

import type { UsagePlanRecord } from './state.js';

/** Per key and plan: a token bucket for the throttle and a counter for the quota, on an injectable clock. */
export class UsageMeter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly used = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** 'THROTTLED' or 'QUOTA_EXCEEDED' when the request must be refused, else undefined (and it is counted). */
  admit(plan: UsagePlanRecord, keyId: string): 'THROTTLED' | 'QUOTA_EXCEEDED' | undefined {
    const id = `${plan.id}/${keyId}`;
    const { throttle, quota } = plan;
    if (quota?.limit !== undefined && (this.used.get(id) ?? 0) >= quota.limit) return 'QUOTA_EXCEEDED';
    if (throttle?.burstLimit !== undefined && throttle.rateLimit !== undefined) {
      const now = this.now();
      const bucket = this.buckets.get(id) ?? { tokens: throttle.burstLimit, at: now };
      bucket.tokens = Math.min(
        throttle.burstLimit,
        bucket.tokens + ((now - bucket.at) / 1000) * throttle.rateLimit,
      );
      bucket.at = now;
      this.buckets.set(id, bucket);
      if (bucket.tokens < 1) return 'THROTTLED';
      bucket.tokens -= 1;
    }
    this.used.set(id, (this.used.get(id) ?? 0) + 1);
    return undefined;
  }

  reset(): void {
    this.buckets.clear();
    this.used.clear();
  }
}

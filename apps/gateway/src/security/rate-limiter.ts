/** Settings of {@link RateLimiter}. */
export interface RateLimit {
  /** Most operations a key may send at once (bucket size). */
  burst: number;
  /** Tokens added back per second. */
  perSecond: number;
}

/**
 * Token bucket per key, in memory: each operation takes one token; tokens refill continuously
 * up to `burst`. One gateway replica limits on its own (N replicas allow N times the rate).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token for `key`; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: t };
    b.tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / this.limit.perSecond;
  }
}

/**
 * Remembers each key's count for `ttlMs`, sharing one lookup between concurrent callers, so an
 * autoscaler polling every few seconds (from several replicas) costs one visibility call per
 * key and period. A failed lookup is not remembered.
 */
export class CachedCount {
  private readonly entries = new Map<string, { expiresAt: number; value: Promise<number> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The remembered count of `key`, or the one `lookup` answers (then kept for the TTL). */
  get(key: string, lookup: () => Promise<number>): Promise<number> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    const value = lookup();
    this.entries.set(key, { expiresAt: this.now() + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

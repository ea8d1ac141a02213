/** Milliseconds since some fixed point; `Date.now` unless a test passes its own. */
export type Clock = () => number;

interface Entry<V> {
  value: Promise<V>;
  expiresAt: number;
}

/**
 * A small in-process cache of promises by key, bounded in entries (least recently used go first).
 * Callers asking for a key while it loads share the one load, so a burst of requests costs one
 * call to Temporal or S3. How long a value stays is decided from the value once it has loaded
 * (`Infinity` for what never changes, 0 for what must not be kept); a failed load is not kept.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: Clock = Date.now,
  ) {}

  /** The value under `key`, loaded with `load` when missing or expired; kept for `ttlMs(value)` ms. */
  get(key: string, load: () => Promise<V>, ttlMs: (value: V) => number): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && this.now() < hit.expiresAt) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const entry: Entry<V> = { value: load(), expiresAt: Infinity };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    entry.value.then(
      (v) => (entry.expiresAt = this.now() + ttlMs(v)),
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    return entry.value;
  }

  /** Forgets `key`. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** How many keys are held (loaded, loading or expired but not yet replaced). */
  get size(): number {
    return this.entries.size;
  }
}

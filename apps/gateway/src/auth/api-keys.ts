import { createHash, timingSafeEqual } from 'node:crypto';

/** Hex SHA-256 of an API key: only hashes are configured or kept. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Resolves presented API keys to owners, from `owner:sha256hex` pairs. */
export class ApiKeyRegistry {
  private readonly entries: { owner: string; hash: Buffer }[];

  constructor(spec: string) {
    this.entries = spec.split(',').map((pair) => {
      const [owner, hex] = pair.split(':');
      return { owner, hash: Buffer.from(hex, 'hex') };
    });
  }

  /** The owner of `key`, or undefined. Compares in constant time. */
  ownerOf(key: string): string | undefined {
    const presented = Buffer.from(hashApiKey(key), 'hex');
    return this.entries.find((e) => timingSafeEqual(e.hash, presented))?.owner;
  }
}

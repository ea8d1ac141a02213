import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import stableStringify from 'fast-json-stable-stringify';

/** Canonical JSON: keys sorted at every depth, `undefined` fields dropped. */
export function canonicalJson(value: unknown): string {
  return stableStringify(value);
}

/** Hex SHA-256 of the canonical JSON of `value`. Pure JS, so it runs inside the workflow sandbox. */
export function hashOf(value: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));
}

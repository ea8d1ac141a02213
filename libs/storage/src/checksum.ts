import { createHash } from 'node:crypto';

/** SHA-256 of `bytes` as lowercase hex (manifests, `sha256` object metadata). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Converts a hex SHA-256 to the base64 form S3 expects in `x-amz-checksum-sha256`. */
export function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

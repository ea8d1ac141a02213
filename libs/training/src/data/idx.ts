import { gunzipSync } from 'zlib';
import { DatasetError } from './types';

/** A decoded IDX array: dimensions and the values in row-major order. */
export interface IdxArray {
  dims: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

type Reader = {
  size: number;
  make: (n: number) => IdxArray['data'];
  get: (v: DataView, o: number) => number;
};

/** IDX element types by their type byte; multi-byte values are big-endian. */
const TYPES: Record<number, Reader> = {
  0x08: { size: 1, make: (n) => new Uint8Array(n), get: (v, o) => v.getUint8(o) },
  0x09: { size: 1, make: (n) => new Int8Array(n), get: (v, o) => v.getInt8(o) },
  0x0b: { size: 2, make: (n) => new Int16Array(n), get: (v, o) => v.getInt16(o, false) },
  0x0c: { size: 4, make: (n) => new Int32Array(n), get: (v, o) => v.getInt32(o, false) },
  0x0d: { size: 4, make: (n) => new Float32Array(n), get: (v, o) => v.getFloat32(o, false) },
  0x0e: { size: 8, make: (n) => new Float64Array(n), get: (v, o) => v.getFloat64(o, false) },
};

/**
 * Parses an IDX file (the MNIST / Fashion-MNIST format), gunzipping it first when it starts
 * with the gzip magic 1f 8b. Unsigned-byte data is returned as a view on the (decompressed)
 * bytes, without a copy. Throws `DatasetError('DatasetInvalid')` on a malformed file.
 */
export function parseIdx(bytes: Uint8Array): IdxArray {
  const raw =
    bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? new Uint8Array(gunzipSync(bytes)) : bytes;
  if (raw.length < 4 || raw[0] !== 0 || raw[1] !== 0)
    throw new DatasetError('DatasetInvalid', 'not an IDX file (bad magic)');
  const type = TYPES[raw[2]];
  if (!type) throw new DatasetError('DatasetInvalid', `unknown IDX element type 0x${raw[2].toString(16)}`);
  const rank = raw[3];
  const header = 4 + 4 * rank;
  if (raw.length < header) throw new DatasetError('DatasetInvalid', 'IDX header truncated');
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = dims.reduce((a, b) => a * b, 1);
  if (raw.length !== header + count * type.size) {
    throw new DatasetError(
      'DatasetInvalid',
      `IDX body has ${raw.length - header} bytes, dims ${dims.join('x')} need ${count * type.size}`,
    );
  }
  if (type.size === 1 && raw[2] === 0x08) return { dims, data: raw.subarray(header) };
  const data = type.make(count);
  for (let i = 0; i < count; i++) data[i] = type.get(view, header + i * type.size);
  return { dims, data };
}

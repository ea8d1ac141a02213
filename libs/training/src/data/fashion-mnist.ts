import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseIdx } from './idx';
import { DatasetError, IMAGE_SIZE, NUM_CLASSES, type DatasetSplits, type ImageSet } from './types';

/** The four files, in the order their bytes enter the checksum. */
export const IDX_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

/** One IDX file as stored: its file name (with `.gz` when gzipped) and raw bytes. */
export interface IdxFile {
  name: string;
  bytes: Uint8Array;
}

async function readEither(dir: string, name: string): Promise<IdxFile> {
  for (const candidate of [`${name}.gz`, name]) {
    try {
      return { name: candidate, bytes: new Uint8Array(await fs.readFile(path.join(dir, candidate))) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw new DatasetError('DatasetMissing', `${name}(.gz) not found in ${dir}`);
}

function toImageSet(imageBytes: Uint8Array, labelBytes: Uint8Array, what: string): ImageSet {
  const images = parseIdx(imageBytes);
  const labels = parseIdx(labelBytes);
  const [n, h, w] = images.dims;
  if (images.dims.length !== 3 || h !== IMAGE_SIZE || w !== IMAGE_SIZE) {
    throw new DatasetError(
      'DatasetInvalid',
      `${what} images have dims ${images.dims.join('x')}, expected Nx28x28`,
    );
  }
  if (labels.dims.length !== 1 || labels.dims[0] !== n)
    throw new DatasetError('DatasetInvalid', `${what} has ${n} images but labels ${labels.dims.join('x')}`);
  const out = new Float32Array(images.data.length);
  for (let i = 0; i < out.length; i++) out[i] = images.data[i] / 255;
  const lab = Int32Array.from(labels.data);
  if (lab.some((l) => l < 0 || l >= NUM_CLASSES))
    throw new DatasetError('DatasetInvalid', `${what} labels outside 0..9`);
  return { images: out, labels: lab, count: n };
}

/**
 * Loads an MNIST-format dataset (Fashion-MNIST, MNIST) from `dir`, reading each of the four
 * IDX files gzipped (`.gz`) or plain. Pixels are scaled to [0, 1]. `checksum` is the hex SHA-256
 * of the four files' raw bytes as stored, concatenated in {@link IDX_FILES} order.
 * Throws `DatasetError('DatasetMissing' | 'DatasetInvalid')`.
 */
export async function loadFashionMnist(dir: string): Promise<DatasetSplits> {
  const { files, checksum } = await readIdxFiles(dir);
  const [trainImages, trainLabels, testImages, testLabels] = files.map((f) => f.bytes);
  return {
    train: toImageSet(trainImages, trainLabels, 'train'),
    test: toImageSet(testImages, testLabels, 'test'),
    checksum,
  };
}

/**
 * The four IDX files of an MNIST-format dataset in `dir`, as stored (gzipped or plain), in
 * {@link IDX_FILES} order, with the dataset checksum {@link loadFashionMnist} reports for them.
 * Throws `DatasetError('DatasetMissing')` when one is absent.
 */
export async function readIdxFiles(dir: string): Promise<{ files: IdxFile[]; checksum: string }> {
  const files = await Promise.all(IDX_FILES.map((f) => readEither(dir, f)));
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.bytes);
  return { files, checksum: hash.digest('hex') };
}

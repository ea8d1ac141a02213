import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { initBackend } from './backend';
import { NATIVE_INSTALL_HINT, nativeCandidates } from './native-binding';

// Hoisted above the imports: backend.ts sees a binding that never loads.
jest.mock('./native-binding', () => ({
  ...jest.requireActual('./native-binding'),
  loadNativeBinding: () => ({ ok: false, reasons: ['@tensorflow/tfjs-node at /x: not built'] }),
}));

describe('nativeCandidates', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ks-native-'));
    for (const [variant, name] of [
      ['cpu', 'tfjs-node'],
      ['gpu', 'tfjs-node-gpu'],
    ]) {
      const dir = join(root, '.tools', 'native', variant, 'node_modules', '@tensorflow', name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), '{}');
    }
    mkdirSync(join(root, 'dist', 'libs'), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the install script output above the given folder, CUDA build first only with a GPU', () => {
    const from = join(root, 'dist', 'libs');
    const names = (gpu: boolean) => nativeCandidates(gpu, from).map((c) => [c.name, c.gpu]);
    expect(names(false)).toEqual([
      ['@tensorflow/tfjs-node', false],
      ['@tensorflow/tfjs-node-gpu', true],
    ]);
    expect(names(true)).toEqual([
      ['@tensorflow/tfjs-node-gpu', true],
      ['@tensorflow/tfjs-node', false],
    ]);
    expect(nativeCandidates(false, from)[0].dir).toBe(
      join(root, '.tools', 'native', 'cpu', 'node_modules', '@tensorflow', 'tfjs-node'),
    );
  });
});

describe('initBackend without a loadable native binding', () => {
  it('`tensorflow` fails naming what failed and how to install it', async () => {
    await expect(initBackend('tensorflow')).rejects.toThrow('not built');
    await expect(initBackend('tensorflow')).rejects.toThrow(NATIVE_INSTALL_HINT);
    await expect(initBackend('tensorflow')).rejects.toThrow(/bash scripts\/install-native-tf\.sh cpu/);
  });

  it('`auto` falls back to wasm', async () => {
    expect(await initBackend('auto')).toBe('wasm');
  });
});

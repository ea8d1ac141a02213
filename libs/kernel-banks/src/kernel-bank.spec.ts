import type { KernelChoice } from '@kernel-sweep/domain';
import { buildKernelBank, filterOf, KernelBankError, renderKernelBankSvg, ZERO_MEAN_FAMILIES } from './index';
import { zigZag } from './dct';

const FAMILIES: KernelChoice[] = [
  { family: 'gaussian' },
  { family: 'box' },
  { family: 'sharpen' },
  { family: 'sobel' },
  { family: 'scharr' },
  { family: 'laplacian' },
  { family: 'gabor' },
  { family: 'dct' },
  { family: 'random' },
  { family: 'random', params: { init: 'orthogonal' } },
  { family: 'learned' },
];

const filtersOf = (bank: Float32Array, size: number, n: number) =>
  Array.from({ length: n }, (_, f) => Array.from(filterOf(bank, size, n, f)));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe.each(FAMILIES)('kernel family %j', (choice) => {
  describe.each([
    [3, 8],
    [5, 8],
    [5, 16],
  ])('size %i, %i filters', (size, n) => {
    const bank = buildKernelBank(choice, n, size, 7);
    const fs = filtersOf(bank, size, n);

    it('has layout [size, size, 1, filters] and finite values', () => {
      expect(bank).toBeInstanceOf(Float32Array);
      expect(bank.length).toBe(size * size * n);
      expect(bank.every(Number.isFinite)).toBe(true);
    });

    it('scales every filter to unit L2 norm', () => {
      for (const f of fs) expect(Math.sqrt(sum(f.map((v) => v * v)))).toBeCloseTo(1, 5);
    });

    it('is deterministic for a seed', () => {
      expect(buildKernelBank(choice, n, size, 7)).toEqual(bank);
    });

    const distinctLimit = choice.family === 'box' ? size * size : n;
    it('has distinct filters (up to the family variant count)', () => {
      const keys = new Set(
        fs.slice(0, Math.min(n, distinctLimit)).map((f) => f.map((v) => v.toFixed(5)).join(',')),
      );
      expect(keys.size).toBe(Math.min(n, distinctLimit));
    });

    if (ZERO_MEAN_FAMILIES.includes(choice.family)) {
      it('makes every filter zero-mean', () => {
        for (const f of fs) expect(Math.abs(sum(f))).toBeLessThan(1e-5);
      });
    }
    if (choice.family === 'gaussian' || choice.family === 'box') {
      it('keeps smoothing filters non-negative', () => {
        for (const f of fs) expect(Math.min(...f)).toBeGreaterThanOrEqual(0);
      });
    }
    if (choice.family === 'sharpen') {
      it('keeps a positive DC gain', () => {
        for (const f of fs) expect(sum(f)).toBeGreaterThan(0);
      });
    }
  });
});

describe('seeded families', () => {
  it('random depends on the seed; learned equals random he for the same seed', () => {
    const a = buildKernelBank({ family: 'random' }, 8, 5, 1);
    expect(buildKernelBank({ family: 'random' }, 8, 5, 2)).not.toEqual(a);
    expect(buildKernelBank({ family: 'learned' }, 8, 5, 1)).toEqual(a);
    expect(buildKernelBank({ family: 'random', params: { init: 'he' } }, 8, 5, 1)).toEqual(a);
  });

  it('fixed families ignore the seed', () => {
    expect(buildKernelBank({ family: 'gabor' }, 8, 5, 1)).toEqual(
      buildKernelBank({ family: 'gabor' }, 8, 5, 99),
    );
  });

  it('orthogonal filters are mutually orthogonal within a block', () => {
    const fs = filtersOf(
      buildKernelBank({ family: 'random', params: { init: 'orthogonal' } }, 9, 3, 3),
      3,
      9,
    );
    for (let i = 0; i < 9; i++)
      for (let j = i + 1; j < 9; j++)
        expect(Math.abs(sum(fs[i].map((v, k) => v * fs[j][k])))).toBeLessThan(1e-5);
  });
});

describe('family details', () => {
  it('dct starts at the DC function and follows the zig-zag order', () => {
    expect(zigZag(3)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 0],
      [1, 1],
      [0, 2],
      [1, 2],
      [2, 1],
      [2, 2],
    ]);
    const dc = filtersOf(buildKernelBank({ family: 'dct' }, 2, 5, 0), 5, 2)[0];
    for (const v of dc) expect(v).toBeCloseTo(0.2, 6);
  });

  it('sobel at 0° is the x-derivative and flips sign past the orientations', () => {
    const fs = filtersOf(buildKernelBank({ family: 'sobel', params: { orientations: [0] } }, 2, 3, 0), 3, 2);
    const k = 1 / Math.sqrt(12);
    expect(fs[0].map((v) => +(v / k).toFixed(5))).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    expect(fs[1].map((v) => +(v / k).toFixed(5) + 0)).toEqual([1, 0, -1, 2, 0, -2, 1, 0, -1]);
  });

  it('gaussian uses the given sigmas, cycling them', () => {
    const fs = filtersOf(buildKernelBank({ family: 'gaussian', params: { sigmas: [1, 2] } }, 4, 5, 0), 5, 4);
    expect(fs[2]).toEqual(fs[0]);
    expect(fs[0][12]).toBeGreaterThan(fs[1][12]); // narrower sigma: more weight at the centre
  });

  it('rejects none and degenerate parameters', () => {
    expect(() => buildKernelBank({ family: 'none' }, 8, 5, 0)).toThrow(KernelBankError);
    // sin(2π·0.5·x) vanishes on integer x at 0°
    expect(() =>
      buildKernelBank({ family: 'gabor', params: { orientations: [0], frequencies: [0.5] } }, 2, 5, 0),
    ).toThrow(KernelBankError);
  });
});

describe('renderKernelBankSvg', () => {
  it('draws one square per weight', () => {
    const svg = renderKernelBankSvg(buildKernelBank({ family: 'sobel' }, 8, 5, 0), 5, 8);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect x=/g)).toHaveLength(8 * 25);
  });
});

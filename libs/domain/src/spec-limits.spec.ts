import { specLimitsOf } from './spec-limits';
import { sweepSpecSchema } from './sweep-spec';
import { sweepIdProblem } from './validation';

describe('the sweep spec limits in words', () => {
  it('states the bounds of numbers, lists and strings as the schema holds them', () => {
    expect(specLimitsOf('grid.epochs')).toBe('1 to 16 distinct values, each an integer, 1 ≤ x ≤ 500');
    expect(specLimitsOf('grid.learningRates')).toBe('1 to 32 distinct values, each a number, 0 < x ≤ 10000');
    expect(specLimitsOf('dataset.trainLimit')).toBe('an integer, 1 ≤ x ≤ 60000');
    expect(specLimitsOf('model.kernelSize')).toBe('one of 3, 5');
    expect(specLimitsOf('name')).toBe('1 to 120 characters');
    expect(specLimitsOf('grid.kernels.params.frequencies')).toBe(
      '1 to 16 values, each a number, 0 < x ≤ 0.5',
    );
    expect(specLimitsOf('training.optimizer')).toBeUndefined();
  });

  it('says what validation refuses: a value just past each stated bound is refused, one at it accepted', () => {
    const base = {
      name: 'x',
      grid: {
        kernels: [{ family: 'sobel' }],
        freeze: ['FROZEN'],
        seeds: [1],
        learningRates: [0.01],
        epochs: [1],
      },
    };
    const ok = (patch: object) => sweepSpecSchema.safeParse({ ...base, ...patch }).success;
    expect([
      ok({ grid: { ...base.grid, epochs: [500] } }),
      ok({ grid: { ...base.grid, epochs: [501] } }),
    ]).toEqual([true, false]);
    expect([ok({ dataset: { trainLimit: 60000 } }), ok({ dataset: { trainLimit: 60001 } })]).toEqual([
      true,
      false,
    ]);
    expect(ok({ grid: { ...base.grid, epochs: [1, 1] } })).toBe(false);
  });

  it('refuses an unknown path (a description that names no field is a bug)', () => {
    expect(() => specLimitsOf('grid.nope')).toThrow('no sweep spec field grid.nope');
  });
});

describe('sweep ID form', () => {
  it('accepts what sweepIdOf makes and names what is wrong with anything else', () => {
    expect(sweepIdProblem('sw-0123456789abcdef0123')).toBeUndefined();
    expect(sweepIdProblem('')).toBe('must not be empty');
    for (const id of [
      'sw-',
      'SW-0123456789ABCDEF0123',
      'sw-0123456789abcdef012',
      ' sw-0123456789abcdef0123',
      'sw-0123456789abcdef0123\n',
    ])
      expect(sweepIdProblem(id)).toMatch(/must be a sweep ID/);
  });
});

import fc from 'fast-check';
import { holm } from './holm';

describe('holm', () => {
  it('adjusts the textbook example (four hypotheses at α = 0.05)', () => {
    // Holm 1979 as usually taught: p = 0.01, 0.04, 0.03, 0.005; H4 and H1 are rejected, H3 stops the procedure.
    const { adjusted, levels } = holm([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted[3]).toBeCloseTo(0.02, 12);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(levels[3]).toBeCloseTo(1 - 0.05 / 4, 12);
    expect(levels[0]).toBeCloseTo(1 - 0.05 / 3, 12);
    // From the first kept rank on, every interval uses that rank's level.
    expect(levels[2]).toBeCloseTo(1 - 0.05 / 2, 12);
    expect(levels[1]).toBeCloseTo(1 - 0.05 / 2, 12);
  });

  it('leaves a single p-value as it is, at the 95% level', () => {
    expect(holm([0.2])).toEqual({ adjusted: [0.2], levels: [0.95] });
    expect(holm([])).toEqual({ adjusted: [], levels: [] });
  });

  const pValues = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 });

  it('property: adjusted p is at least the raw p, at most 1, and monotone in rank', () => {
    fc.assert(
      fc.property(pValues, (ps) => {
        const { adjusted } = holm(ps);
        ps.forEach((p, i) => {
          expect(adjusted[i]).toBeGreaterThanOrEqual(p);
          expect(adjusted[i]).toBeLessThanOrEqual(1);
        });
        const byRank = ps.map((p, i) => ({ p, a: adjusted[i] })).sort((x, y) => x.p - y.p);
        byRank.slice(1).forEach((r, i) => expect(r.a).toBeGreaterThanOrEqual(byRank[i].a));
      }),
    );
  });

  it('property: a comparison is rejected exactly when its p is below its interval level', () => {
    fc.assert(
      fc.property(pValues, (ps) => {
        const { adjusted, levels } = holm(ps);
        ps.forEach((p, i) => expect(adjusted[i] < 0.05).toBe(p < 1 - levels[i]));
      }),
    );
  });
});

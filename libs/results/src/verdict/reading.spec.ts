import { asWellAs } from './reading';
import type { VerdictComparison } from './verdict.types';

const arm = { label: 'a', key: {}, n: 3, mean: 0.85, ci95: null };
const comparison = (difference: number, ci95: [number, number], significant: boolean): VerdictComparison => ({
  subject: arm,
  baseline: arm,
  n: 3,
  seeds: 3,
  difference,
  ci95,
  p: significant ? 0.001 : 0.5,
  pHolm: significant ? 0.01 : 0.9,
  significant,
});

describe('asWellAs', () => {
  it('reads a significant deficit whose whole CI lies inside the margin as yes', () => {
    expect(asWellAs(comparison(-0.005, [-0.008, -0.002], true))).toBe('yes');
  });

  it('reads a significant deficit reaching past the margin as no', () => {
    expect(asWellAs(comparison(-0.03, [-0.04, -0.02], true))).toBe('no');
  });

  it('reads a CI spanning 0 and reaching past the margin as inconclusive', () => {
    expect(asWellAs(comparison(-0.005, [-0.02, 0.01], false))).toBe('inconclusive');
  });
});

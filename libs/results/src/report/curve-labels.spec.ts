import { curveEndLabels, spreadApart } from './curve-labels';

describe('curve end labels', () => {
  it('leaves labels that do not touch where they are', () => {
    expect(spreadApart([0.9, 0.8, 0.85], 0.01, 0.7, 1)).toEqual([0.9, 0.8, 0.85]);
  });

  it('spreads a crowd evenly about its values, keeping their order', () => {
    const y = spreadApart([0.851, 0.85, 0.849], 0.01, 0.7, 1);
    expect(y[0]).toBeCloseTo(0.86);
    expect(y[1]).toBeCloseTo(0.85);
    expect(y[2]).toBeCloseTo(0.84);
  });

  it('keeps labels inside the axis', () => {
    const y = spreadApart([1, 1, 0.7], 0.02, 0.7, 1);
    expect(y[0]).toBeLessThanOrEqual(1);
    expect(Math.abs(y[0] - y[1])).toBeCloseTo(0.02);
    expect(y[2]).toBeCloseTo(0.7);
  });

  it('spreads each panel on its own', () => {
    const y = curveEndLabels(
      [
        { id: 'a', panel: 'FROZEN', value: 0.85 },
        { id: 'b', panel: 'TRAIN_ALL', value: 0.85 },
      ],
      0.01,
      0.7,
      1,
    );
    expect([y.get('a'), y.get('b')]).toEqual([0.85, 0.85]);
  });
});

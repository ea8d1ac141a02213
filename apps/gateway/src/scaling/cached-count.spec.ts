import { CachedCount } from './cached-count';

describe('CachedCount', () => {
  let clock = 0;
  const cache = () => new CachedCount(2000, () => clock);
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('answers the remembered count within the TTL and looks up again after it', async () => {
    const c = cache();
    const lookup = jest.fn().mockResolvedValueOnce(3).mockResolvedValueOnce(5);
    await expect(c.get('trials-cpu', lookup)).resolves.toBe(3);
    clock += 1999;
    await expect(c.get('trials-cpu', lookup)).resolves.toBe(3);
    clock += 1;
    await expect(c.get('trials-cpu', lookup)).resolves.toBe(5);
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('shares one lookup between concurrent callers and keeps keys apart', async () => {
    const c = cache();
    const lookup = jest.fn().mockResolvedValue(1);
    const other = jest.fn().mockResolvedValue(9);
    await expect(Promise.all([c.get('a', lookup), c.get('a', lookup), c.get('b', other)])).resolves.toEqual([1, 1, 9]);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('does not remember a failed lookup', async () => {
    const c = cache();
    const lookup = jest.fn().mockRejectedValueOnce(new Error('unavailable')).mockResolvedValueOnce(4);
    await expect(c.get('a', lookup)).rejects.toThrow('unavailable');
    await expect(c.get('a', lookup)).resolves.toBe(4);
  });
});

import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 0));

  it('shares one load between concurrent callers and keeps the value for its TTL', async () => {
    const cache = new ExpiringCache<number>(10, clock);
    const load = jest.fn(() => Promise.resolve(now));
    const [a, b] = await Promise.all([cache.get('k', load, () => 100), cache.get('k', load, () => 100)]);
    expect([a, b]).toEqual([0, 0]);
    now = 99;
    expect(await cache.get('k', load, () => 100)).toBe(0);
    now = 100;
    expect(await cache.get('k', load, () => 100)).toBe(100);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps a value with an infinite TTL and never keeps one with a TTL of 0', async () => {
    const cache = new ExpiringCache<string>(10, clock);
    const load = jest.fn((v: string) => Promise.resolve(v));
    await cache.get('closed', () => load('a'), () => Infinity);
    await cache.get('running', () => load('b'), () => 0);
    now = 1e12;
    await cache.get('closed', () => load('a2'), () => Infinity);
    await cache.get('running', () => load('b2'), () => 0);
    expect(load.mock.calls.map(([v]) => v)).toEqual(['a', 'b', 'b2']);
  });

  it('forgets a failed load and the least recently used key beyond its size', async () => {
    const cache = new ExpiringCache<number>(2, clock);
    await expect(cache.get('bad', () => Promise.reject(new Error('down')), () => Infinity)).rejects.toThrow('down');
    expect(await cache.get('bad', () => Promise.resolve(1), () => Infinity)).toBe(1);
    await cache.get('b', () => Promise.resolve(2), () => Infinity);
    await cache.get('bad', () => Promise.resolve(9), () => Infinity); // touched: b is now the oldest
    await cache.get('c', () => Promise.resolve(3), () => Infinity);
    expect(cache.size).toBe(2);
    expect(await cache.get('b', () => Promise.resolve(20), () => Infinity)).toBe(20);
    expect(await cache.get('c', () => Promise.resolve(30), () => Infinity)).toBe(3);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenedCookieCache } from '../src/session/opened-cookie-cache';

afterEach(() => vi.useRealTimers());

describe('the cache of recently opened cookies', () => {
  it('answers a value seen a moment ago, and forgets it after its time-to-live', () => {
    vi.useFakeTimers();
    const cache = createOpenedCookieCache<string>(10, 1000);
    cache.set('sealed-a', 'session-a', Date.now() + 60_000);
    expect(cache.get('sealed-a')).toBe('session-a');
    vi.advanceTimersByTime(1001);
    expect(cache.get('sealed-a')).toBeUndefined();
  });

  it('never keeps a value past its own expiry', () => {
    vi.useFakeTimers();
    const cache = createOpenedCookieCache<string>(10, 10_000);
    cache.set('sealed-a', 'session-a', Date.now() + 200);
    vi.advanceTimersByTime(201);
    expect(cache.get('sealed-a')).toBeUndefined();
  });

  it('holds at most its bound, dropping the oldest first', () => {
    const cache = createOpenedCookieCache<number>(2, 10_000);
    const later = Date.now() + 60_000;
    cache.set('a', 1, later);
    cache.set('b', 2, later);
    cache.set('c', 3, later);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });
});

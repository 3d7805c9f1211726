import { describe, expect, it } from 'vitest';
import { isMissingCodeError, shouldReloadFor } from './routeError.js';

const memoryStore = () => {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
};

const chromium = new TypeError(
  'Failed to fetch dynamically imported module: https://consilium.example/assets/Queue-VYB5fFQV.js',
);
const firefox = new TypeError('error loading dynamically imported module: https://x/assets/Queue.js');
const safari = new TypeError('Importing a module script failed.');

describe('a page whose code went missing after a new release', () => {
  it('is told from any other error, in the words of each browser', () => {
    for (const error of [chromium, firefox, safari, new Error('Unable to preload CSS for /assets/a.css')])
      expect(isMissingCodeError(error)).toBe(true);
    expect(isMissingCodeError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isMissingCodeError(null)).toBe(false);
  });

  it('reloads once; a second failure within a minute is shown instead; later, it reloads again', () => {
    const store = memoryStore();
    expect(shouldReloadFor(chromium, store, 1_000_000)).toBe(true);
    expect(shouldReloadFor(chromium, store, 1_000_000 + 5_000)).toBe(false);
    expect(shouldReloadFor(chromium, store, 1_000_000 + 61_000)).toBe(true);
  });

  it('never reloads for a render error, nor without storage', () => {
    expect(shouldReloadFor(new Error('boom'), memoryStore(), 1)).toBe(false);
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => undefined,
    };
    expect(shouldReloadFor(chromium, refusing, 1)).toBe(false);
  });
});

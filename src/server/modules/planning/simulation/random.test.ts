import { describe, expect, it } from 'vitest';
import { draw, randomStreams } from './random.js';

describe('the chance the simulator draws from', () => {
  it('a seed gives the same streams every time, and its streams differ from each other', () => {
    const [first, second] = randomStreams(42, 2);
    const [again] = randomStreams(42, 1);
    const values = Array.from({ length: 5 }, () => first!.next());
    expect(Array.from({ length: 5 }, () => again!.next())).toEqual(values);
    expect(Array.from({ length: 5 }, () => second!.next())).not.toEqual(values);
    for (const value of values) expect(value >= 0 && value < 1).toBe(true);
  });

  it('the first draws of neighbouring small seeds are as spread as any others', () => {
    for (const draw of [0, 1, 2]) {
      const values = Array.from({ length: 200 }, (_, seed) => {
        const [random] = randomStreams(seed, 1);
        for (let skip = 0; skip < draw; skip += 1) random!.next();
        return random!.next();
      });
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      expect(mean).toBeGreaterThan(0.4);
      expect(mean).toBeLessThan(0.6);
      expect(values.filter((value) => value > 0.99).length).toBeLessThan(10);
    }
  });

  it('durations follow the distribution the scenario names: a mean, a median and a 90th percentile', () => {
    const [random] = randomStreams(7, 1);
    const sample = (distribution: Parameters<typeof draw>[1]) =>
      Array.from({ length: 100_000 }, () => draw(random!, distribution)).sort((a, b) => a - b);
    const exponential = sample({ kind: 'exponential', mean: 20 });
    expect(exponential.reduce((sum, value) => sum + value, 0) / exponential.length).toBeCloseTo(20, 0);
    const lognormal = sample({ kind: 'lognormal', median: 25, p90: 50 });
    expect(lognormal[50_000]!).toBeGreaterThan(24.5);
    expect(lognormal[50_000]!).toBeLessThan(25.5);
    expect(lognormal[90_000]!).toBeGreaterThan(49);
    expect(lognormal[90_000]!).toBeLessThan(51);
    const uniform = sample({ kind: 'uniform', min: 10, max: 30 });
    expect(uniform[0]!).toBeGreaterThanOrEqual(10);
    expect(uniform.at(-1)!).toBeLessThan(30);
    expect(draw(random!, { kind: 'fixed', value: 12 })).toBe(12);
  });
});

import { describe, expect, it } from 'vitest';
import { mapLinks, toMinorUnits } from './words.js';

describe('a facility on a map, and amounts as typed', () => {
  it('opens the point in the phone’s map application or on OpenStreetMap, without map tiles here', () => {
    expect(mapLinks({ latitude: 25.1972, longitude: 55.2388 })).toEqual({
      geo: 'geo:25.197200,55.238800',
      osm: 'https://www.openstreetmap.org/?mlat=25.197200&mlon=55.238800#map=17/25.197200/55.238800',
    });
  });

  it('turns a typed amount into minor units of its currency, rounding what a float loses', () => {
    expect(toMinorUnits(18_500, 2)).toBe(1_850_000);
    expect(toMinorUnits(0.29, 2)).toBe(29);
    expect(toMinorUnits(7_345, 0)).toBe(7_345);
  });
});

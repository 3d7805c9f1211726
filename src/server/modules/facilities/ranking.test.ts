import { describe, expect, it } from 'vitest';
import { allWeek } from './hours.js';
import { haversineKm, presentHit, rankFacilities, rankingWeights, scoreFacility } from './ranking.js';
import type { FacilityWithDistance } from './repo.js';

const base: FacilityWithDistance = {
  id: '01900000-0000-7000-8000-000000000001',
  externalId: 'X-1',
  name: 'A',
  kind: 'clinic',
  address: 'Street 1',
  city: 'Dubai',
  country: 'AE',
  latitude: 25.2,
  longitude: 55.27,
  position: { x: 55.27, y: 25.2 },
  timeZone: 'Asia/Dubai',
  services: ['OS'],
  languages: ['ar', 'en'],
  accreditations: [],
  directBilling: false,
  directBillingSince: null,
  openingHours: allWeek,
  phone: null,
  email: null,
  website: null,
  source: 'manual',
  importId: null,
  version: 1,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  distanceKm: 0,
};
const facility = (overrides: Partial<FacilityWithDistance>): FacilityWithDistance => ({
  ...base,
  ...overrides,
});

describe('distance by the haversine formula', () => {
  it('gives the great-circle distances of known city pairs', () => {
    const london = { latitude: 51.5074, longitude: -0.1278 };
    const paris = { latitude: 48.8566, longitude: 2.3522 };
    expect(haversineKm(london, paris)).toBeCloseTo(343.5, 0);
    const dubai = { latitude: 25.2048, longitude: 55.2708 };
    const abuDhabi = { latitude: 24.4539, longitude: 54.3773 };
    expect(haversineKm(dubai, abuDhabi)).toBeCloseTo(122.9, 0);
    expect(haversineKm(dubai, dubai)).toBe(0);
  });
});

describe('the ranking says why', () => {
  it('a facility at the point that speaks the first language, bills directly and holds JCI scores 1', () => {
    const { score, reasons } = scoreFacility(
      facility({ directBilling: true, directBillingSince: '2019-03-01', accreditations: ['JCI', 'DHA'] }),
      ['ar'],
    );
    expect(score).toBe(1);
    expect(reasons.map((reason) => reason.kind)).toEqual([
      'distance',
      'language',
      'direct_billing',
      'accreditation',
    ]);
  });

  it('distance halves its weight at 10 km; a later language and a national accreditation count less', () => {
    const { reasons } = scoreFacility(facility({ distanceKm: 10, accreditations: ['DHA'] }), ['fr', 'en']);
    expect(reasons).toEqual([
      { kind: 'distance', km: 10, weight: rankingWeights.distance / 2 },
      { kind: 'language', language: 'en', weight: rankingWeights.language / 2 },
      { kind: 'accreditation', codes: ['DHA'], weight: 0.07 },
    ]);
  });

  it('direct billing can outrank a little distance, and the nearer wins a tie', () => {
    const near = facility({ id: '01900000-0000-7000-8000-00000000000a', name: 'Near', distanceKm: 1 });
    const billing = facility({
      id: '01900000-0000-7000-8000-00000000000b',
      name: 'Billing',
      distanceKm: 3,
      directBilling: true,
    });
    const twin = facility({ id: '01900000-0000-7000-8000-00000000000c', name: 'Twin', distanceKm: 1 });
    const ranked = rankFacilities([near, billing, twin], { languages: [], now: new Date(), openNow: false });
    expect(ranked.map((hit) => hit.row.name)).toEqual(['Billing', 'Near', 'Twin']);
  });

  it('open now leaves out a facility closed in its own time zone', () => {
    const closedOnFriday = facility({ openingHours: [{ day: 6, opens: '09:00', closes: '21:00' }] });
    const fridayMorning = new Date('2026-08-07T06:00:00Z');
    expect(rankFacilities([closedOnFriday], { languages: [], now: fridayMorning, openNow: true })).toEqual(
      [],
    );
    const [ranked] = rankFacilities([closedOnFriday], { languages: [], now: fridayMorning, openNow: false });
    expect(presentHit(ranked!, fridayMorning).openNow).toBe(false);
  });
});

import { accreditations, type FacilityHit, type RankingReason } from '../../../shared/facilities.js';
import { isOpenAt } from './hours.js';
import { presentFacility } from './present.js';
import type { FacilityWithDistance } from './repo.js';

/**
 * The finder's ranking: a score from 0 to 1 made of four reasons, each with its weight, so that the
 * answer says why a facility comes where it does (docs/facilities.md):
 * - distance: 1 at the point, ½ at 10 km, ⅙ at 50 km (`1 / (1 + km / 10)`);
 * - language: the member's first language spoken 1, a later one of theirs ½;
 * - direct billing with the insurer: 1 (the member pays nothing up front);
 * - accreditation: JCI 1, a national body only 0.7.
 * A search in a country has no point: its scores leave the distance out (and cannot reach 1).
 */
export const rankingWeights = {
  distance: 0.55,
  language: 0.2,
  directBilling: 0.15,
  accreditation: 0.1,
} as const;

const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance between two points in km (the haversine formula). */
export function haversineKm(
  from: { latitude: number; longitude: number },
  to: { latitude: number; longitude: number },
): number {
  const halfLatitude = Math.sin(radians(to.latitude - from.latitude) / 2);
  const halfLongitude = Math.sin(radians(to.longitude - from.longitude) / 2);
  const h =
    halfLatitude ** 2 +
    Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * halfLongitude ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** One facility's score and reasons. */
export function scoreFacility(
  row: FacilityWithDistance,
  languages: readonly string[],
): { score: number; reasons: RankingReason[] } {
  const reasons: RankingReason[] = [];
  let score = 0;
  if (row.distanceKm !== null) {
    const value = rankingWeights.distance / (1 + row.distanceKm / 10);
    score += value;
    reasons.push({ kind: 'distance', km: round(row.distanceKm, 2), weight: round(value, 4) });
  }
  const spoken = languages.findIndex((language) => row.languages.includes(language));
  if (spoken >= 0) {
    const value = rankingWeights.language * (spoken === 0 ? 1 : 0.5);
    score += value;
    reasons.push({ kind: 'language', language: languages[spoken] as string, weight: round(value, 4) });
  }
  if (row.directBilling) {
    score += rankingWeights.directBilling;
    reasons.push({
      kind: 'direct_billing',
      since: row.directBillingSince,
      weight: rankingWeights.directBilling,
    });
  }
  if (row.accreditations.length > 0) {
    const international = row.accreditations.some(
      (code) => accreditations[code as keyof typeof accreditations]?.country === null,
    );
    const value = rankingWeights.accreditation * (international ? 1 : 0.7);
    score += value;
    reasons.push({ kind: 'accreditation', codes: row.accreditations, weight: round(value, 4) });
  }
  return { score: round(score, 4), reasons };
}

/** A facility in the ranking, before it is presented. */
export interface RankedFacility {
  row: FacilityWithDistance;
  score: number;
  reasons: RankingReason[];
}

/**
 * Ranks the facilities a search found: best score first, then nearest, then by name; with
 * `openNow`, only those open at `now` in their own time zone. Nothing is presented yet: only the
 * page asked for is (`presentHit`).
 */
export function rankFacilities(
  rows: FacilityWithDistance[],
  options: { languages: readonly string[]; now: Date; openNow: boolean },
): RankedFacility[] {
  const ranked: RankedFacility[] = [];
  for (const row of rows) {
    if (options.openNow && !isOpenAt(row.openingHours, row.timeZone, options.now)) continue;
    ranked.push({ row, ...scoreFacility(row, options.languages) });
  }
  return ranked.sort(
    (left, right) =>
      right.score - left.score ||
      (left.row.distanceKm ?? 0) - (right.row.distanceKm ?? 0) ||
      (left.row.name < right.row.name ? -1 : left.row.name > right.row.name ? 1 : 0) ||
      (left.row.id < right.row.id ? -1 : 1),
  );
}

/** A ranked facility as the finder answers it. */
export function presentHit(ranked: RankedFacility, now: Date): FacilityHit {
  return {
    facility: presentFacility(ranked.row),
    distanceKm: ranked.row.distanceKm === null ? null : round(ranked.row.distanceKm, 2),
    openNow: isOpenAt(ranked.row.openingHours, ranked.row.timeZone, now),
    score: ranked.score,
    reasons: ranked.reasons,
  };
}

import {
  specialtyByCode,
  type MatchFactor,
  type SpecialistMatch,
  type Urgency,
} from '../../../src/shared/specialists.js';
import { nameKey } from '../../../src/server/modules/specialists/names.js';
import { resolveCondition } from './icd10.js';

/**
 * FROZEN: the ranking as it was before the matching evaluation (block-level mapping, a
 * sub-specialty's parent counted as a specialty fit, no age, no proposed treatment, ordered by
 * score alone), kept only as the baseline of `bench/matching-quality.ts`. Do not change it.
 *
 * The ranking of specialists for a case: a pure function of the request and the candidates, so
 * that every point of a score can be explained and tested. Retrieval (which candidates reach it)
 * is the service's; see docs/decisions/0009-specialist-retrieval.md.
 */

/** How well a specialist's specialties fit what is asked, best first. */
export const fitTiers = ['exact', 'specialty', 'related'] as const;
export type FitTier = (typeof fitTiers)[number];

/** What the case manager asks for, resolved against the taxonomy and ICD-10. */
export interface WantedSpecialties {
  /** Sub-specialties asked for (or mapped from the condition): an exact fit. */
  exact: string[];
  /** Specialties asked for, mapped from the condition, or the parents of the sub-specialties. */
  specialty: string[];
  /** Specialties that treat the condition's chapter, and their sub-specialties' parents. */
  related: string[];
  /** The condition's block and chapter, to credit specialists who list them as expertise. */
  conditionBlock: string | null;
  conditionChapter: string | null;
}

export interface MatchRequest {
  wanted: WantedSpecialties;
  /** The member's languages, preferred first. */
  languages: string[];
  memberCountry: string;
  /** Countries the member would like the specialist licensed in; empty when none given. */
  regions: string[];
  urgency: Urgency;
  /** The member's coordinates, when distance matters. */
  origin: { latitude: number; longitude: number } | null;
  firstOpinion: { doctorName: string | null; institution: string | null };
  includeFull: boolean;
}

export interface Candidate {
  id: string;
  /** The review-desk account, when the specialist has one. */
  userId: string | null;
  name: string;
  nameKey: string;
  title: string | null;
  institution: string | null;
  institutionKey: string | null;
  country: string;
  city: string;
  latitude: number;
  longitude: number;
  licensedCountries: string[];
  languages: string[];
  specialtyCodes: string[];
  subspecialtyCodes: string[];
  conditionCodes: string[];
  acceptsReviews: boolean;
  weeklyCapacity: number;
  activeReviews: number;
  medianTurnaroundHours: number | null;
}

/** The most each factor can give; turnaround weighs more when the case is urgent. */
export function factorWeights(
  request: Pick<MatchRequest, 'urgency' | 'origin'>,
): Record<MatchFactor, number> {
  return {
    specialty: 40,
    language: 20,
    licence: 15,
    capacity: 10,
    turnaround: request.urgency === 'urgent' ? 20 : 8,
    distance: request.origin ? 10 : 0,
  };
}

const FIT_POINTS: Record<FitTier, number> = { exact: 34, specialty: 24, related: 14 };
const EXPERTISE_BLOCK_POINTS = 6;
const EXPERTISE_CHAPTER_POINTS = 3;
const OTHER_MEMBER_LANGUAGE_POINTS = 12;
const MEMBER_COUNTRY_WHEN_REGIONS_POINTS = 10;
/** Turnaround earns full points at or under this many hours and none from the upper bound on. */
const TURNAROUND_BEST_HOURS = 12;
const TURNAROUND_WORST_HOURS = 120;
/** Distance earns full points next door and none from this far on. */
const DISTANCE_NONE_KM = 3000;

/**
 * Resolves what is asked (codes and/or a condition) into fit tiers. A sub-specialty asked for is an
 * exact fit and its specialty a specialty fit; a condition adds the specialties the ICD-10 mapping
 * names for its block (sub-specialties exact, specialties as specialty fit) and, as related, those
 * of its chapter.
 */
export function resolveWanted(codes: string[], condition: string | undefined): WantedSpecialties {
  const exact = new Set<string>();
  const specialty = new Set<string>();
  const related = new Set<string>();
  const place = (code: string, tier: 'asked' | 'related') => {
    const entry = specialtyByCode(code);
    if (!entry) return;
    if (tier === 'related') {
      related.add(entry.parent ?? entry.code);
      if (entry.parent) related.add(entry.code);
      return;
    }
    if (entry.parent) {
      exact.add(entry.code);
      specialty.add(entry.parent);
    } else {
      specialty.add(entry.code);
    }
  };
  for (const code of codes) place(code, 'asked');
  const resolved = condition ? resolveCondition(condition) : undefined;
  if (resolved) {
    const blockCodes = resolved.block?.specialties ?? resolved.chapter.specialties;
    // With codes asked for, the condition's mapping only widens the search (related); without, it
    // is what is asked.
    for (const code of blockCodes) place(code, codes.length > 0 ? 'related' : 'asked');
    if (resolved.block) for (const code of resolved.chapter.specialties) place(code, 'related');
  }
  for (const code of [...exact, ...specialty]) related.delete(code);
  // A sub-specialty in the related set stays; a related specialty already asked as such does not.
  return {
    exact: [...exact],
    specialty: [...specialty].filter((code) => !exact.has(code)),
    related: [...related],
    conditionBlock: resolved?.block?.code ?? null,
    conditionChapter: resolved?.chapter.code ?? null,
  };
}

const overlaps = (left: string[], right: string[]) => left.some((value) => right.includes(value));

export function fitOf(candidate: Candidate, wanted: WantedSpecialties): FitTier | null {
  if (overlaps(candidate.subspecialtyCodes, wanted.exact)) return 'exact';
  if (overlaps(candidate.specialtyCodes, wanted.specialty)) return 'specialty';
  if (
    overlaps(candidate.specialtyCodes, wanted.related) ||
    overlaps(candidate.subspecialtyCodes, wanted.related)
  )
    return 'related';
  return null;
}

/** How a specialist's languages meet the member's: their preferred one, another of theirs, or none. */
export const languageLevels = ['preferred', 'other', 'none'] as const;
export type LanguageLevel = (typeof languageLevels)[number];

/**
 * Where a specialist is licensed, against where the member wants one: a wanted country (the
 * preferred regions, or the member's own country when none are given), the member's own country
 * when regions were given, or neither.
 */
export const licenceLevels = ['wanted', 'member', 'none'] as const;
export type LicenceLevel = (typeof licenceLevels)[number];

const languageReasons: Record<LanguageLevel, string> = {
  preferred: 'speaks_member_language',
  other: 'speaks_another_member_language',
  none: 'interpreter_needed',
};

/** The member's languages after the preferred one (those that earn the "other" level). */
export function otherLanguages(request: Pick<MatchRequest, 'languages'>): string[] {
  const [preferred, ...others] = request.languages;
  return others.filter((language) => language !== preferred);
}

/** The countries a licence is wanted in: the preferred regions, or else the member's country. */
export function wantedCountries(request: Pick<MatchRequest, 'regions' | 'memberCountry'>): string[] {
  return request.regions.length > 0 ? request.regions : [request.memberCountry];
}

export function languageLevelOf(
  candidate: Pick<Candidate, 'languages'>,
  request: MatchRequest,
): LanguageLevel {
  const preferred = request.languages[0];
  if (preferred && candidate.languages.includes(preferred)) return 'preferred';
  if (overlaps(candidate.languages, otherLanguages(request))) return 'other';
  return 'none';
}

export function licenceLevelOf(
  candidate: Pick<Candidate, 'licensedCountries'>,
  request: MatchRequest,
): LicenceLevel {
  if (overlaps(candidate.licensedCountries, wantedCountries(request))) return 'wanted';
  if (request.regions.length > 0 && candidate.licensedCountries.includes(request.memberCountry))
    return 'member';
  return 'none';
}

export const languagePoints = (level: LanguageLevel, weights: Record<MatchFactor, number>) =>
  level === 'preferred' ? weights.language : level === 'other' ? OTHER_MEMBER_LANGUAGE_POINTS : 0;

export const licencePoints = (level: LicenceLevel, weights: Record<MatchFactor, number>) =>
  level === 'wanted' ? weights.licence : level === 'member' ? MEMBER_COUNTRY_WHEN_REGIONS_POINTS : 0;

export const capacityLeft = (candidate: Pick<Candidate, 'weeklyCapacity' | 'activeReviews'>) =>
  Math.max(0, candidate.weeklyCapacity - candidate.activeReviews);

/** The first opinion's doctor and institution as the exclusion compares them, computed once per request. */
const firstOpinionKeys = new WeakMap<MatchRequest['firstOpinion'], { doctor: string; institution: string }>();
export function firstOpinionKeysOf(firstOpinion: MatchRequest['firstOpinion']) {
  let keys = firstOpinionKeys.get(firstOpinion);
  if (!keys) {
    keys = {
      doctor: firstOpinion.doctorName ? nameKey(firstOpinion.doctorName) : '',
      institution: firstOpinion.institution ? nameKey(firstOpinion.institution) : '',
    };
    firstOpinionKeys.set(firstOpinion, keys);
  }
  return keys;
}

/** Whether a specialist gave the first opinion (`doctor`) or works where it was given (`institution`). */
export function firstOpinionConflict(
  candidate: Pick<Candidate, 'nameKey' | 'institutionKey'>,
  firstOpinion: MatchRequest['firstOpinion'],
): 'doctor' | 'institution' | null {
  const { doctor, institution } = firstOpinionKeysOf(firstOpinion);
  if (doctor !== '' && candidate.nameKey === doctor) return 'doctor';
  if (institution !== '' && candidate.institutionKey === institution) return 'institution';
  return null;
}

/** Why a specialist may never be offered this case, or `null` when they may. */
export function exclusionOf(
  candidate: Candidate,
  request: Pick<MatchRequest, 'firstOpinion' | 'includeFull'>,
): 'first_opinion_doctor' | 'first_opinion_institution' | 'not_accepting_reviews' | 'no_capacity' | null {
  const conflict = firstOpinionConflict(candidate, request.firstOpinion);
  if (conflict) return conflict === 'doctor' ? 'first_opinion_doctor' : 'first_opinion_institution';
  if (!candidate.acceptsReviews) return 'not_accepting_reviews';
  if (!request.includeFull && capacityLeft(candidate) === 0) return 'no_capacity';
  return null;
}

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function haversineKm(
  from: { latitude: number; longitude: number },
  to: { latitude: number; longitude: number },
): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(to.latitude - from.latitude);
  const dLon = radians(to.longitude - from.longitude);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Scores one candidate that passed the exclusions, factor by factor. */
export function scoreCandidate(candidate: Candidate, request: MatchRequest): SpecialistMatch | null {
  const fit = fitOf(candidate, request.wanted);
  if (!fit) return null;
  const weights = factorWeights(request);
  const factors: SpecialistMatch['factors'] = [];

  let specialtyPoints = FIT_POINTS[fit];
  let specialtyReason: string =
    fit === 'exact' ? 'subspecialty_exact' : fit === 'specialty' ? 'specialty_match' : 'related_specialty';
  if (request.wanted.conditionBlock && candidate.conditionCodes.includes(request.wanted.conditionBlock)) {
    specialtyPoints += EXPERTISE_BLOCK_POINTS;
    specialtyReason += '+condition_block_expertise';
  } else if (
    request.wanted.conditionChapter &&
    candidate.conditionCodes.includes(request.wanted.conditionChapter)
  ) {
    specialtyPoints += EXPERTISE_CHAPTER_POINTS;
    specialtyReason += '+condition_chapter_expertise';
  }
  factors.push({
    factor: 'specialty',
    points: Math.min(weights.specialty, specialtyPoints),
    maxPoints: weights.specialty,
    reason: specialtyReason,
  });

  const language = languageLevelOf(candidate, request);
  factors.push({
    factor: 'language',
    points: languagePoints(language, weights),
    maxPoints: weights.language,
    reason: languageReasons[language],
  });

  const licence = licenceLevelOf(candidate, request);
  factors.push({
    factor: 'licence',
    points: licencePoints(licence, weights),
    maxPoints: weights.licence,
    reason:
      licence === 'wanted'
        ? request.regions.length > 0
          ? 'licensed_in_preferred_region'
          : 'licensed_in_member_country'
        : licence === 'member'
          ? 'licensed_in_member_country'
          : 'not_licensed_where_wanted',
  });

  const left = capacityLeft(candidate);
  factors.push({
    factor: 'capacity',
    points: candidate.weeklyCapacity > 0 ? round((weights.capacity * left) / candidate.weeklyCapacity) : 0,
    maxPoints: weights.capacity,
    reason: left === 0 ? 'full' : `places_left:${left}`,
  });

  const hours = candidate.medianTurnaroundHours;
  const turnaroundShare =
    hours === null
      ? 0.5
      : Math.min(
          1,
          Math.max(0, (TURNAROUND_WORST_HOURS - hours) / (TURNAROUND_WORST_HOURS - TURNAROUND_BEST_HOURS)),
        );
  factors.push({
    factor: 'turnaround',
    points: round(weights.turnaround * turnaroundShare),
    maxPoints: weights.turnaround,
    reason: hours === null ? 'no_record_yet' : `median_hours:${round(hours)}`,
  });

  let distanceKm: number | null = null;
  if (request.origin) {
    distanceKm = Math.round(haversineKm(request.origin, candidate));
    factors.push({
      factor: 'distance',
      points: round(weights.distance * Math.max(0, 1 - distanceKm / DISTANCE_NONE_KM)),
      maxPoints: weights.distance,
      reason: `km:${distanceKm}`,
    });
  }

  const total = factors.reduce((sum, factor) => sum + factor.points, 0);
  const max = factors.reduce((sum, factor) => sum + factor.maxPoints, 0);
  return {
    specialist: {
      id: candidate.id,
      name: candidate.name,
      title: candidate.title,
      institution: candidate.institution,
      country: candidate.country,
      city: candidate.city,
      languages: candidate.languages,
      specialtyCodes: candidate.specialtyCodes,
      subspecialtyCodes: candidate.subspecialtyCodes,
      capacityLeft: left,
      medianTurnaroundHours: candidate.medianTurnaroundHours,
      reviewDesk: candidate.userId !== null,
    },
    score: round((100 * total) / max),
    factors,
    distanceKm,
  };
}

/** The best `limit` candidates, highest score first; ties go to more places left, then the id. */
export function rankSpecialists(
  candidates: Iterable<Candidate>,
  request: MatchRequest,
  limit: number,
): SpecialistMatch[] {
  const scored: SpecialistMatch[] = [];
  for (const candidate of candidates) {
    if (exclusionOf(candidate, request)) continue;
    const match = scoreCandidate(candidate, request);
    if (match) scored.push(match);
  }
  scored.sort(
    (left, right) =>
      right.score - left.score ||
      right.specialist.capacityLeft - left.specialist.capacityLeft ||
      (left.specialist.id < right.specialist.id ? -1 : left.specialist.id > right.specialist.id ? 1 : 0),
  );
  return scored.slice(0, limit);
}

/** A part of the network that retrieval reads at once: one fit tier, language level and licence level. */
export interface RetrievalSlice {
  fit: FitTier;
  language: LanguageLevel;
  licence: LicenceLevel;
  /** The most any specialist of the slice can score (`bestPossibleScore`). */
  bound: number;
}

/**
 * The highest score any candidate of a slice could reach: retrieval stops widening once the
 * list's last score is above this for every slice not read yet.
 */
export function bestPossibleScore(request: MatchRequest, slice: Omit<RetrievalSlice, 'bound'>): number {
  const weights = factorWeights(request);
  const max = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  const specialty = Math.min(weights.specialty, FIT_POINTS[slice.fit] + EXPERTISE_BLOCK_POINTS);
  const language = languagePoints(slice.language, weights);
  const licence = licencePoints(slice.licence, weights);
  const rest = weights.capacity + weights.turnaround + weights.distance;
  return round((100 * (specialty + language + licence + rest)) / max);
}

/**
 * The slices a request can have (a tier without codes, an "other language" without a second
 * member language, a "member's country" level without regions have none), the best bound first.
 * Every specialist who fits the request is in exactly one.
 */
export function retrievalSlices(request: MatchRequest): RetrievalSlice[] {
  const tiers = fitTiers.filter((fit) => tierCodes(request.wanted, fit).length > 0);
  const languages = languageLevels.filter((level) => level !== 'other' || otherLanguages(request).length > 0);
  const licences = licenceLevels.filter(
    (level) =>
      level !== 'member' || (request.regions.length > 0 && !request.regions.includes(request.memberCountry)),
  );
  const slices = tiers.flatMap((fit) =>
    languages.flatMap((language) =>
      licences.map((licence) => ({
        fit,
        language,
        licence,
        bound: bestPossibleScore(request, { fit, language, licence }),
      })),
    ),
  );
  return slices.sort((left, right) => right.bound - left.bound);
}

/** While the list is not full, how many more slices one statement reads (after the first alone). */
const SLICES_PER_QUERY_UNTIL_FULL = 2;

/**
 * The slices the next statement reads, from `next` on: the first slice alone (most requests need
 * nothing else); once the list holds `limit` candidates, every unread slice whose bound reaches its
 * last score, which are all the slices that can still change it (the bounds fall and the last score
 * only rises), so that statement is the last; until then, the next few.
 */
export function slicesOfNextQuery(
  slices: RetrievalSlice[],
  next: number,
  lastScore: number | undefined,
): RetrievalSlice[] {
  if (next === 0) return slices.slice(0, 1);
  if (lastScore === undefined) return slices.slice(next, next + SLICES_PER_QUERY_UNTIL_FULL);
  let end = next;
  // Strictly above: someone unread with the same score could still come first on places or id.
  while (end < slices.length && !(lastScore > slices[end]!.bound)) end += 1;
  return slices.slice(next, end);
}

/** The codes that place a specialist in a fit tier (before the better tiers are taken out). */
export function tierCodes(wanted: WantedSpecialties, fit: FitTier): string[] {
  return fit === 'exact' ? wanted.exact : fit === 'specialty' ? wanted.specialty : wanted.related;
}

/** The points of the specialty factor, with the expertise bonus, that each fit tier gives. */
export const scoringConstants = {
  fitPoints: FIT_POINTS,
  expertiseBlockPoints: EXPERTISE_BLOCK_POINTS,
  expertiseChapterPoints: EXPERTISE_CHAPTER_POINTS,
  turnaroundBestHours: TURNAROUND_BEST_HOURS,
  turnaroundWorstHours: TURNAROUND_WORST_HOURS,
  distanceNoneKm: DISTANCE_NONE_KM,
} as const;

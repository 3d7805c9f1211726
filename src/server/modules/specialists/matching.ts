import {
  resolveCondition,
  specialtyByCode,
  type MatchFactor,
  type SpecialistMatch,
  type Urgency,
} from '../../../shared/specialists.js';
import { nameKey } from './names.js';

/**
 * The ranking of specialists for a case: a pure function of the request and the candidates, so
 * that every point of a score can be explained and tested. Retrieval (which candidates reach it)
 * is the service's; see docs/decisions/0009-specialist-retrieval.md.
 */

/** How well a specialist's specialties fit what is asked, best first. */
export const fitTiers = ['exact', 'specialty', 'related'] as const;
export type FitTier = (typeof fitTiers)[number];

/** What the case manager asks for, resolved against the taxonomy and ICD-10. */
export interface WantedSpecialties {
  /** Sub-specialties asked for, or the condition's first-line treaters for the patient: an exact fit. */
  exact: string[];
  /** Specialties asked for, the parents of the sub-specialties asked for, or the condition's secondary treaters. */
  specialty: string[];
  /** Specialties that treat the condition's chapter (or the condition, when codes were asked for). */
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

/** Treatments a first opinion may propose that change who should review it. */
export type ProposedTreatment = 'surgery' | 'medicine' | 'radiotherapy';

/** What the case says about the patient, beyond the condition. */
export interface PatientContext {
  /** Age in whole years; children (under 18) are seen by the paediatric sub-specialties. */
  age?: number | null;
  treatment?: ProposedTreatment | null;
}

/** Under this age a member is a child: NICE's "children and young people", the AAP's patients. */
export const ADULT_AGE = 18;

/**
 * The paediatric counterpart of an adult specialty or sub-specialty, where the taxonomy has one
 * (a child's diabetes is the paediatric endocrinologist's). Codes without one stay as they are
 * (radiation oncology, bone and eye oncology, genetics).
 */
const paediatricCounterparts: Record<string, string> = {
  IM: 'PE',
  FM: 'PE',
  EM: 'PE-EM',
  'IM-ENDO': 'PE-ENDO',
  'IM-CARD': 'PE-CARD',
  'IM-HF': 'PE-CARD',
  'IM-EP': 'PE-CARD',
  'IM-ICARD': 'PE-CARD',
  'IM-ACHD': 'PE-CARD',
  'IM-HEM': 'PE-HEMONC',
  'IM-ONC': 'PE-HEMONC',
  'IM-GI': 'PE-GI',
  'IM-HEP': 'PE-GI',
  'IM-NEPH': 'PE-NEPH',
  'IM-PULM': 'PE-PULM',
  'IM-SLEEP': 'PE-PULM',
  'IM-ID': 'PE-ID',
  'IM-RHEUM': 'PE-RHEUM',
  'IM-CCM': 'PE-CCM',
  NE: 'NE-CHILD',
  'NE-EPI': 'NE-CHILD',
  'NE-VASC': 'NE-CHILD',
  'NE-NMD': 'NE-CHILD',
  'NE-MOVE': 'NE-CHILD',
  'NE-ONC': 'NE-CHILD',
  NS: 'NS-PED',
  'NS-ONC': 'NS-PED',
  'NS-SPINE': 'NS-PED',
  OS: 'OS-PED',
  'OS-JOINT': 'OS-PED',
  'OS-SPORTS': 'OS-PED',
  'OS-HAND': 'OS-PED',
  OP: 'OP-PED',
  'OP-RET': 'OP-PED',
  'OP-GLAU': 'OP-PED',
  OT: 'OT-PED',
  'OT-NEURO': 'OT-PED',
  'OT-HNONC': 'OT-PED',
  UR: 'UR-PED',
  'UR-ONC': 'UR-PED',
  SU: 'SU-PED',
  'SU-ONC': 'SU-PED',
  'SU-HPB': 'SU-PED',
  CRS: 'SU-PED',
  'TS-THOR': 'SU-PED',
  TS: 'TS-CONG',
  PY: 'PY-CHILD',
  'PY-ADD': 'PY-CHILD',
  DE: 'DE-PED',
  DR: 'DR-PED',
};
const paediatricCodes = new Set([
  ...Object.values(paediatricCounterparts),
  'PE-NEO',
  'PE-DEV',
  'PE-RHEUM',
  'PE-CCM',
  'PE-EM',
]);
const isPaediatric = (code: string) => paediatricCodes.has(code) || code.startsWith('PE-');

/** Specialties whose work is operating: a proposed operation is theirs to review first. */
const surgicalRoots = new Set(['SU', 'CRS', 'NS', 'OS', 'OT', 'PS', 'TS', 'UR', 'VS', 'OP']);
const surgicalCodes = new Set(['OG', 'OG-GYNONC', 'OG-URO', 'DE-MOHS']);
export const isSurgical = (code: string) =>
  surgicalCodes.has(code) || surgicalRoots.has(specialtyByCode(code)?.parent ?? code);

const unique = (codes: Iterable<string>) => [...new Set(codes)];

/**
 * Who treats a condition first and who takes part, for this patient: a child's adult specialties
 * become their paediatric counterparts (the adult ones only related), an adult's paediatric ones
 * drop out; a proposed operation puts the surgeons of the condition first, proposed radiotherapy
 * the radiation oncologists, a proposed medicine the physicians.
 */
export function treatersFor(
  specialties: readonly string[],
  secondary: readonly string[],
  patient: PatientContext,
): { first: string[]; second: string[]; adultForChild: string[] } {
  let first = [...specialties];
  let second = [...secondary];
  const adultForChild: string[] = [];
  const age = patient.age ?? null;
  if (age !== null && age < ADULT_AGE) {
    const toChild = (codes: string[]) =>
      unique(
        codes.map((code) => {
          const counterpart = paediatricCounterparts[code];
          if (counterpart) adultForChild.push(code);
          return counterpart ?? code;
        }),
      );
    first = toChild(first);
    second = toChild(second).filter((code) => !first.includes(code));
  } else if (age !== null) {
    const adultFirst = first.filter((code) => !isPaediatric(code));
    // A condition only children's specialists list (a hip dysplasia found late) keeps them.
    if (adultFirst.length > 0) first = adultFirst;
    second = second.filter((code) => !isPaediatric(code));
  }
  const promote = (chosen: (code: string) => boolean) => {
    const fromFirst = first.filter(chosen);
    const picked = fromFirst.length > 0 ? fromFirst : second.filter(chosen);
    if (picked.length === 0) return;
    second = unique([...first, ...second].filter((code) => !picked.includes(code)));
    first = picked;
  };
  if (patient.treatment === 'surgery') promote(isSurgical);
  else if (patient.treatment === 'radiotherapy') promote((code) => code === 'RO');
  else if (patient.treatment === 'medicine') promote((code) => !isSurgical(code));
  return { first, second, adultForChild: unique(adultForChild) };
}

/**
 * Resolves what is asked (codes and/or a condition) into fit tiers. A sub-specialty asked for is an
 * exact fit and its specialty a specialty fit; a specialty asked for is a specialty fit. Without
 * codes, a condition's first-line treaters for this patient (`treatersFor`) are the exact fit, the
 * secondary ones the specialty fit, and the chapter's the related; a sub-specialty's parent is not
 * added (an internist is not an oncologist). With codes, the condition only widens the search
 * (related).
 */
export function resolveWanted(
  codes: string[],
  condition: string | undefined,
  patient: PatientContext = {},
): WantedSpecialties {
  const exact = new Set<string>();
  const specialty = new Set<string>();
  const related = new Set<string>();
  for (const code of codes) {
    const entry = specialtyByCode(code);
    if (!entry) continue;
    if (entry.parent) {
      exact.add(entry.code);
      specialty.add(entry.parent);
    } else {
      specialty.add(entry.code);
    }
  }
  const resolved = condition ? resolveCondition(condition) : undefined;
  if (resolved) {
    const { first, second, adultForChild } = treatersFor(resolved.specialties, resolved.secondary, patient);
    const chapter = resolved.block
      ? treatersFor(resolved.chapter.specialties, [], { age: patient.age ?? null }).first
      : [];
    if (codes.length > 0) {
      for (const code of [...first, ...second, ...chapter]) related.add(code);
    } else {
      for (const code of first) exact.add(code);
      for (const code of second) specialty.add(code);
      for (const code of [...chapter, ...adultForChild]) related.add(code);
    }
  }
  for (const code of exact) specialty.delete(code);
  for (const code of [...exact, ...specialty]) related.delete(code);
  return {
    exact: [...exact],
    specialty: [...specialty],
    related: [...related],
    conditionBlock: resolved?.block?.code ?? null,
    conditionChapter: resolved?.chapter.code ?? null,
  };
}

const overlaps = (left: string[], right: string[]) => left.some((value) => right.includes(value));

/** The best tier any of a specialist's codes (specialty or sub-specialty) falls in. */
export function fitOf(candidate: Candidate, wanted: WantedSpecialties): FitTier | null {
  for (const fit of fitTiers) {
    const codes = tierCodes(wanted, fit);
    if (overlaps(candidate.subspecialtyCodes, codes) || overlaps(candidate.specialtyCodes, codes)) return fit;
  }
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

/** A ranked candidate with the fit tier that places them. */
export interface RankedMatch {
  match: SpecialistMatch;
  fit: FitTier;
}

/**
 * The best `limit` candidates: the better fit first (a first-line specialist for the condition
 * before a secondary one, before one of the chapter, whatever their languages or places), then the
 * higher score; ties go to more places left, then the id.
 */
export function rankCandidates(
  candidates: Iterable<Candidate>,
  request: MatchRequest,
  limit: number,
): RankedMatch[] {
  const scored: RankedMatch[] = [];
  for (const candidate of candidates) {
    if (exclusionOf(candidate, request)) continue;
    const fit = fitOf(candidate, request.wanted);
    const match = fit ? scoreCandidate(candidate, request) : null;
    if (fit && match) scored.push({ match, fit });
  }
  scored.sort(
    (left, right) =>
      fitTiers.indexOf(left.fit) - fitTiers.indexOf(right.fit) ||
      right.match.score - left.match.score ||
      right.match.specialist.capacityLeft - left.match.specialist.capacityLeft ||
      (left.match.specialist.id < right.match.specialist.id
        ? -1
        : left.match.specialist.id > right.match.specialist.id
          ? 1
          : 0),
  );
  return scored.slice(0, limit);
}

export function rankSpecialists(
  candidates: Iterable<Candidate>,
  request: MatchRequest,
  limit: number,
): SpecialistMatch[] {
  return rankCandidates(candidates, request, limit).map((ranked) => ranked.match);
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
 * member language, a "member's country" level without regions have none), in the ranking's order:
 * the better fit tier first, then the best bound first. Every specialist who fits the request is in
 * exactly one.
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
  return slices.sort(
    (left, right) => fitTiers.indexOf(left.fit) - fitTiers.indexOf(right.fit) || right.bound - left.bound,
  );
}

/** While the list is not full, how many more slices one statement reads (after the first alone). */
const SLICES_PER_QUERY_UNTIL_FULL = 2;

/**
 * The slices the next statement reads, from `next` on: the first slice alone (most requests need
 * nothing else); once the list holds `limit` candidates, every unread slice that could still
 * change it: of the last candidate's fit tier, with a bound that reaches their score (the bounds
 * fall within a tier, a worse tier never comes before, and the last only rises), so that
 * statement is the last; until then, the next few.
 */
export function slicesOfNextQuery(
  slices: RetrievalSlice[],
  next: number,
  last: { fit: FitTier; score: number } | undefined,
): RetrievalSlice[] {
  if (next === 0) return slices.slice(0, 1);
  if (last === undefined) return slices.slice(next, next + SLICES_PER_QUERY_UNTIL_FULL);
  const lastTier = fitTiers.indexOf(last.fit);
  let end = next;
  // Strictly above: someone unread with the same score could still come first on places or id.
  while (
    end < slices.length &&
    fitTiers.indexOf(slices[end]!.fit) <= lastTier &&
    !(fitTiers.indexOf(slices[end]!.fit) === lastTier && last.score > slices[end]!.bound)
  )
    end += 1;
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

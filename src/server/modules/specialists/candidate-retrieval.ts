import { and, eq, lt, not, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { SpecialistMatch, SpecialistMatchSearch } from '../../../shared/specialists.js';
import type { RequestContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { readCasePart } from '../cases/index.js';
import { userProfile } from '../identity/schema.js';
import { findMemberCoverage } from '../plans/index.js';
import { locateCity } from './cities.js';
import { specialistsPolicy } from './policy.js';
import {
  factorWeights,
  firstOpinionKeysOf,
  languagePoints,
  licencePoints,
  otherLanguages,
  rankCandidates,
  resolveWanted,
  retrievalSlices,
  slicesOfNextQuery,
  scoringConstants,
  tierCodes,
  wantedCountries,
  type Candidate,
  type MatchRequest,
  type RankedMatch,
  type RetrievalSlice,
} from './matching.js';
import { specialist } from './schema.js';

/**
 * Candidate retrieval for matching (docs/decisions/0009-specialist-retrieval.md): the network is
 * read in slices that can only score lower one after the other (fit tier × language level ×
 * licence level, `retrievalSlices`), each slice one indexed query with the hard exclusions in SQL,
 * ordered by the ranking's own score computed in SQL, and at most `perSlice` rows. After each slice
 * the candidates so far are ranked; when the last of the top `limit` scores above what any slice
 * not read yet could reach, the rest of the network cannot change the list and is never read.
 */

const candidateColumns = {
  id: specialist.id,
  userId: specialist.userId,
  name: specialist.name,
  nameKey: specialist.nameKey,
  title: specialist.title,
  institution: specialist.institution,
  institutionKey: specialist.institutionKey,
  country: specialist.country,
  city: specialist.city,
  latitude: specialist.latitude,
  longitude: specialist.longitude,
  licensedCountries: specialist.licensedCountries,
  languages: specialist.languages,
  specialtyCodes: specialist.specialtyCodes,
  subspecialtyCodes: specialist.subspecialtyCodes,
  conditionCodes: specialist.conditionCodes,
  acceptsReviews: specialist.acceptsReviews,
  weeklyCapacity: specialist.weeklyCapacity,
  activeReviews: specialist.activeReviews,
  medianTurnaroundHours: specialist.medianTurnaroundHours,
};

const textArray = (values: string[]) => sql`${sql.param(values)}::text[]`;
const anyCode = (codes: string[]) =>
  sql`(${specialist.specialtyCodes} && ${textArray(codes)} OR ${specialist.subspecialtyCodes} && ${textArray(codes)})`;

/** `match_keys` tokens: `code|language`, and `code|language|country` (see the migration). */
const tokens = (codes: string[], languages: string[], countries?: string[]) =>
  codes.flatMap((code) =>
    languages.flatMap((language) =>
      countries ? countries.map((country) => `${code}|${language}|${country}`) : [`${code}|${language}`],
    ),
  );

/**
 * Who is in a slice, exactly as `fitOf`, `languageLevelOf` and `licenceLevelOf` place them. When
 * the language and the licence levels are both met, one lookup of `match_keys` finds the slice;
 * otherwise the broader tokens (or the codes) find it and the levels above it are filtered out.
 */
function sliceCondition(request: MatchRequest, slice: RetrievalSlice): SQL | undefined {
  const { exact, specialty } = request.wanted;
  const codes = tierCodes(request.wanted, slice.fit);
  const preferred = request.languages[0] ?? '';
  const others = otherLanguages(request);
  const wanted = wantedCountries(request);
  const memberLevel = request.regions.length > 0 && !request.regions.includes(request.memberCountry);
  const conditions: (SQL | undefined)[] = [];

  // Not in a better fit tier.
  if (slice.fit !== 'exact' && exact.length > 0) conditions.push(not(anyCode(exact)));
  if (slice.fit === 'related' && specialty.length > 0) conditions.push(not(anyCode(specialty)));

  const languages = slice.language === 'preferred' ? [preferred] : slice.language === 'other' ? others : [];
  const countries =
    slice.licence === 'wanted' ? wanted : slice.licence === 'member' ? [request.memberCountry] : [];
  if (slice.language === 'none') {
    conditions.push(
      anyCode(codes),
      not(sql`${specialist.languages} && ${textArray([preferred, ...others])}`),
    );
    if (slice.licence !== 'none')
      conditions.push(sql`${specialist.licensedCountries} && ${textArray(countries)}`);
  } else {
    const keys = slice.licence === 'none' ? tokens(codes, languages) : tokens(codes, languages, countries);
    conditions.push(sql`${specialist.matchKeys} && ${textArray(keys)}`);
    if (slice.language === 'other')
      conditions.push(not(sql`${specialist.languages} @> ARRAY[${preferred}]::text[]`));
  }
  if (slice.licence === 'member' || slice.licence === 'none') {
    const better =
      slice.licence === 'member' ? wanted : memberLevel ? [...wanted, request.memberCountry] : wanted;
    conditions.push(not(sql`${specialist.licensedCountries} && ${textArray(better)}`));
  }
  return and(...conditions);
}

/** Rounds to one decimal as the ranking does (`Math.round(value * 10) / 10`), in float8. */
const round1 = (value: SQL) => sql`(floor((${value}) * 10 + 0.5) / 10)`;

/**
 * A slice's score in SQL, the same arithmetic in the same order as `scoreCandidate` (float8,
 * each factor rounded like it), so that the database returns a slice's best first exactly as
 * the ranking would order them and a few rows per slice are enough.
 */
function sliceScore(request: MatchRequest, slice: RetrievalSlice): SQL {
  const weights = factorWeights(request);
  const max = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  const k = scoringConstants;
  const { conditionBlock, conditionChapter } = request.wanted;
  const expertise = conditionBlock
    ? sql`CASE WHEN ${specialist.conditionCodes} @> ARRAY[${conditionBlock}]::text[] THEN ${k.expertiseBlockPoints}
        WHEN ${specialist.conditionCodes} @> ARRAY[${conditionChapter ?? ''}]::text[] THEN ${k.expertiseChapterPoints} ELSE 0 END`
    : conditionChapter
      ? sql`CASE WHEN ${specialist.conditionCodes} @> ARRAY[${conditionChapter}]::text[] THEN ${k.expertiseChapterPoints} ELSE 0 END`
      : sql`0`;
  const specialtyPoints = sql`least(${weights.specialty}, ${k.fitPoints[slice.fit]} + ${expertise})::float8`;
  const languageTerm = sql`${languagePoints(slice.language, weights)}::float8`;
  const licenceTerm = sql`${licencePoints(slice.licence, weights)}::float8`;
  const capacityPoints = sql`CASE WHEN ${specialist.weeklyCapacity} > 0 THEN ${round1(
    sql`(${weights.capacity}::float8 * greatest(0, ${specialist.weeklyCapacity} - ${specialist.activeReviews})) / ${specialist.weeklyCapacity}`,
  )} ELSE 0 END`;
  // pg hands a real (float4) to JavaScript as its shortest text, which is what the ranking sees.
  const hours = sql`(${specialist.medianTurnaroundHours}::text)::float8`;
  const share = sql`CASE WHEN ${specialist.medianTurnaroundHours} IS NULL THEN 0.5::float8
    ELSE least(1, greatest(0, (${k.turnaroundWorstHours}::float8 - ${hours}) / ${k.turnaroundWorstHours - k.turnaroundBestHours}::float8)) END`;
  const turnaroundPoints = round1(sql`${weights.turnaround}::float8 * ${share}`);
  let total = sql`${specialtyPoints} + ${languageTerm} + ${licenceTerm} + ${capacityPoints} + ${turnaroundPoints}`;
  if (request.origin) {
    const radians = (degrees: SQL) => sql`((${degrees}) * pi() / 180)`;
    const origin = request.origin;
    const dLat = radians(sql`${specialist.latitude} - ${origin.latitude}::float8`);
    const dLon = radians(sql`${specialist.longitude} - ${origin.longitude}::float8`);
    const a = sql`(sin(${dLat} / 2) * sin(${dLat} / 2) + cos(${radians(sql`${origin.latitude}::float8`)}) * cos(${radians(sql`${specialist.latitude}`)}) * (sin(${dLon} / 2) * sin(${dLon} / 2)))`;
    const km = sql`floor(2 * 6371.0088::float8 * asin(least(1, sqrt(${a}))) + 0.5)`;
    total = sql`${total} + ${round1(sql`${weights.distance}::float8 * greatest(0, 1 - ${km} / ${k.distanceNoneKm}::float8)`)}`;
  }
  return round1(sql`(100 * (${total})) / ${max}::float8`);
}

export interface RetrievalOptions {
  /** Candidates read per slice at most. */
  perSlice: number;
  /** Only specialists who can receive an offer now: a desk account in use (the rest is the request's). */
  offerableOnly?: boolean;
}

export interface RetrievalResult {
  matches: SpecialistMatch[];
  /** Candidate rows read from the database, for the benchmark. */
  candidatesRead: number;
  slicesRead: number;
  /** Statements sent (each reads one or more slices). */
  queries: number;
}

/** Finds the top `limit` specialists for a request: the retrieval described at the top. */
export async function findMatches(
  db: Queryable,
  request: MatchRequest,
  limit: number,
  options: RetrievalOptions = { perSlice: Math.max(20, limit * 2) },
): Promise<RetrievalResult> {
  const atDesk = options.offerableOnly
    ? sql`EXISTS (SELECT 1 FROM ${userProfile} WHERE ${userProfile.userId} = ${specialist.userId} AND ${userProfile.disabledAt} IS NULL)`
    : undefined;
  const slices = retrievalSlices(request);
  const { doctor: doctorKey, institution: institutionKey } = firstOpinionKeysOf(request.firstOpinion);
  const placesLeft = sql`greatest(0, ${specialist.weeklyCapacity} - ${specialist.activeReviews})`;
  const sliceQuery = (slice: RetrievalSlice) =>
    db
      .select(candidateColumns)
      .from(specialist)
      .where(
        and(
          sliceCondition(request, slice),
          eq(specialist.acceptsReviews, true),
          request.includeFull ? undefined : lt(specialist.activeReviews, specialist.weeklyCapacity),
          doctorKey ? sql`${specialist.nameKey} <> ${doctorKey}` : undefined,
          institutionKey ? sql`${specialist.institutionKey} IS DISTINCT FROM ${institutionKey}` : undefined,
          atDesk,
        ),
      )
      .orderBy(sql`${sliceScore(request, slice)} DESC`, sql`${placesLeft} DESC`, specialist.id)
      .limit(options.perSlice);

  const candidates: Candidate[] = [];
  let ranked: RankedMatch[] = [];
  let slicesRead = 0;
  let queries = 0;
  while (slicesRead < slices.length) {
    const last = ranked[limit - 1];
    const batch = slicesOfNextQuery(slices, slicesRead, last && { fit: last.fit, score: last.match.score });
    if (batch.length === 0) break;
    // Several slices go as one UNION ALL of their own ordered, limited selects: one round trip.
    const [first, second, ...rest] = batch.map(sliceQuery);
    const rows = await (second ? unionAll(first!, second, ...rest) : first!);
    queries += 1;
    slicesRead += batch.length;
    candidates.push(...rows);
    ranked = rankCandidates(candidates, request, limit);
  }
  return {
    matches: ranked.map((entry) => entry.match),
    candidatesRead: candidates.length,
    slicesRead,
    queries,
  };
}

/**
 * The best specialists who can be offered the review now, for the review room's list of next
 * candidates: accepting reviews, a free place, not the first opinion's, and a desk account in use
 * (most of the network has none, and an offer needs one). So "the next of N candidates" counts only
 * those who could take it.
 */
export function findOfferableMatches(
  db: Queryable,
  request: MatchRequest,
  limit: number,
): Promise<RetrievalResult> {
  return findMatches(db, { ...request, includeFull: false }, limit, {
    perSlice: Math.max(20, limit * 2),
    offerableOnly: true,
  });
}

/** Whole years from a date of birth (`YYYY-MM-DD`) to a moment, in UTC. */
export function ageOn(dateOfBirth: string, now: Date): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const birthdayPassed =
    now.getUTCMonth() + 1 > month || (now.getUTCMonth() + 1 === month && now.getUTCDate() >= day);
  return now.getUTCFullYear() - year - (birthdayPassed ? 0 : 1);
}

/**
 * The specialists best suited to review a case, for its assigned case manager or operations:
 * what they ask (condition, specialties, proposed treatment, languages, regions, urgency) and what
 * the case says (the patient's age, the member's language and country, the first opinion to
 * exclude). Audited: it reads the case.
 */
export async function matchSpecialistsForCase(
  ctx: RequestContext,
  caseId: string,
  query: SpecialistMatchSearch,
): Promise<{ items: SpecialistMatch[] }> {
  return readCasePart(ctx, caseId, { sees: specialistsPolicy.chooseReviewer }, async (tx, { kase }) => {
    const patient = await findMemberCoverage(tx, kase.memberId);
    const wanted = resolveWanted(query.specialty ?? [], query.condition, {
      age: patient ? ageOn(patient.member.dateOfBirth, ctx.clock.now()) : null,
      treatment: query.treatment ?? null,
    });
    if (wanted.exact.length + wanted.specialty.length + wanted.related.length === 0) {
      throw new AppError('specialist_match.unknown_condition');
    }
    const place = query.nearby ? locateCity(kase.locationCountry, kase.locationCity) : undefined;
    const request: MatchRequest = {
      wanted,
      languages: query.languages?.length ? query.languages : [kase.preferredLanguage],
      memberCountry: kase.locationCountry,
      regions: query.regions ?? [],
      urgency: query.urgency,
      origin: place ? { latitude: place.latitude, longitude: place.longitude } : null,
      firstOpinion: { doctorName: kase.firstOpinionDoctor, institution: kase.firstOpinionInstitution },
      includeFull: query.includeFull,
    };
    const { matches } = await findMatches(tx, request, query.limit);
    return {
      value: { items: matches },
      audit: {
        action: 'case.specialists_matched',
        details: {
          count: matches.length,
          includeFull: query.includeFull,
          specialistIds: matches.map((match) => match.specialist.id),
        },
      },
    };
  });
}

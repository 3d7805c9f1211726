import { and, eq, lt, not, sql, type SQL } from 'drizzle-orm';
import type { SpecialistMatch, SpecialistMatchQuery } from '../../../shared/specialists.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/service.js';
import { auditPurposeFor } from '../cases/policy.js';
import { caseForActor } from '../cases/service.js';
import { locateCity } from './cities.js';
import {
  bestPossibleScore,
  fitTiers,
  rankSpecialists,
  resolveWanted,
  type Candidate,
  type FitTier,
  type MatchRequest,
} from './matching.js';
import { nameKey } from './names.js';
import { specialist } from './schema.js';

/**
 * Candidate retrieval for matching (docs/decisions/0009-specialist-retrieval.md): the network is
 * read in slices that can only score lower one after the other — fit tier × whether the
 * specialist speaks the member's preferred language — each slice a GIN-indexed query with the
 * hard exclusions in SQL and at most `perSlice` rows, the best first by what SQL can compute of
 * the score (licence, places, turnaround). After each slice the candidates so far are ranked;
 * when the last of the top `limit` scores at least what the next slice could reach, the rest of
 * the network cannot change the list and is never read.
 */

const candidateColumns = {
  id: specialist.id,
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

function fitCondition(request: MatchRequest, fit: FitTier): SQL | undefined {
  const { exact, specialty, related } = request.wanted;
  const hasExact = exact.length > 0 ? sql`${specialist.subspecialtyCodes} && ${textArray(exact)}` : undefined;
  const hasSpecialty =
    specialty.length > 0 ? sql`${specialist.specialtyCodes} && ${textArray(specialty)}` : undefined;
  const notBetter = [hasExact, fit === 'related' ? hasSpecialty : undefined]
    .filter((condition): condition is SQL => condition !== undefined)
    .map((condition) => not(condition));
  switch (fit) {
    case 'exact':
      return hasExact;
    case 'specialty':
      return hasSpecialty ? and(hasSpecialty, ...notBetter) : undefined;
    case 'related':
      return related.length > 0
        ? and(
            sql`(${specialist.specialtyCodes} && ${textArray(related)} OR ${specialist.subspecialtyCodes} && ${textArray(related)})`,
            ...notBetter,
          )
        : undefined;
  }
}

export interface RetrievalOptions {
  /** Candidates read per slice at most. */
  perSlice: number;
}

export interface RetrievalResult {
  matches: SpecialistMatch[];
  /** Candidate rows read from the database, for the benchmark. */
  candidatesRead: number;
  slicesRead: number;
}

/** Finds the top `limit` specialists for a request: the retrieval described at the top. */
export async function findMatches(
  db: Queryable,
  request: MatchRequest,
  limit: number,
  options: RetrievalOptions = { perSlice: Math.max(200, limit * 20) },
): Promise<RetrievalResult> {
  const preferred = request.languages[0] ?? '';
  const slices = fitTiers
    .flatMap((fit) =>
      [true, false].map((speaks) => ({ fit, speaks, bound: bestPossibleScore(request, fit, speaks) })),
    )
    .sort((left, right) => right.bound - left.bound);
  const wantedCountries = request.regions.length > 0 ? request.regions : [request.memberCountry];
  const turnaroundWeight = request.urgency === 'urgent' ? 20 : 8;
  const doctorKey = request.firstOpinion.doctorName ? nameKey(request.firstOpinion.doctorName) : '';
  const institutionKey = request.firstOpinion.institution ? nameKey(request.firstOpinion.institution) : '';
  const sqlScore = sql`(${specialist.licensedCountries} && ${textArray(wantedCountries)})::int * 15
    + 10.0 * (${specialist.weeklyCapacity} - ${specialist.activeReviews}) / greatest(${specialist.weeklyCapacity}, 1)
    + ${turnaroundWeight}::float8 * least(1, greatest(0, (120 - coalesce(${specialist.medianTurnaroundHours}, 66)) / 108.0))`;

  const candidates: Candidate[] = [];
  let ranked: SpecialistMatch[] = [];
  let slicesRead = 0;
  for (const [index, slice] of slices.entries()) {
    const fit = fitCondition(request, slice.fit);
    if (!fit) continue;
    const speaks = sql`${specialist.languages} @> ARRAY[${preferred}]::text[]`;
    const rows = await db
      .select(candidateColumns)
      .from(specialist)
      .where(
        and(
          fit,
          slice.speaks ? speaks : not(speaks),
          eq(specialist.acceptsReviews, true),
          request.includeFull ? undefined : lt(specialist.activeReviews, specialist.weeklyCapacity),
          doctorKey ? sql`${specialist.nameKey} <> ${doctorKey}` : undefined,
          institutionKey ? sql`${specialist.institutionKey} IS DISTINCT FROM ${institutionKey}` : undefined,
        ),
      )
      .orderBy(sql`${sqlScore} DESC`, specialist.id)
      .limit(options.perSlice);
    slicesRead += 1;
    candidates.push(...rows);
    ranked = rankSpecialists(candidates, request, limit);
    const next = slices[index + 1];
    const last = ranked[limit - 1];
    if (last && (!next || last.score >= next.bound)) break;
  }
  return { matches: ranked, candidatesRead: candidates.length, slicesRead };
}

/**
 * The specialists best suited to review a case, for its assigned case manager or operations:
 * what they ask (condition, specialties, languages, regions, urgency) and what the case says (the
 * member's language and country, the first opinion to exclude). Audited: it reads the case.
 */
export async function matchSpecialistsForCase(
  ctx: RequestContext,
  caseId: string,
  query: SpecialistMatchQuery,
): Promise<{ items: SpecialistMatch[] }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, false);
    // Choosing a reviewer is the assigned case manager's work (and operations'): the member and a
    // former case manager, who may read the case, are told there is nothing here like any outsider.
    if (actor.role !== 'ops' && !(actor.role === 'case_manager' && kase.caseManagerUserId === actor.userId)) {
      throw notFound();
    }
    const wanted = resolveWanted(query.specialty ?? [], query.condition);
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
    await recordAudit(
      tx,
      ctx,
      {
        action: 'case.specialists_matched',
        details: {
          count: matches.length,
          includeFull: query.includeFull,
          specialistIds: matches.map((match) => match.specialist.id),
        },
      },
      {
        entityType: 'case',
        entityId: caseId,
        subjectMemberId: kase.memberId,
        purpose: auditPurposeFor(actor),
      },
    );
    return { items: matches };
  });
}

import { and, gte, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { opinionCase } from './schema.js';

/** How many cases were submitted in one hour, in one language, from one country. */
export interface SubmissionVolume {
  /** The start of the hour (UTC). */
  hour: Date;
  language: string;
  country: string;
  cases: number;
}

/**
 * Submissions counted by hour, language and country over [from, to): counts only, nothing about
 * any member or their health, for forecasting demand (the planning room).
 */
export async function submissionVolumes(db: Queryable, from: Date, to: Date): Promise<SubmissionVolume[]> {
  // Hours since the epoch: the same in every session time zone (half-hour zones included).
  const hour = sql<string>`floor(extract(epoch from ${opinionCase.submittedAt}) / 3600)::bigint`;
  const rows = await db
    .select({
      hour,
      language: opinionCase.preferredLanguage,
      country: opinionCase.locationCountry,
      cases: sql<number>`count(*)::int`,
    })
    .from(opinionCase)
    .where(and(gte(opinionCase.submittedAt, from), lt(opinionCase.submittedAt, to)))
    .groupBy(hour, opinionCase.preferredLanguage, opinionCase.locationCountry)
    .orderBy(hour, opinionCase.preferredLanguage, opinionCase.locationCountry);
  return rows.map((row) => ({
    hour: new Date(Number(row.hour) * 3_600_000),
    language: row.language,
    country: row.country,
    cases: Number(row.cases),
  }));
}

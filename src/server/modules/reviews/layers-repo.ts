import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { specialist } from '../specialists/schema.js';
import { doctorLetterLink, reviewSummary, reviewTranslation } from './layers-schema.js';
import { review } from './schema.js';

/** Queries of the opinion's layers: the summary, the translations, the doctor's letter links. */

export type SummaryRow = typeof reviewSummary.$inferSelect;
export type TranslationRow = typeof reviewTranslation.$inferSelect;
export type DoctorLetterLinkRow = typeof doctorLetterLink.$inferSelect;

/** The case's latest complete review: the one whose opinion reaches the member. */
export async function latestCompleteReview(db: Queryable, caseId: string) {
  const [row] = await db
    .select()
    .from(review)
    .where(and(eq(review.caseId, caseId), eq(review.status, 'complete')))
    .orderBy(desc(review.completedAt), desc(review.id))
    .limit(1);
  return row;
}

export async function specialistLanguages(db: Queryable, specialistId: string): Promise<string[]> {
  const [row] = await db
    .select({ languages: specialist.languages })
    .from(specialist)
    .where(eq(specialist.id, specialistId));
  return row?.languages ?? [];
}

export async function findSummary(db: Queryable, reviewId: string, lock = false) {
  const query = db.select().from(reviewSummary).where(eq(reviewSummary.reviewId, reviewId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function saveSummary(tx: Queryable, row: typeof reviewSummary.$inferInsert): Promise<void> {
  await tx
    .insert(reviewSummary)
    .values(row)
    .onConflictDoUpdate({
      target: reviewSummary.reviewId,
      set: {
        language: row.language,
        body: row.body,
        version: sql`${reviewSummary.version} + 1`,
        writtenByUserId: row.writtenByUserId,
        writtenAt: row.writtenAt,
      },
    });
}

export async function translationsOfOffers(db: Queryable, offerIds: string[]): Promise<TranslationRow[]> {
  if (offerIds.length === 0) return [];
  return db.select().from(reviewTranslation).where(inArray(reviewTranslation.offerId, offerIds));
}

export async function saveTranslation(tx: Queryable, row: typeof reviewTranslation.$inferInsert) {
  await tx
    .insert(reviewTranslation)
    .values(row)
    .onConflictDoUpdate({
      target: [reviewTranslation.offerId, reviewTranslation.language],
      set: {
        body: row.body,
        translatorName: row.translatorName,
        enteredByUserId: row.enteredByUserId,
        translatedAt: row.translatedAt,
      },
    });
}

export async function insertDoctorLetterLink(tx: Queryable, row: typeof doctorLetterLink.$inferInsert) {
  await tx.insert(doctorLetterLink).values(row);
}

export async function findDoctorLetterLink(db: Queryable, id: string, lock = false) {
  const query = db.select().from(doctorLetterLink).where(eq(doctorLetterLink.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function markDoctorLetterOpened(tx: Queryable, id: string, now: Date): Promise<void> {
  await tx
    .update(doctorLetterLink)
    .set({ openedCount: sql`${doctorLetterLink.openedCount} + 1`, lastOpenedAt: now })
    .where(eq(doctorLetterLink.id, id));
}

/** Erasure: the layers' words and the doctor's address go with the case's other clinical text. */
export async function eraseLayersOfCases(tx: Queryable, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx.update(reviewSummary).set({ body: '[erased]' }).where(inArray(reviewSummary.caseId, caseIds));
  await tx
    .update(reviewTranslation)
    .set({ body: '[erased]', translatorName: null })
    .where(inArray(reviewTranslation.caseId, caseIds));
  await tx
    .update(doctorLetterLink)
    .set({ email: '[erased]', doctorName: null, expiresAt: sql`least(${doctorLetterLink.expiresAt}, now())` })
    .where(inArray(doctorLetterLink.caseId, caseIds));
}

/**
 * The member's layers of the opinions on these cases, as the member reads them (for the member's
 * export): the case manager's summaries in the member's language, the translations of the
 * specialists' words, and the letters the member sent to a treating doctor (to whom, when).
 */
export async function layersOfCases(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return { summaries: [], translations: [], doctorLetters: [] };
  const summaries = await db
    .select()
    .from(reviewSummary)
    .where(inArray(reviewSummary.caseId, caseIds))
    .orderBy(asc(reviewSummary.writtenAt));
  const translations = await db
    .select()
    .from(reviewTranslation)
    .where(inArray(reviewTranslation.caseId, caseIds))
    .orderBy(asc(reviewTranslation.translatedAt));
  const letters = await db
    .select()
    .from(doctorLetterLink)
    .where(inArray(doctorLetterLink.caseId, caseIds))
    .orderBy(asc(doctorLetterLink.sentAt));
  return {
    summaries: summaries.map((row) => ({
      caseId: row.caseId,
      language: row.language,
      body: row.body,
      version: row.version,
      writtenAt: row.writtenAt.toISOString(),
    })),
    translations: translations.map((row) => ({
      caseId: row.caseId,
      language: row.language,
      body: row.body,
      translatedAt: row.translatedAt.toISOString(),
    })),
    doctorLetters: letters.map((row) => ({
      caseId: row.caseId,
      language: row.language,
      doctorName: row.doctorName,
      email: row.email,
      sentAt: row.sentAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    })),
  };
}

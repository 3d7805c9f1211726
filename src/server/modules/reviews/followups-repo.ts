import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { specialist } from '../specialists/schema.js';
import {
  followupAddendum,
  followupAddendumSummary,
  followupQuestion,
  followupRecipient,
} from './followups-schema.js';

/** Queries of the follow-up questions: always scoped to a case, a recipient or an offer. */

export type QuestionRow = typeof followupQuestion.$inferSelect;
export type RecipientRow = typeof followupRecipient.$inferSelect;
export type AddendumRow = typeof followupAddendum.$inferSelect;
export type AddendumSummaryRow = typeof followupAddendumSummary.$inferSelect;

export async function insertQuestion(tx: Queryable, row: typeof followupQuestion.$inferInsert) {
  await tx.insert(followupQuestion).values(row);
}

export async function insertRecipient(tx: Queryable, row: typeof followupRecipient.$inferInsert) {
  await tx.insert(followupRecipient).values(row);
}

export async function findQuestion(db: Queryable, id: string): Promise<QuestionRow | undefined> {
  const [row] = await db.select().from(followupQuestion).where(eq(followupQuestion.id, id));
  return row;
}

export async function findRecipient(
  db: Queryable,
  id: string,
  lock = false,
): Promise<RecipientRow | undefined> {
  const query = db.select().from(followupRecipient).where(eq(followupRecipient.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function updateRecipient(
  tx: Queryable,
  id: string,
  fromStatus: RecipientRow['status'],
  patch: Partial<Pick<RecipientRow, 'status' | 'answeredAt' | 'endedAt'>>,
): Promise<boolean> {
  const rows = await tx
    .update(followupRecipient)
    .set(patch)
    .where(and(eq(followupRecipient.id, id), eq(followupRecipient.status, fromStatus)))
    .returning({ id: followupRecipient.id });
  return rows.length === 1;
}

/** The questions of a case, oldest first, each with its specialists' parts and who they are. */
export async function questionsOfCase(db: Queryable, caseId: string) {
  const questions = await db
    .select()
    .from(followupQuestion)
    .where(eq(followupQuestion.caseId, caseId))
    .orderBy(asc(followupQuestion.askedAt), asc(followupQuestion.id));
  const recipients = await db
    .select({ recipient: followupRecipient, name: specialist.name, title: specialist.title })
    .from(followupRecipient)
    .innerJoin(specialist, eq(specialist.id, followupRecipient.specialistId))
    .where(eq(followupRecipient.caseId, caseId))
    .orderBy(asc(followupRecipient.id));
  return { questions, recipients };
}

/** Open parts of a case (to end them with the case). */
export async function openRecipientsOfCase(db: Queryable, caseId: string): Promise<RecipientRow[]> {
  return db
    .select()
    .from(followupRecipient)
    .where(and(eq(followupRecipient.caseId, caseId), eq(followupRecipient.status, 'open')));
}

/** A specialist's parts of the questions about one opinion (their offer), oldest first. */
export async function recipientsOfOffer(db: Queryable, offerId: string) {
  return db
    .select({ recipient: followupRecipient, question: followupQuestion })
    .from(followupRecipient)
    .innerJoin(followupQuestion, eq(followupQuestion.id, followupRecipient.questionId))
    .where(eq(followupRecipient.offerId, offerId))
    .orderBy(asc(followupQuestion.askedAt), asc(followupRecipient.id));
}

export async function hasOpenQuestion(db: Queryable, offerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: followupRecipient.id })
    .from(followupRecipient)
    .where(and(eq(followupRecipient.offerId, offerId), eq(followupRecipient.status, 'open')))
    .limit(1);
  return row !== undefined;
}

export async function insertAddendum(
  tx: Queryable,
  row: typeof followupAddendum.$inferInsert,
): Promise<AddendumRow | undefined> {
  const [inserted] = await tx.insert(followupAddendum).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findAddendum(db: Queryable, id: string): Promise<AddendumRow | undefined> {
  const [row] = await db.select().from(followupAddendum).where(eq(followupAddendum.id, id));
  return row;
}

/** Every version of the addenda of these parts, oldest first. */
export async function addendaOf(db: Queryable, recipientIds: string[]): Promise<AddendumRow[]> {
  if (recipientIds.length === 0) return [];
  return db
    .select()
    .from(followupAddendum)
    .where(inArray(followupAddendum.recipientId, recipientIds))
    .orderBy(asc(followupAddendum.recipientId), asc(followupAddendum.version));
}

/** The case manager's summaries of these parts' addenda, one per addendum version summarised. */
export async function summariesOf(db: Queryable, recipientIds: string[]): Promise<AddendumSummaryRow[]> {
  if (recipientIds.length === 0) return [];
  return db
    .select()
    .from(followupAddendumSummary)
    .where(inArray(followupAddendumSummary.recipientId, recipientIds));
}

/** Writes the summary of an addendum version, or replaces its words. */
export async function saveSummary(tx: Queryable, row: typeof followupAddendumSummary.$inferInsert) {
  await tx
    .insert(followupAddendumSummary)
    .values(row)
    .onConflictDoUpdate({
      target: followupAddendumSummary.addendumId,
      set: {
        language: row.language,
        body: row.body,
        writtenByUserId: row.writtenByUserId,
        writtenAt: row.writtenAt,
      },
    });
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import {
  caseContact,
  caseEvent,
  caseRecommendation,
  followUp,
  opinionCase,
  scheduledCall,
} from './schema.js';

/** What a pseudonymised free-text field of an erased case reads. */
export const ERASED_TEXT = '[erased]';

/** The cases of a member, oldest first: what the retention rule and the export need to know. */
export async function casesOfMember(db: Queryable, memberId: string) {
  return db
    .select()
    .from(opinionCase)
    .where(eq(opinionCase.memberId, memberId))
    .orderBy(asc(opinionCase.submittedAt), asc(opinionCase.id));
}

/**
 * What the member may read of their cases, for their export: the timeline (without staff-only
 * entries), the recommendations once delivered, and the follow-ups.
 */
export async function caseRecordsForMember(db: Queryable, caseIds: string[]) {
  if (caseIds.length === 0) return { events: [], recommendations: [], followUps: [] };
  const events = await db
    .select({
      caseId: caseEvent.caseId,
      seq: caseEvent.seq,
      type: caseEvent.type,
      fromStatus: caseEvent.fromStatus,
      toStatus: caseEvent.toStatus,
      actorRole: caseEvent.actorRole,
      occurredAt: caseEvent.occurredAt,
    })
    .from(caseEvent)
    .where(and(inArray(caseEvent.caseId, caseIds), eq(caseEvent.staffOnly, false)))
    .orderBy(asc(caseEvent.caseId), asc(caseEvent.seq));
  const recommendations = (
    await db.select().from(caseRecommendation).where(inArray(caseRecommendation.caseId, caseIds))
  ).filter((row) => row.deliveredAt !== null);
  const followUps = await db
    .select({
      caseId: followUp.caseId,
      dueAt: followUp.dueAt,
      status: followUp.status,
      progress: followUp.progress,
    })
    .from(followUp)
    .where(inArray(followUp.caseId, caseIds))
    .orderBy(asc(followUp.caseId), asc(followUp.dueAt));
  return { events, recommendations, followUps };
}

/**
 * Pseudonymises the free text of these (ended) cases, in the caller's transaction: what the member
 * wrote, the first opinion's doctor and institution, the contact details, the recommendations,
 * follow-up reports, contact notes and meeting links. The case's number, dates and statuses stay
 * (the service's figures and the audit trail refer to them). Idempotent.
 */
export async function eraseCaseRecords(tx: Queryable, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  await tx
    .update(opinionCase)
    .set({
      concern: ERASED_TEXT,
      diagnosisReceived: null,
      treatmentPlanReceived: null,
      firstOpinionDoctor: null,
      firstOpinionInstitution: null,
      questions: [],
      contactPhone: null,
      preferredContactWindows: [],
      locationCity: ERASED_TEXT,
    })
    .where(inArray(opinionCase.id, caseIds));
  await tx
    .update(caseRecommendation)
    .set({ body: ERASED_TEXT, nextSteps: [] })
    .where(inArray(caseRecommendation.caseId, caseIds));
  await tx.update(followUp).set({ progress: null }).where(inArray(followUp.caseId, caseIds));
  await tx.update(caseContact).set({ privateNote: null }).where(inArray(caseContact.caseId, caseIds));
  await tx.update(caseEvent).set({ reason: null, data: {} }).where(inArray(caseEvent.caseId, caseIds));
  await tx.update(scheduledCall).set({ meetingUrl: null }).where(inArray(scheduledCall.caseId, caseIds));
}

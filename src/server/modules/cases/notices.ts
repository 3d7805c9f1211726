import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { activeUserIdsWithRole, displayNameOf } from '../identity/index.js';
import { enqueueNotification } from '../notifications/index.js';
import type { CaseRow } from './repo.js';

/**
 * The e-mails the case lifecycle sends, written in the transaction of the change that causes
 * them. They carry the case number, a link and names of staff: never anything of the member's
 * health, which the member reads after signing in.
 */
const caseParams = (kase: CaseRow) => ({ caseId: kase.id, caseNumber: kase.number });

async function caseManagerName(tx: Tx, kase: CaseRow): Promise<string> {
  return (kase.caseManagerUserId && (await displayNameOf(tx, kase.caseManagerUserId))) || '—';
}

/**
 * To the member: who will contact them, and by when. To the case manager: a new case. The case
 * manager's name is read unless the caller has it at hand (the assignment, from its candidates).
 */
export async function notifyAssigned(
  tx: Tx,
  ctx: RequestContext,
  kase: CaseRow,
  firstAssignment: boolean,
  knownCaseManagerName?: string,
) {
  if (!kase.caseManagerUserId) return;
  const name = knownCaseManagerName || (await caseManagerName(tx, kase));
  await enqueueNotification(tx, ctx, {
    template: 'case.assigned',
    recipientUserId: kase.caseManagerUserId,
    params: { ...caseParams(kase), firstContactDue: kase.firstContactDueAt.toISOString() },
    dedupeKey: `case.assigned:${kase.id}:${kase.caseManagerUserId}`,
  });
  await enqueueNotification(tx, ctx, {
    template: firstAssignment ? 'case.submitted' : 'case.reassigned',
    recipientUserId: kase.requestedByUserId,
    params: firstAssignment
      ? { ...caseParams(kase), caseManagerName: name, contactBy: kase.firstContactDueAt.toISOString() }
      : { ...caseParams(kase), caseManagerName: name },
    dedupeKey: `${firstAssignment ? 'case.submitted' : 'case.reassigned'}:${kase.id}:${kase.caseManagerUserId}`,
  });
}

/**
 * Nobody could be assigned at once: the member is told their request arrived and by when they
 * will be contacted, and every operations user is asked to assign a case manager now rather than
 * learn of it from the clock's escalation.
 */
export async function notifyUnassigned(tx: Tx, ctx: RequestContext, kase: CaseRow) {
  await enqueueNotification(tx, ctx, {
    template: 'case.received',
    recipientUserId: kase.requestedByUserId,
    params: { ...caseParams(kase), contactBy: kase.firstContactDueAt.toISOString() },
    dedupeKey: `case.received:${kase.id}`,
  });
  for (const userId of await activeUserIdsWithRole(tx, 'ops')) {
    await enqueueNotification(tx, ctx, {
      template: 'case.unassigned',
      recipientUserId: userId,
      params: { ...caseParams(kase), firstContactDue: kase.firstContactDueAt.toISOString() },
      dedupeKey: `case.unassigned:${kase.id}:${userId}`,
    });
  }
}

export async function notifyFirstContactWarning(tx: Tx, ctx: RequestContext, kase: CaseRow) {
  if (!kase.caseManagerUserId) return;
  await enqueueNotification(tx, ctx, {
    template: 'case.first_contact_warning',
    recipientUserId: kase.caseManagerUserId,
    params: { ...caseParams(kase), firstContactDue: kase.firstContactDueAt.toISOString() },
    dedupeKey: `case.first_contact_warning:${kase.id}`,
  });
}

/** To every operations user: a promise is about to be (or has been) broken. */
export async function notifyOperations(
  tx: Tx,
  ctx: RequestContext,
  kase: CaseRow,
  stage: 'escalation' | 'breach',
) {
  const name = await caseManagerName(tx, kase);
  for (const userId of await activeUserIdsWithRole(tx, 'ops')) {
    await enqueueNotification(tx, ctx, {
      template: 'case.first_contact_escalation',
      recipientUserId: userId,
      params: {
        ...caseParams(kase),
        caseManagerName: name,
        firstContactDue: kase.firstContactDueAt.toISOString(),
      },
      dedupeKey: `case.first_contact_${stage}:${kase.id}:${userId}`,
    });
  }
}

export async function notifyRecommendationsReady(tx: Tx, ctx: RequestContext, kase: CaseRow) {
  await enqueueNotification(tx, ctx, {
    template: 'case.recommendations_ready',
    recipientUserId: kase.requestedByUserId,
    params: { ...caseParams(kase), caseManagerName: await caseManagerName(tx, kase) },
    dedupeKey: `case.recommendations_ready:${kase.id}`,
  });
}

export async function notifyFollowUpDue(
  tx: Tx,
  ctx: RequestContext,
  kase: CaseRow,
  followUpId: string,
  dueAt: Date,
) {
  const recipients = [kase.requestedByUserId, kase.caseManagerUserId].filter((id): id is string =>
    Boolean(id),
  );
  for (const userId of recipients) {
    await enqueueNotification(tx, ctx, {
      template: 'case.follow_up_due',
      recipientUserId: userId,
      params: { ...caseParams(kase), dueAt: dueAt.toISOString() },
      dedupeKey: `case.follow_up_due:${followUpId}:${userId}`,
    });
  }
}

export async function notifyClosed(tx: Tx, ctx: RequestContext, kase: CaseRow) {
  await enqueueNotification(tx, ctx, {
    template: 'case.closed',
    recipientUserId: kase.requestedByUserId,
    params: caseParams(kase),
    dedupeKey: `case.closed:${kase.id}`,
  });
}

/** To the member: their case manager asked for records (which ones, they read after signing in). */
export async function notifyRecordsRequested(tx: Tx, ctx: RequestContext, kase: CaseRow) {
  await enqueueNotification(tx, ctx, {
    template: 'case.records_requested',
    recipientUserId: kase.requestedByUserId,
    params: { ...caseParams(kase), caseManagerName: await caseManagerName(tx, kase) },
    // A series of requests in one sitting makes one e-mail.
    dedupeKey: `case.records_requested:${kase.id}:${Math.floor(ctx.clock.now().getTime() / 900_000)}`,
  });
}

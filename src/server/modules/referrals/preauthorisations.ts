import type {
  PreauthorisationDecision,
  PreauthorisationForAssessor,
  PreauthorisationInformation,
  PreauthorisationQueue,
  Referral,
} from '../../../shared/referrals.js';
import { actorOf, type Actor, type RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { auditPurposeFor, recordAudit } from '../audit/index.js';
import { caseAuditRecord, caseForActor, lockCase } from '../cases/index.js';
import { deductibleBorneOf, recordPreauthorisedUse } from '../coverage/index.js';
import { readFacility } from '../facilities/index.js';
import { referralsPolicy } from './policy.js';
import { presentForAssessor } from './present.js';
import * as repo from './repo.js';
import { announce, referralAnswer } from './service.js';

/*
 * The cover assessor's desk: the queue of requests, one request, and the decision (approve with
 * an amount, validity and reference; decline with a reason; ask the case manager for more). Above
 * the four-eyes threshold an approval takes two assessors; nobody decides on their own request.
 * An approval counts against the plan year's limit in the coverage ledger.
 */

const preauthorisationEntity = (id: string) => ({ type: 'preauthorisation', id });

/** The audit record of an assessor's read or decision: the request, and the member it is about. */
const assessorRecord = (actor: Actor, id: string, memberId: string) => ({
  entityType: 'preauthorisation',
  entityId: id,
  subjectMemberId: memberId,
  purpose: auditPurposeFor(actor),
});

export async function preauthorisationQueue(
  ctx: RequestContext,
  query: { status: 'open' | 'decided'; limit: number; cursor?: string },
): Promise<PreauthorisationQueue> {
  const actor = actorOf(ctx);
  if (!referralsPolicy.readQueue(actor)) throw notFound();
  const after = decodeCursor(query.cursor);
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.queue(tx, {
      open: query.status === 'open',
      limit: query.limit,
      after: after ? { requestedAt: after.at, id: after.id } : undefined,
    });
    const page = rows.slice(0, query.limit);
    const items: PreauthorisationForAssessor[] = [];
    for (const row of page) {
      items.push(
        presentForAssessor({
          ...row,
          facility: row.referral.facilityId ? await readFacility(tx, row.referral.facilityId) : undefined,
        }),
      );
      // Each request on the page names a member: each is a read of that member's data.
      await recordAudit(
        tx,
        ctx,
        { action: 'preauthorisation.read', details: {} },
        assessorRecord(actor, row.preauthorisation.id, row.referral.memberId),
      );
    }
    const last = page.at(-1);
    return {
      items,
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor(last.preauthorisation.requestedAt, last.preauthorisation.id)
          : null,
    };
  });
}

async function entryFor(tx: Tx, id: string): Promise<PreauthorisationForAssessor> {
  const view = await repo.findPreauthorisation(tx, id);
  const entry = await repo.queueEntry(tx, id);
  if (!view || !entry) throw notFound();
  return presentForAssessor({
    preauthorisation: view,
    ...entry,
    facility: entry.referral.facilityId ? await readFacility(tx, entry.referral.facilityId) : undefined,
  });
}

/** One request as the assessor reads it: an audited read of the member's data. */
export async function readPreauthorisation(
  ctx: RequestContext,
  id: string,
): Promise<PreauthorisationForAssessor> {
  const actor = actorOf(ctx);
  if (!referralsPolicy.readQueue(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const answer = await entryFor(tx, id);
    const referral = (await repo.findReferralById(tx, answer.referralId))!;
    await recordAudit(
      tx,
      ctx,
      { action: 'preauthorisation.read', details: {} },
      assessorRecord(actor, id, referral.memberId),
    );
    return answer;
  });
}

const sameTerms = (
  row: repo.PreauthorisationRow,
  decision: Extract<PreauthorisationDecision, { decision: 'approve' }>,
) =>
  row.approvedAmount === decision.amount &&
  row.validFrom === decision.validFrom &&
  row.validTo === decision.validTo &&
  row.approvalReference === decision.reference;

/**
 * A cover assessor decides. The request is locked and read at the version the assessor saw; a
 * decided request answers 409, the requester 403, the first approver giving the second approval
 * 403. The case is locked too, for its live stream's event.
 */
export async function decidePreauthorisation(
  ctx: RequestContext,
  id: string,
  decision: PreauthorisationDecision,
): Promise<PreauthorisationForAssessor> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findPreauthorisation(tx, id, { lock: true });
    // The requester knows the request exists (they made it); anyone else outside the desk does not.
    const requester = row?.requestedByUserId === actor.userId;
    if (!row || (!referralsPolicy.readQueue(actor) && !requester)) throw notFound();
    if (requester) throw new AppError('preauthorisation.own_request');
    if (!referralsPolicy.decide(actor)) throw new AppError('case.action_not_permitted');
    if (row.status === 'approved' || row.status === 'declined' || row.status === 'cancelled')
      throw new AppError('preauthorisation.already_decided', { extensions: { currentStatus: row.status } });
    if (row.version !== decision.version)
      throw new AppError('resource.version_conflict', { extensions: { current: await entryFor(tx, id) } });
    const referral = (await repo.findReferralById(tx, row.referralId))!;
    const now = ctx.clock.now();
    let changes: Parameters<typeof repo.updatePreauthorisation>[3];
    let outcome: 'first_approval' | 'approved' | 'declined' | 'information_requested';

    if (decision.decision === 'approve') {
      if (row.status === 'information_requested')
        throw new AppError('preauthorisation.not_awaiting_decision');
      if (decision.amount <= 0) throw new AppError('preauthorisation.amount_not_positive');
      if (decision.amount > referral.estimatedCost) throw new AppError('preauthorisation.amount_above_cost');
      if (decision.validTo < decision.validFrom) throw new AppError('preauthorisation.validity_reversed');
      const terms = {
        approvedAmount: decision.amount,
        validFrom: decision.validFrom,
        validTo: decision.validTo,
        approvalReference: decision.reference,
      };
      if (row.status === 'awaiting_second_approval') {
        if (row.firstApproverUserId === actor.userId)
          throw new AppError('preauthorisation.second_approver_required');
        if (!sameTerms(row, decision)) throw new AppError('preauthorisation.terms_differ');
        changes = { status: 'approved', decidedByUserId: actor.userId, decidedAt: now };
        outcome = 'approved';
      } else if (row.secondApprovalRequired) {
        changes = {
          ...terms,
          status: 'awaiting_second_approval',
          firstApproverUserId: actor.userId,
          firstApprovedAt: now,
        };
        outcome = 'first_approval';
      } else {
        changes = { ...terms, status: 'approved', decidedByUserId: actor.userId, decidedAt: now };
        outcome = 'approved';
      }
    } else if (decision.decision === 'decline') {
      if (row.status === 'information_requested')
        throw new AppError('preauthorisation.not_awaiting_decision');
      changes = {
        status: 'declined',
        declineReason: decision.reason,
        decidedByUserId: actor.userId,
        decidedAt: now,
      };
      outcome = 'declined';
    } else {
      if (row.status === 'information_requested')
        throw new AppError('preauthorisation.not_awaiting_decision');
      // A question puts any first approval aside: the answer may change the terms.
      changes = {
        status: 'information_requested',
        informationRequest: decision.question,
        informationAnswer: null,
        firstApproverUserId: null,
        firstApprovedAt: null,
        approvedAmount: null,
        validFrom: null,
        validTo: null,
        approvalReference: null,
      };
      outcome = 'information_requested';
    }
    const updated = await repo.updatePreauthorisation(tx, id, row.version, { ...changes, updatedAt: now });
    if (!updated) throw new AppError('resource.version_conflict');
    if (outcome === 'approved') {
      await recordPreauthorisedUse(tx, {
        preauthorisationId: id,
        membershipId: referral.membershipId,
        benefit: referral.benefit,
        planYearStart: referral.planYearStart ?? referral.treatmentDate,
        serviceDate: referral.treatmentDate,
        currency: referral.currency,
        approvedAmount: updated.approvedAmount!,
        deductibleBorne: deductibleBorneOf(referral.cover),
        sessions: referral.sessions,
        now,
      });
    }
    const kase = (await lockCase(tx, row.caseId))!;
    await announce(tx, ctx, kase, {
      type: `preauthorisation.${outcome}`,
      referralId: row.referralId,
      preauthorisationId: id,
      toCaseManager: outcome !== 'first_approval',
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'preauthorisation.decided', details: { decision: outcome } },
      assessorRecord(actor, id, referral.memberId),
    );
    return entryFor(tx, id);
  });
}

/**
 * A case that ends (closed or withdrawn) takes its open requests off the assessors' queue, in the
 * transaction that ends it (the cases room's `caseEnded` hook).
 */
export async function cancelOpenPreauthorisations(
  tx: Tx,
  ctx: RequestContext,
  caseId: string,
): Promise<void> {
  await repo.cancelOpenOfCase(tx, caseId, ctx.clock.now());
}

/** The case manager answers the assessor's question; the request goes back to the queue. */
export async function answerAssessor(
  ctx: RequestContext,
  caseId: string,
  id: string,
  input: PreauthorisationInformation,
): Promise<Referral> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, {
      lock: true,
      sees: referralsPolicy.read,
      may: referralsPolicy.answerAssessor,
    });
    const row = await repo.findPreauthorisation(tx, id, { lock: true });
    if (!row || row.caseId !== caseId) throw notFound();
    if (row.status !== 'information_requested')
      throw new AppError('preauthorisation.not_awaiting_information');
    if (row.version !== input.version) throw new AppError('resource.version_conflict');
    const now = ctx.clock.now();
    await repo.updatePreauthorisation(tx, id, row.version, {
      status: 'pending',
      informationAnswer: input.answer,
      updatedAt: now,
    });
    await announce(tx, ctx, kase, {
      type: 'preauthorisation.information_given',
      referralId: row.referralId,
      preauthorisationId: id,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'preauthorisation.information_given', details: {} },
      caseAuditRecord(actor, kase, preauthorisationEntity(id)),
    );
    return (await referralAnswer(tx, caseId, row.referralId))!;
  });
}

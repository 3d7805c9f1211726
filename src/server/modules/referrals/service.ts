import { v7 as uuidv7 } from 'uuid';
import { minorDigitsOf } from '../../../shared/coverage.js';
import type { Facility } from '../../../shared/facilities.js';
import {
  letterLanguages,
  type LetterLanguage,
  type Referral,
  type ReferralDraft,
  type ReferralWithdrawal,
} from '../../../shared/referrals.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { claimIdempotencyKey, requestHash } from '../../platform/idempotency.js';
import { recordAudit } from '../audit/index.js';
import {
  appendEvent,
  assertVersion,
  caseAuditRecord,
  caseForActor,
  readCasePart,
  transition,
  type CaseRow,
} from '../cases/index.js';
import { coverOfMember } from '../coverage/index.js';
import { activeSharingConsent, chosenDocumentsOfCase } from '../documents/index.js';
import { readFacility } from '../facilities/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { referralsPolicy } from './policy.js';
import { presentReferral } from './present.js';
import * as repo from './repo.js';

/** Whole units of a currency above which an approval takes two assessors (config.preauthorisation). */
export type SecondApprovalThresholds = Record<string, number>;

export const referralEntity = (id: string) => ({ type: 'referral', id });

/** Above the threshold of its currency (or in a currency without one), an approval takes two assessors. */
export function needsSecondApproval(
  amount: number,
  currency: string,
  thresholds: SecondApprovalThresholds,
): boolean {
  const wholeUnits = thresholds[currency];
  if (wholeUnits === undefined) return true;
  return amount > wholeUnits * 10 ** minorDigitsOf(currency);
}

/** The letter's language: the one asked for, else the facility's first language we write in, else English. */
export function defaultLetterLanguage(facility: Pick<Facility, 'languages'> | undefined): LetterLanguage {
  for (const tag of facility?.languages ?? []) {
    const exact = letterLanguages.find((language) => language.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const base = letterLanguages.find((language) => language === tag.split('-')[0]);
    if (base) return base;
  }
  return 'en';
}

/**
 * Wakes the case's live stream with a `referral.*` or `preauthorisation.*` event, and tells the
 * member (and the case manager, when the assessor moved) by e-mail that something changed: the
 * e-mail says no more than that, with a link to the case. The caller holds the case lock.
 */
export async function announce(
  tx: Tx,
  ctx: RequestContext,
  kase: CaseRow,
  event: {
    type: string;
    referralId: string;
    preauthorisationId?: string;
    toCaseManager?: boolean;
    reason?: string | null;
  },
): Promise<void> {
  await appendEvent(tx, {
    id: uuidv7(),
    caseId: kase.id,
    type: event.type,
    fromStatus: null,
    toStatus: null,
    actorUserId: ctx.actor?.userId ?? null,
    actorRole: ctx.actor?.role ?? 'system',
    reason: event.reason ?? null,
    data: {
      referralId: event.referralId,
      ...(event.preauthorisationId ? { preauthorisationId: event.preauthorisationId } : {}),
    },
    occurredAt: ctx.clock.now(),
  });
  const recipients = [kase.requestedByUserId];
  if (event.toCaseManager && kase.caseManagerUserId) recipients.push(kase.caseManagerUserId);
  for (const recipientUserId of recipients)
    await enqueueNotification(tx, ctx, {
      template: 'referral.updated',
      recipientUserId,
      params: { caseId: kase.id, caseNumber: kase.number },
    });
}

/** The referral as its readers see it: the facility from the register, the shared records' titles. */
export async function referralAnswer(
  db: Queryable,
  caseId: string,
  id: string,
): Promise<Referral | undefined> {
  const found = await repo.findReferral(db, caseId, id);
  if (!found) return undefined;
  return (await presentAll(db, [found]))[0];
}

async function presentAll(
  db: Queryable,
  rows: { referral: repo.ReferralRow; createdBy: string | null }[],
): Promise<Referral[]> {
  const preauthorisations = new Map(
    (
      await repo.preauthorisationsOfReferrals(
        db,
        rows.map((row) => row.referral.id),
      )
    ).map((row) => [row.referralId, row]),
  );
  const answers: Referral[] = [];
  for (const { referral, createdBy } of rows) {
    answers.push(
      presentReferral({
        row: referral,
        createdBy,
        facility: referral.facilityId ? await readFacility(db, referral.facilityId) : undefined,
        documents: await chosenDocumentsOfCase(db, referral.caseId, referral.sharedDocumentIds),
        preauthorisation: preauthorisations.get(referral.id),
      }),
    );
  }
  return answers;
}

/**
 * The case manager refers the member. In one transaction: the case (locked, at the version read,
 * past its recommendations), the facility and service, the records to share against the member's
 * sharing consent, the cover check decided on the spot and kept with the referral, the
 * pre-authorisation request where the plan asks for one, the lifecycle's `refer` event, the
 * audit record and the member's e-mail. Any refusal writes nothing.
 */
export async function createReferral(
  ctx: RequestContext,
  caseId: string,
  draft: ReferralDraft,
  options: { idempotencyKey?: string; thresholds: SecondApprovalThresholds },
): Promise<{ created: boolean; referral: Referral }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, {
      lock: true,
      sees: referralsPolicy.read,
      may: referralsPolicy.refer,
    });
    const id = uuidv7();
    const retry = await claimIdempotencyKey(
      tx,
      {
        userId: actor.userId,
        key: options.idempotencyKey,
        requestHash: requestHash('referral', caseId, draft),
        resourceId: id,
      },
      (existingId) => referralAnswer(tx, caseId, existingId),
    );
    if (retry) return { created: false, referral: retry.replayed };
    if (kase.status === 'closed' || kase.status === 'withdrawn')
      throw new AppError('referral.case_ended', { extensions: { currentStatus: kase.status } });
    if (kase.status !== 'recommendations_delivered' && kase.status !== 'monitoring')
      throw new AppError('referral.recommendations_not_delivered', {
        extensions: { currentStatus: kase.status },
      });
    await assertVersion(tx, kase, draft.version);

    if (!draft.facilityId && !draft.receivingDoctor) throw new AppError('referral.recipient_required');
    const facility = draft.facilityId ? await readFacility(tx, draft.facilityId) : undefined;
    if (draft.facilityId && !facility) throw new AppError('referral.unknown_facility');
    if (facility && !facility.services.includes(draft.service))
      throw new AppError('referral.service_not_offered');
    const country = facility?.country ?? draft.country;
    if (!country) throw new AppError('referral.country_required');

    const documents = await chosenDocumentsOfCase(tx, caseId, draft.sharedDocumentIds);
    const wanted = [...new Set(draft.sharedDocumentIds)];
    if (documents.length !== wanted.length) throw new AppError('referral.documents_not_of_case');
    if (wanted.length > 0) {
      const consent = await activeSharingConsent(tx, caseId);
      const consented =
        consent && (consent.documentIds === null || wanted.every((d) => consent.documentIds!.includes(d)));
      if (!consented) throw new AppError('referral.documents_not_consented');
    }

    const {
      result: cover,
      membershipId,
      planYearStart,
    } = await coverOfMember(tx, kase.memberId, {
      treatmentDate: draft.treatmentDate,
      benefit: draft.benefit,
      icd10: draft.icd10,
      country,
      facilityInNetwork: facility ? facility.directBilling : null,
      estimatedCost: draft.estimatedCost,
      sessions: draft.sessions,
    });

    const now = ctx.clock.now();
    const number = (await repo.countReferralsOfCase(tx, caseId)) + 1;
    await repo.insertReferral(tx, {
      id,
      caseId,
      memberId: kase.memberId,
      reference: `${kase.number}-R${number}`,
      facilityId: facility?.id ?? null,
      receivingDoctor: draft.receivingDoctor,
      service: draft.service,
      benefit: draft.benefit,
      icd10: draft.icd10,
      reason: draft.reason,
      urgency: draft.urgency,
      treatmentDate: draft.treatmentDate,
      country,
      estimatedCost: draft.estimatedCost.amount,
      currency: draft.estimatedCost.currency,
      sessions: draft.sessions,
      sharedDocumentIds: wanted,
      letterLanguage: draft.letterLanguage ?? defaultLetterLanguage(facility),
      cover,
      membershipId,
      planYearStart,
      createdByUserId: actor.userId,
      createdAt: now,
    });
    // Nothing to pre-authorise when the plan pays nothing.
    const preauthorise = cover.preauthorisationRequired && cover.outcome !== 'not_covered';
    const preauthorisationId = uuidv7();
    if (preauthorise)
      await repo.insertPreauthorisation(tx, {
        id: preauthorisationId,
        referralId: id,
        caseId,
        status: 'pending',
        requestedByUserId: actor.userId,
        requestedAt: now,
        secondApprovalRequired: needsSecondApproval(
          cover.planPays,
          draft.estimatedCost.currency,
          options.thresholds,
        ),
        updatedAt: now,
      });
    const moved = await transition(tx, ctx, { kase, event: 'refer', relation, data: { referralId: id } });
    await announce(tx, ctx, moved, { type: 'referral.created', referralId: id });
    if (preauthorise)
      await appendEvent(tx, {
        id: uuidv7(),
        caseId,
        type: 'preauthorisation.requested',
        fromStatus: null,
        toStatus: null,
        actorUserId: actor.userId,
        actorRole: actor.role,
        reason: null,
        data: { referralId: id, preauthorisationId },
        occurredAt: now,
      });
    await recordAudit(
      tx,
      ctx,
      { action: 'referral.created', details: { preauthorisationRequested: preauthorise } },
      caseAuditRecord(actor, kase, referralEntity(id)),
    );
    return { created: true, referral: (await referralAnswer(tx, caseId, id))! };
  });
}

/**
 * The case manager, or the member who will not go, withdraws a referral. The case keeps its status
 * (a referral is not a step of the lifecycle once made; the case is still followed); a request to
 * the assessors still open is cancelled with it, in the same transaction. A referral on a case that
 * ended cannot be withdrawn (its requests were cancelled when it ended); a withdrawn one answers
 * 409. The timeline, the live stream and the e-mail say it changed; the audit trail that it was
 * withdrawn.
 */
export async function withdrawReferral(
  ctx: RequestContext,
  caseId: string,
  referralId: string,
  input: ReferralWithdrawal,
): Promise<Referral> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, {
      lock: true,
      sees: referralsPolicy.read,
      may: referralsPolicy.withdraw,
    });
    const found = await repo.findReferral(tx, caseId, referralId);
    if (!found) throw notFound();
    if (kase.status === 'closed' || kase.status === 'withdrawn')
      throw new AppError('referral.case_ended', { extensions: { currentStatus: kase.status } });
    const now = ctx.clock.now();
    if (!(await repo.markWithdrawn(tx, referralId, actor.userId, now)))
      throw new AppError('referral.already_withdrawn');
    const cancelled = (await repo.cancelOpenOfReferral(tx, referralId, now)) > 0;
    await announce(tx, ctx, kase, {
      type: 'referral.withdrawn',
      referralId,
      // The member is told by e-mail; so is the case manager when it was the member who withdrew.
      toCaseManager: relation !== 'assigned_case_manager',
      reason: input.reason,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'referral.withdrawn', details: { preauthorisationCancelled: cancelled } },
      caseAuditRecord(actor, kase, referralEntity(referralId)),
    );
    return (await referralAnswer(tx, caseId, referralId))!;
  });
}

/**
 * The referrals of a case as their readers see them, oldest first, for a room that reads them in
 * its own audited transaction (the case's FHIR export).
 */
export async function referralsOfCase(db: Queryable, caseId: string): Promise<Referral[]> {
  return presentAll(db, await repo.listReferralsOfCase(db, caseId));
}

/** The referrals of a case, oldest first, with their cover and pre-authorisation: an audited read. */
export async function listReferrals(ctx: RequestContext, caseId: string): Promise<{ items: Referral[] }> {
  return readCasePart(ctx, caseId, { sees: referralsPolicy.read }, async (tx) => ({
    value: { items: await referralsOfCase(tx, caseId) },
    audit: { action: 'referral.read', details: {} },
  }));
}

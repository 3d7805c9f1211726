import { v7 as uuidv7 } from 'uuid';
import type {
  CaseDetail,
  CaseRequest,
  CaseStatus,
  CaseSummary,
  ContactEntry,
} from '../../../shared/cases.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { claimIdempotencyKey, requestHash } from '../../platform/idempotency.js';
import { requireE164 } from '../../platform/phone.js';
import { chooseCaseManager, releasePlace, reservePlace, speaks } from '../assignment/index.js';
import { auditPurposeFor, recordAudit } from '../audit/index.js';
import { findActiveProfile } from '../identity/index.js';
import { dateIn, eligibilityFor, findMemberCoverage } from '../plans/index.js';
import {
  cancelPendingClocks,
  firstContactDeadline,
  scheduleFirstContactClocks,
  type SlaSettings,
} from '../sla/index.js';
import { caseAuditRecord, caseForActor, membersInCareOf, readCasePart } from './access.js';
import { isOpen } from './lifecycle.js';
import { notifyAssigned, notifyClosed, notifyUnassigned } from './notices.js';
import { casesPolicy } from './policy.js';
import { presentDetail, presentSummary } from './present.js';
import * as repo from './repo.js';
import { assertVersion, releaseEndedCase, transition } from './transitions.js';

/**
 * A member asks for a second opinion, for themselves or a dependant in their care. Eligibility
 * is checked against the register at once (no claim is created); a case manager is assigned in
 * the same transaction; the first-contact promise starts now.
 */
export async function submitCase(
  ctx: RequestContext,
  input: CaseRequest,
  options: { sla: SlaSettings; idempotencyKey?: string },
): Promise<{ created: boolean; case: CaseDetail }> {
  const { idempotencyKey } = options;
  const actor = actorOf(ctx);
  if (!casesPolicy.submit(actor) || !actor.memberId) throw notFound();
  const requesterMemberId = actor.memberId;
  return ctx.db.transaction(async (tx) => {
    // Before anything is written: the member must have confirmed the address we write to.
    if (!(await findActiveProfile(tx, actor.userId))?.emailVerified)
      throw new AppError('identity.email_not_verified');
    const patientId = input.memberId ?? requesterMemberId;
    if (
      patientId !== requesterMemberId &&
      !(await membersInCareOf(tx, requesterMemberId)).includes(patientId)
    ) {
      throw notFound();
    }
    // A refusal before anything is written, retry or not: the number is read for the country
    // the member says they are in (or written with '+' and its own code).
    const contactPhone =
      input.contactPhone === undefined
        ? null
        : requireE164(input.contactPhone, input.location.country, 'body.contactPhone');
    const caseId = uuidv7();
    const retry = await claimIdempotencyKey(
      tx,
      { userId: actor.userId, key: idempotencyKey, requestHash: requestHash(input), resourceId: caseId },
      async (id) => {
        const existing = await repo.findCase(tx, id);
        return existing && presentDetail(tx, existing);
      },
    );
    if (retry) return { created: false, case: retry.replayed };

    const now = ctx.clock.now();
    const coverage = await findMemberCoverage(tx, patientId);
    if (!coverage) throw notFound();
    const eligibility = eligibilityFor(
      {
        membership: coverage.membership,
        plan: coverage.plan,
        employer: coverage.employer?.id ? { addedServices: coverage.employer.addedServices } : null,
      },
      'second_medical_opinion',
      dateIn(now, input.timeZone),
    );
    if (!eligibility.eligible) throw new AppError(eligibility.reason);

    const deadline = firstContactDeadline(now);
    let kase = await repo.insertCase(tx, {
      id: caseId,
      number: repo.nextCaseNumber(now.getUTCFullYear()),
      status: 'submitted',
      memberId: patientId,
      requestedByUserId: actor.userId,
      concern: input.concern,
      diagnosisReceived: input.diagnosisReceived ?? null,
      treatmentPlanReceived: input.treatmentPlanReceived ?? null,
      firstOpinionDoctor: input.firstOpinion?.doctorName ?? null,
      firstOpinionInstitution: input.firstOpinion?.institution ?? null,
      firstOpinionCountry: input.firstOpinion?.country ?? null,
      questions: input.questions,
      preferredLanguage: input.preferredLanguage,
      contactChannel: input.contactChannel,
      contactPhone,
      timeZone: input.timeZone,
      preferredContactWindows: input.preferredContactWindows,
      locationCountry: input.location.country,
      locationCity: input.location.city,
      submittedAt: now,
      firstContactDueAt: deadline,
      createdAt: now,
      updatedAt: now,
    });
    await repo.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'submitted',
      fromStatus: null,
      toStatus: 'submitted',
      actorUserId: actor.userId,
      actorRole: actor.role,
      occurredAt: now,
    });

    await scheduleFirstContactClocks(tx, { caseId, deadline, now, settings: options.sla });
    // Taking a place locks the case manager's load row until the commit, and every concurrent
    // submission that ranks them first waits for it: it comes last, after the work that does not
    // depend on who is chosen.
    const choice = await chooseCaseManager(tx, {
      memberId: patientId,
      language: input.preferredLanguage,
      now,
      deadline,
    });
    if (choice) {
      kase = await transition(
        tx,
        { ...ctx, actor: null },
        {
          kase,
          event: 'assign',
          relation: 'system',
          changes: {
            caseManagerUserId: choice.caseManagerUserId,
            interpreterNeeded: choice.interpreterNeeded,
          },
          data: { caseManagerUserId: choice.caseManagerUserId, interpreterNeeded: choice.interpreterNeeded },
        },
      );
      await notifyAssigned(tx, ctx, kase, true, choice.caseManagerName);
    } else {
      await repo.appendEvent(tx, {
        id: uuidv7(),
        caseId,
        type: 'assignment_pending',
        actorRole: 'system',
        staffOnly: true,
        reason: 'No case manager with room is on shift before the deadline; operations must assign one.',
        occurredAt: now,
      });
      await notifyUnassigned(tx, ctx, kase);
    }
    await recordAudit(
      tx,
      ctx,
      {
        action: 'case.submitted',
        details: { interpreterNeeded: kase.interpreterNeeded, assigned: Boolean(choice) },
      },
      { entityType: 'case', entityId: caseId, subjectMemberId: patientId, purpose: 'self_service' },
    );
    return { created: true, case: await presentDetail(tx, kase) };
  });
}

export async function getCase(ctx: RequestContext, caseId: string): Promise<CaseDetail> {
  return readCasePart(ctx, caseId, {}, async (tx, { kase }) => ({
    value: await presentDetail(tx, kase),
    audit: { action: 'case.read', details: {} },
  }));
}

export interface CaseListInput {
  assigned?: 'me';
  caseManagerId?: string;
  status?: CaseStatus[];
  language?: string;
  interpreterNeeded?: boolean;
  sort: 'deadline' | 'newest';
  limit: number;
  cursor?: string;
}

/**
 * The cases an actor may see, one page at a time: a member's own (and dependants'), a case
 * manager's queue (sorted by first-contact deadline), or all of them for operations.
 */
export async function listCases(
  ctx: RequestContext,
  input: CaseListInput,
): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  const actor = actorOf(ctx);
  if (!casesPolicy.list(actor)) throw notFound();
  // Reads, then the audit row, each committing on its own (no transaction around them: nothing
  // here changes the cases, and two statements fewer for the busiest read there is). The page
  // leaves only once its audit row has committed; if that fails, nothing is shown.
  let scope: repo.CaseListScope;
  if (actor.role === 'member')
    scope = { kind: 'members', memberIds: await membersInCareOf(ctx.db, actor.memberId!) };
  else if (actor.role === 'case_manager') scope = { kind: 'case_manager', userId: actor.userId };
  else
    scope = {
      kind: 'all',
      caseManagerUserId: input.assigned === 'me' ? actor.userId : input.caseManagerId,
    };
  const rows = await repo.listCases(ctx.db, {
    scope,
    statuses: input.status,
    language: input.language,
    interpreterNeeded: input.interpreterNeeded,
    sort: input.sort,
    limit: input.limit + 1,
    after: decodeCursor(input.cursor),
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  await recordAudit(
    ctx.db,
    ctx,
    { action: 'case.listed', details: { count: page.length, caseIds: page.map((row) => row.id) } },
    {
      entityType: 'case_list',
      subjectMemberIds: page.map((row) => row.memberId),
      purpose: auditPurposeFor(actor),
    },
  );
  return {
    items: page.map(presentSummary),
    nextCursor:
      rows.length > input.limit && last
        ? input.sort === 'deadline'
          ? encodeCursor(last.firstContactDueAt, last.id, last.queueRank)
          : encodeCursor(last.submittedAt, last.id)
        : null,
  };
}

export async function getTimeline(ctx: RequestContext, caseId: string) {
  const actor = actorOf(ctx);
  return readCasePart(ctx, caseId, {}, async (tx) => {
    const events = await repo.listEvents(tx, caseId, casesPolicy.seesStaffOnly(actor));
    return {
      value: {
        items: events.map((event) => ({
          id: event.id,
          seq: event.seq,
          type: event.type,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          actor: { role: event.actorRole, name: event.actorName },
          reason: event.reason,
          occurredAt: event.occurredAt.toISOString(),
        })),
      },
      audit: { action: 'case.timeline_read', details: {} },
    };
  });
}

/**
 * The contact log of a case, for staff who may read the case: its case manager (and a former one,
 * read-only) and operations. The member reads contacts on the timeline, never the private notes.
 */
export async function listContacts(ctx: RequestContext, caseId: string): Promise<{ items: ContactEntry[] }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId);
    if (!casesPolicy.seesStaffOnly(actor)) throw notFound();
    const rows = await repo.listContacts(tx, caseId);
    await recordAudit(
      tx,
      ctx,
      { action: 'case.contacts_read', details: { count: rows.length } },
      {
        entityType: 'case',
        entityId: caseId,
        subjectMemberId: kase.memberId,
        purpose: auditPurposeFor(actor),
      },
    );
    return {
      items: rows.map(({ contact, recordedByName }) => ({
        id: contact.id,
        channel: contact.channel,
        outcome: contact.outcome,
        contactedAt: contact.contactedAt.toISOString(),
        privateNote: contact.privateNote,
        recordedBy: { id: contact.caseManagerUserId, name: recordedByName },
        recordedAt: contact.createdAt.toISOString(),
      })),
    };
  });
}

/**
 * The case manager records a contact. The first one keeps (or breaks) the 24-hour promise and
 * moves the case to `contacted`.
 */
export async function recordContact(
  ctx: RequestContext,
  caseId: string,
  input: {
    version: number;
    channel: CaseRequest['contactChannel'];
    contactedAt: string;
    outcome: 'reached' | 'no_answer' | 'left_message' | 'rescheduled';
    privateNote?: string;
  },
): Promise<CaseDetail> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, { lock: true });
    if (relation !== 'assigned_case_manager') throw new AppError('case.action_not_permitted');
    await assertVersion(tx, kase, input.version);
    if (!isOpen(kase.status))
      throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
    const now = ctx.clock.now();
    const contactedAt = new Date(input.contactedAt);
    if (contactedAt.getTime() > now.getTime() + 60_000) throw new AppError('case.contact_in_future');
    // A contact may be logged late, but it happened within the case's life: never before the
    // member asked (it would stop the 24-hour clock the moment it started). The minute of the
    // request counts: staff type times to the minute.
    const requestMinute = Math.floor(kase.submittedAt.getTime() / 60_000) * 60_000;
    if (contactedAt.getTime() < requestMinute)
      throw new AppError('case.contact_before_request', {
        errors: [{ path: 'contactedAt', code: 'too_early', message: 'before the request was submitted' }],
      });
    await repo.insertContact(tx, {
      id: uuidv7(),
      caseId,
      caseManagerUserId: actor.userId,
      channel: input.channel,
      outcome: input.outcome,
      contactedAt,
      privateNote: input.privateNote ?? null,
      createdAt: now,
    });
    const first = kase.status === 'assigned' && input.outcome === 'reached';
    let updated = kase;
    if (first) {
      updated = await transition(tx, ctx, {
        kase,
        event: 'record_first_contact',
        relation,
        changes: { firstContactedAt: contactedAt },
        data: { channel: input.channel },
      });
      await cancelPendingClocks(tx, caseId, now);
    } else {
      updated = (await repo.updateCase(tx, kase.id, kase.version, { updatedAt: now }))!;
      await repo.appendEvent(tx, {
        id: uuidv7(),
        caseId,
        type: 'contact_recorded',
        actorUserId: actor.userId,
        actorRole: actor.role,
        data: { channel: input.channel, outcome: input.outcome },
        occurredAt: now,
      });
    }
    await recordAudit(
      tx,
      ctx,
      { action: 'case.contact_recorded', details: { first } },
      { entityType: 'case', entityId: caseId, subjectMemberId: kase.memberId, purpose: 'care' },
    );
    return presentDetail(tx, updated);
  });
}

/**
 * Ends a case (closed or withdrawn), with its reason: the lifecycle event, then what an ended case
 * gives back (releaseEndedCase). Returns the case as it was and as it is.
 */
async function endCase(
  tx: Tx,
  ctx: RequestContext,
  caseId: string,
  event: 'close' | 'withdraw',
  input: { version: number; reason: string },
) {
  const { kase, relation } = await caseForActor(tx, actorOf(ctx), caseId, { lock: true });
  await assertVersion(tx, kase, input.version);
  const now = ctx.clock.now();
  const updated = await transition(tx, ctx, {
    kase,
    event,
    relation,
    facts: { reasonGiven: input.reason.trim().length > 0 },
    changes: event === 'close' ? { closedAt: now } : { withdrawnAt: now },
    reason: input.reason,
  });
  await releaseEndedCase(tx, ctx, kase, now);
  return { kase, updated };
}

/** The member (or their guardian) withdraws the request, at any point, with a reason. */
export async function withdrawCase(
  ctx: RequestContext,
  caseId: string,
  input: { version: number; reason: string },
): Promise<CaseDetail> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, updated } = await endCase(tx, ctx, caseId, 'withdraw', input);
    await recordAudit(tx, ctx, { action: 'case.withdrawn', details: {} }, caseAuditRecord(actor, kase));
    return presentDetail(tx, updated);
  });
}

/**
 * Operations give a case to another case manager, with a reason. An unassigned case becomes
 * assigned; an assigned one keeps its status and its clock.
 */
export async function reassignCase(
  ctx: RequestContext,
  caseId: string,
  input: { version: number; caseManagerId: string; reason: string },
): Promise<CaseDetail> {
  const actor = actorOf(ctx);
  if (!casesPolicy.reassign(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, { lock: true });
    await assertVersion(tx, kase, input.version);
    return reassignLocked(tx, ctx, kase, input.caseManagerId, input.reason);
  });
}

/** Moves a locked case to another case manager; shared by operations and the SLA clock. */
export async function reassignLocked(
  tx: Tx,
  ctx: RequestContext,
  kase: repo.CaseRow,
  caseManagerId: string,
  reason: string,
  options: { placeReserved?: boolean } = {},
): Promise<CaseDetail> {
  if (!isOpen(kase.status)) {
    throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
  }
  const profile = await findActiveProfile(tx, caseManagerId);
  if (!profile || profile.role !== 'case_manager') throw new AppError('assignment.not_a_case_manager');
  if (caseManagerId === kase.caseManagerUserId) return presentDetail(tx, kase);
  if (!options.placeReserved && !(await reservePlace(tx, caseManagerId))) {
    throw new AppError('assignment.case_manager_full');
  }
  if (kase.caseManagerUserId) await releasePlace(tx, kase.caseManagerUserId);
  const now = ctx.clock.now();
  const staff = await tx.query.staffProfile.findFirst({
    where: (profile, { eq }) => eq(profile.userId, caseManagerId),
    columns: { languages: true },
  });
  const interpreterNeeded = !speaks(staff?.languages ?? [], kase.preferredLanguage);
  let updated: repo.CaseRow;
  if (kase.status === 'submitted') {
    updated = await transition(tx, ctx, {
      kase,
      event: 'assign',
      relation: ctx.actor ? 'operations' : 'system',
      changes: { caseManagerUserId: caseManagerId, interpreterNeeded },
      data: { caseManagerUserId: caseManagerId, interpreterNeeded },
      reason,
    });
  } else {
    updated = (await repo.updateCase(tx, kase.id, kase.version, {
      caseManagerUserId: caseManagerId,
      interpreterNeeded,
      updatedAt: now,
    }))!;
    await repo.appendEvent(tx, {
      id: uuidv7(),
      caseId: kase.id,
      type: 'reassigned',
      actorUserId: ctx.actor?.userId ?? null,
      actorRole: ctx.actor?.role ?? 'system',
      data: { caseManagerUserId: caseManagerId, previousCaseManagerUserId: kase.caseManagerUserId },
      occurredAt: now,
    });
    // The reason may name internal matters (leave, workload): staff see it, the member does not.
    await repo.appendEvent(tx, {
      id: uuidv7(),
      caseId: kase.id,
      type: 'reassignment_reason',
      actorUserId: ctx.actor?.userId ?? null,
      actorRole: ctx.actor?.role ?? 'system',
      reason,
      staffOnly: true,
      occurredAt: now,
    });
  }
  await notifyAssigned(tx, ctx, updated, kase.status === 'submitted');
  await recordAudit(
    tx,
    ctx,
    { action: 'case.reassigned', details: { from: kase.caseManagerUserId, to: caseManagerId } },
    { entityType: 'case', entityId: kase.id, subjectMemberId: kase.memberId, purpose: 'operations' },
  );
  return presentDetail(tx, updated);
}

/** The case manager closes the case; open check-ins are cancelled and the clocks stop. */
export async function closeCase(
  ctx: RequestContext,
  caseId: string,
  input: { version: number; reason: string },
) {
  return ctx.db.transaction(async (tx) => {
    const { kase, updated } = await endCase(tx, ctx, caseId, 'close', input);
    await notifyClosed(tx, ctx, updated);
    await recordAudit(
      tx,
      ctx,
      { action: 'case.closed', details: {} },
      { entityType: 'case', entityId: caseId, subjectMemberId: kase.memberId, purpose: 'care' },
    );
    return presentDetail(tx, updated);
  });
}

import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { v7 as uuidv7 } from 'uuid';
import type {
  CaseDetail,
  CaseRequest,
  CaseStatus,
  CaseSummary,
  ContactEntry,
} from '../../../shared/cases.js';
import { actorOf, type Actor, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { releasePlace, reservePlace } from '../assignment/repo.js';
import { speaks } from '../assignment/scoring.js';
import { chooseCaseManager } from '../assignment/service.js';
import { recordAudit } from '../audit/service.js';
import { endReviewOfCase } from '../reviews/service.js';
import { cancelPendingClocks, scheduleFirstContactClocks, type SlaSettings } from '../sla/repo.js';
import { findActiveProfile } from '../identity/repo.js';
import { dateIn, eligibilityFor } from '../plans/eligibility.js';
import { findDependantsOf, findMemberCoverage } from '../plans/repo.js';
import { decide, isOpen, relationOf, type CaseEventName, type GuardFacts } from './lifecycle.js';
import { notifyAssigned, notifyUnassigned } from './notify.js';
import { auditPurposeFor, casesPolicy } from './policy.js';
import * as repo from './repo.js';

export const FIRST_CONTACT_PROMISE_MS = 24 * 60 * 60 * 1000;

type SummaryRow = NonNullable<Awaited<ReturnType<typeof repo.findSummary>>>;

function presentSummary(row: SummaryRow): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    version: row.version,
    member: { id: row.memberId, givenName: row.memberGivenName, familyName: row.memberFamilyName },
    preferredLanguage: row.preferredLanguage,
    interpreterNeeded: row.interpreterNeeded,
    caseManager: row.caseManager,
    submittedAt: row.submittedAt.toISOString(),
    firstContactDueAt: row.firstContactDueAt.toISOString(),
    firstContactedAt: row.firstContactedAt?.toISOString() ?? null,
  };
}

export async function presentDetail(db: Queryable, kase: repo.CaseRow): Promise<CaseDetail> {
  const summary = await repo.findSummary(db, kase.id);
  if (!summary) throw notFound();
  return {
    ...presentSummary(summary),
    firstContactDueAtLocal:
      DateTime.fromJSDate(kase.firstContactDueAt, { zone: kase.timeZone }).toISO() ??
      kase.firstContactDueAt.toISOString(),
    concern: kase.concern,
    diagnosisReceived: kase.diagnosisReceived,
    treatmentPlanReceived: kase.treatmentPlanReceived,
    firstOpinion: {
      doctorName: kase.firstOpinionDoctor,
      institution: kase.firstOpinionInstitution,
      country: kase.firstOpinionCountry,
    },
    questions: kase.questions,
    contactChannel: kase.contactChannel,
    timeZone: kase.timeZone,
    preferredContactWindows: kase.preferredContactWindows,
    location: { country: kase.locationCountry, city: kase.locationCity },
    closedAt: kase.closedAt?.toISOString() ?? null,
    withdrawnAt: kase.withdrawnAt?.toISOString() ?? null,
  };
}

/** The members whose cases a member account may see: themselves and their dependants. */
export async function membersInCareOf(db: Queryable, memberId: string): Promise<string[]> {
  const dependants = await findDependantsOf(db, memberId);
  return [memberId, ...dependants.map((dependant) => dependant.id)];
}

/** Loads a case the actor may see (404 otherwise), locked when the caller is going to change it. */
export async function caseForActor(tx: Queryable, actor: Actor, caseId: string, lock: boolean) {
  const kase = lock ? await repo.lockCase(tx, caseId) : await repo.findCase(tx, caseId);
  if (!kase) throw notFound();
  const isGuardian =
    actor.role === 'member' && actor.memberId !== null && kase.memberId !== actor.memberId
      ? (await membersInCareOf(tx, actor.memberId)).includes(kase.memberId)
      : false;
  const wasCaseManager =
    actor.role === 'case_manager' && kase.caseManagerUserId !== actor.userId
      ? (await repo.formerCaseManagers(tx, caseId)).includes(actor.userId)
      : false;
  if (!casesPolicy.see(actor, kase, { isGuardian, wasCaseManager })) throw notFound();
  return { kase, relation: relationOf(actor, kase, isGuardian) };
}

/** A write based on an older version of the case is refused with the case as it is now. */
export async function assertVersion(tx: Queryable, kase: repo.CaseRow, expected: number): Promise<void> {
  if (kase.version !== expected) {
    throw new AppError('resource.version_conflict', {
      extensions: { current: await presentDetail(tx, kase) },
    });
  }
}

/**
 * What a case that ends (closed or withdrawn) gives back: its case manager's place, its running
 * clocks and the check-ins still planned.
 */
export async function releaseEndedCase(tx: Queryable, kase: repo.CaseRow, now: Date): Promise<void> {
  if (kase.caseManagerUserId) await releasePlace(tx, kase.caseManagerUserId);
  await cancelPendingClocks(tx, kase.id, now);
  await repo.cancelScheduledFollowUps(tx, kase.id);
}

/** Runs one lifecycle event: decides it, applies the change with the status, and writes the timeline. */
export async function transition(
  tx: Tx,
  ctx: RequestContext,
  input: {
    kase: repo.CaseRow;
    event: CaseEventName;
    relation: ReturnType<typeof relationOf>;
    facts?: GuardFacts;
    changes?: Partial<repo.CaseRow>;
    reason?: string;
    data?: Record<string, unknown>;
  },
): Promise<repo.CaseRow> {
  const decision = decide(input.event, input.kase.status, input.relation, input.facts);
  if (!decision.allowed) {
    const code = decision.reason === 'case.not_permitted' ? 'case.action_not_permitted' : decision.reason;
    throw new AppError(code, { extensions: { status: input.kase.status } });
  }
  const now = ctx.clock.now();
  const updated = await repo.updateCase(tx, input.kase.id, input.kase.version, {
    ...input.changes,
    status: decision.to,
    updatedAt: now,
  });
  if (!updated) throw new AppError('resource.version_conflict');
  await repo.appendEvent(tx, {
    id: uuidv7(),
    caseId: input.kase.id,
    type: input.event,
    fromStatus: decision.from,
    toStatus: decision.to,
    actorUserId: ctx.actor?.userId ?? null,
    actorRole: ctx.actor?.role ?? 'system',
    reason: input.reason ?? null,
    data: input.data ?? {},
    occurredAt: now,
  });
  return updated;
}

function requestHash(input: CaseRequest): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

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
    const patientId = input.memberId ?? requesterMemberId;
    if (
      patientId !== requesterMemberId &&
      !(await membersInCareOf(tx, requesterMemberId)).includes(patientId)
    ) {
      throw notFound();
    }
    const caseId = uuidv7();
    if (idempotencyKey) {
      const claim = await repo.claimIdempotencyKey(tx, {
        userId: actor.userId,
        key: idempotencyKey,
        requestHash: requestHash(input),
        resourceId: caseId,
      });
      if (!claim.claimed) {
        if (claim.requestHash !== requestHash(input)) throw new AppError('idempotency.key_reused');
        const existing = await repo.findCase(tx, claim.resourceId);
        if (!existing) throw notFound();
        return { created: false, case: await presentDetail(tx, existing) };
      }
    }

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

    const deadline = new Date(now.getTime() + FIRST_CONTACT_PROMISE_MS);
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
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, false);
    await recordAudit(
      tx,
      ctx,
      { action: 'case.read', details: {} },
      {
        entityType: 'case',
        entityId: caseId,
        subjectMemberId: kase.memberId,
        purpose: auditPurposeFor(actor),
      },
    );
    return presentDetail(tx, kase);
  });
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
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, false);
    const events = await repo.listEvents(tx, caseId, casesPolicy.seesStaffOnly(actor));
    await recordAudit(
      tx,
      ctx,
      { action: 'case.timeline_read', details: {} },
      {
        entityType: 'case',
        entityId: caseId,
        subjectMemberId: kase.memberId,
        purpose: auditPurposeFor(actor),
      },
    );
    return {
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
    const { kase } = await caseForActor(tx, actor, caseId, false);
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
    const { kase, relation } = await caseForActor(tx, actor, caseId, true);
    if (relation !== 'assigned_case_manager') throw new AppError('case.action_not_permitted');
    await assertVersion(tx, kase, input.version);
    if (!isOpen(kase.status))
      throw new AppError('case.transition_not_allowed', { extensions: { status: kase.status } });
    const now = ctx.clock.now();
    const contactedAt = new Date(input.contactedAt);
    if (contactedAt.getTime() > now.getTime() + 60_000) throw new AppError('case.contact_in_future');
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

/** The member (or their guardian) withdraws the request, at any point, with a reason. */
export async function withdrawCase(
  ctx: RequestContext,
  caseId: string,
  input: { version: number; reason: string },
): Promise<CaseDetail> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, true);
    await assertVersion(tx, kase, input.version);
    const now = ctx.clock.now();
    const updated = await transition(tx, ctx, {
      kase,
      event: 'withdraw',
      relation,
      facts: { reasonGiven: input.reason.trim().length > 0 },
      changes: { withdrawnAt: now },
      reason: input.reason,
    });
    await releaseEndedCase(tx, kase, now);
    await endReviewOfCase(tx, ctx, caseId, 'case_ended');
    await recordAudit(
      tx,
      ctx,
      { action: 'case.withdrawn', details: {} },
      {
        entityType: 'case',
        entityId: caseId,
        subjectMemberId: kase.memberId,
        purpose: auditPurposeFor(actor),
      },
    );
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
    const { kase } = await caseForActor(tx, actor, caseId, true);
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
    throw new AppError('case.transition_not_allowed', { extensions: { status: kase.status } });
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

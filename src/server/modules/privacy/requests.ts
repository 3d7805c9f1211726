import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.js';
import { actorOf, systemContext, type RequestContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { AppError, notFound, notFoundFor } from '../../platform/errors.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type {
  PrivacyRequest,
  PrivacyRequestCreation,
  PrivacyRequestDecision,
  PrivacyRequestExtension,
  PrivacyRequestList,
} from '../../../shared/privacy.js';
import { recordAudit } from '../audit/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { findRegisterEntry } from '../plans/index.js';
import { eraseMember, finishErasure, planErasure, type ErasureDone } from './erasure.js';
import { privacyPolicy } from './policy.js';
import { presentRequest } from './present.js';
import * as repo from './repo.js';

type PrivacySettings = Pick<Config, 'privacy' | 'dataDir' | 'objectStore'>;

/** Calendar months later, in UTC, on the same day (or the month's last day when it has fewer). */
export function addMonths(at: Date, months: number): Date {
  const result = new Date(at);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** The legal deadlines (GDPR Article 12(3)): one month, extendable once by two more. */
export const ANSWER_WITHIN_MONTHS = 1;
export const EXTENDED_BY_MONTHS = 2;

const requestRecord = (row: { id: string; memberId: string }) =>
  ({
    entityType: 'privacy_request',
    entityId: row.id,
    subjectMemberId: row.memberId,
    purpose: 'privacy',
  }) as const;

/** The member asks the privacy officer to act on one of their rights. One open request per kind. */
export async function createRequest(
  ctx: RequestContext,
  input: PrivacyRequestCreation,
): Promise<PrivacyRequest> {
  const actor = actorOf(ctx);
  if (!privacyPolicy.actForSelf(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    if (await repo.findOpenRequestOfKind(tx, actor.memberId, input.kind))
      throw new AppError('privacy.request_already_open');
    const now = ctx.clock.now();
    const id = uuidv7();
    await repo.insertRequest(tx, {
      id,
      memberId: actor.memberId,
      requestedByUserId: actor.userId,
      kind: input.kind,
      message: input.message || null,
      receivedAt: now,
      dueAt: addMonths(now, ANSWER_WITHIN_MONTHS),
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'privacy_request.created', details: { kind: input.kind } },
      {
        ...requestRecord({ id, memberId: actor.memberId }),
        purpose: 'self_service',
      },
    );
    return presentRequest((await repo.findRequest(tx, id))!);
  });
}

export async function listMyRequests(ctx: RequestContext): Promise<PrivacyRequest[]> {
  const actor = actorOf(ctx);
  if (!privacyPolicy.actForSelf(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.listRequestsOfMember(tx, actor.memberId);
    await recordAudit(
      tx,
      ctx,
      { action: 'privacy_request.listed', details: { count: rows.length } },
      {
        entityType: 'privacy_request',
        subjectMemberId: actor.memberId,
        purpose: 'self_service',
      },
    );
    return rows.map((row) => presentRequest(row));
  });
}

function officerOf(ctx: RequestContext) {
  const actor = actorOf(ctx);
  if (!privacyPolicy.officer(actor)) throw notFound();
  return actor;
}

function parseCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [at, id] = cursor.split('_');
  const time = new Date(at ?? '');
  if (Number.isNaN(time.getTime()) || !id || !/^[0-9a-f-]{36}$/.test(id))
    throw new AppError('request.validation_failed', {
      errors: [
        {
          path: 'querystring.cursor',
          code: 'invalid_cursor',
          message: 'is not a cursor from a previous page',
        },
      ],
    });
  return { at: time, id };
}

async function officerView(
  db: Database | Parameters<Parameters<Database['transaction']>[0]>[0],
  settings: PrivacySettings,
  row: repo.PrivacyRequestRow,
  now: Date,
) {
  const person = await findRegisterEntry(db, row.memberId);
  const plan =
    row.kind === 'erasure' && row.status === 'open'
      ? await planErasure(db, settings.privacy, row.memberId, now)
      : null;
  return presentRequest(row, {
    member: {
      id: row.memberId,
      name: person ? `${person.givenName} ${person.familyName}` : '',
      memberNumber: person?.memberNumber ?? '',
    },
    erasurePlan: plan && {
      openCaseNumbers: plan.openCaseNumbers,
      retained: plan.retained,
      erasableCaseNumbers: plan.erasableCaseNumbers,
    },
  });
}

/** The privacy officer's requests: open ones by deadline, soonest first, or answered ones, newest first. */
export async function listRequests(
  ctx: RequestContext,
  settings: PrivacySettings,
  input: { status: 'open' | 'answered'; limit: number; cursor?: string },
): Promise<PrivacyRequestList> {
  officerOf(ctx);
  const after = parseCursor(input.cursor);
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.listRequests(tx, { status: input.status, limit: input.limit + 1, after });
    const page = rows.slice(0, input.limit);
    const now = ctx.clock.now();
    const items = [];
    for (const row of page) items.push(await officerView(tx, settings, row, now));
    await recordAudit(
      tx,
      ctx,
      { action: 'privacy_request.listed', details: { count: page.length } },
      {
        entityType: 'privacy_request',
        subjectMemberIds: page.map((row) => row.memberId),
        purpose: 'privacy',
      },
    );
    const last = page.at(-1);
    const at = last && (input.status === 'open' ? last.dueAt : last.decidedAt);
    return {
      items,
      nextCursor: rows.length > input.limit && last && at ? `${at.toISOString()}_${last.id}` : null,
    };
  });
}

async function lockOpenRequest(
  tx: Parameters<Parameters<Database['transaction']>[0]>[0],
  settings: PrivacySettings,
  ctx: RequestContext,
  id: string,
  version: number,
) {
  const row = await repo.lockRequest(tx, id);
  if (!row) throw notFoundFor({ entityType: 'privacy_request', entityId: id, reason: 'no_such_record' });
  if (row.status !== 'open') throw new AppError('privacy.request_already_decided');
  if (row.version !== version)
    throw new AppError('resource.version_conflict', {
      extensions: { current: await officerView(tx, settings, row, ctx.clock.now()) },
    });
  return row;
}

/** Extends the deadline once, by two months, with the reason the member is told. */
export async function extendRequest(
  ctx: RequestContext,
  settings: PrivacySettings,
  id: string,
  input: PrivacyRequestExtension,
): Promise<PrivacyRequest> {
  officerOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await lockOpenRequest(tx, settings, ctx, id, input.version);
    if (row.extendedAt) throw new AppError('privacy.request_already_extended');
    const now = ctx.clock.now();
    const updated = await repo.updateRequest(tx, id, {
      extendedAt: now,
      extensionReason: input.reason,
      dueAt: addMonths(row.receivedAt, ANSWER_WITHIN_MONTHS + EXTENDED_BY_MONTHS),
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'privacy_request.extended', details: { kind: row.kind } },
      requestRecord(row),
    );
    return officerView(tx, settings, updated, now);
  });
}

/**
 * Records the answer. Granting an erasure erases (refused while a case is open, or while records
 * are within their retention period unless partially granted); the answer and the erasure commit
 * together, then the ledger file is appended and the blobs removed.
 */
export async function decideRequest(
  ctx: RequestContext,
  settings: PrivacySettings,
  id: string,
  input: PrivacyRequestDecision,
): Promise<PrivacyRequest> {
  const officer = officerOf(ctx);
  let erasure: ErasureDone | undefined;
  const answered = await ctx.db.transaction(async (tx) => {
    const row = await lockOpenRequest(tx, settings, ctx, id, input.version);
    if (input.outcome === 'partially_granted' && row.kind !== 'erasure')
      throw new AppError('privacy.erasure_not_applicable');
    if (row.kind === 'erasure' && input.outcome !== 'refused') {
      erasure = await eraseMember(tx, ctx, settings.privacy, {
        memberId: row.memberId,
        privacyRequestId: row.id,
        keepRetained: input.outcome === 'partially_granted',
      });
    }
    const now = ctx.clock.now();
    const updated = await repo.updateRequest(tx, id, {
      status: input.outcome,
      answer: input.answer,
      decidedAt: now,
      decidedByUserId: officer.userId,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'privacy_request.decided', details: { kind: row.kind, outcome: input.outcome } },
      requestRecord(row),
    );
    // The member is told that an answer is there (never what it says). An erasure that went ahead
    // has removed the account and its address: there is no one left to write to.
    if (row.requestedByUserId && !erasure)
      await enqueueNotification(tx, ctx, {
        template: 'privacy.request_answered',
        recipientUserId: row.requestedByUserId,
        params: { privacyRequestId: row.id },
        dedupeKey: `privacy.request_answered:${row.id}`,
      });
    // The member is told that an answer is there (never what it says). An erasure that went ahead
    // has removed the account and its address: there is no one left to write to.
    if (row.requestedByUserId && !erasure)
      await enqueueNotification(tx, ctx, {
        template: 'privacy.request_answered',
        recipientUserId: row.requestedByUserId,
        params: { privacyRequestId: row.id },
        dedupeKey: `privacy.request_answered:${row.id}`,
      });
    return officerView(tx, settings, updated, now);
  });
  if (erasure) await finishErasure({ db: ctx.db, config: settings }, erasure);
  return answered;
}

export const REQUEST_REMINDER_QUEUE = 'privacy.request-reminders';

/**
 * Reminds of open requests whose deadline is near: once per deadline (an extension brings a new
 * one). The reminder is on the desk (the request is flagged "due soon") and in the audit trail.
 */
export async function remindDueRequests(deps: {
  db: Database;
  clock: Clock;
  log: Logger;
  config: PrivacySettings;
}): Promise<number> {
  const ctx = systemContext(deps, 'privacy-reminders');
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const due = await repo.claimRequestsToRemind(
      tx,
      new Date(now.getTime() + deps.config.privacy.reminderBeforeMs),
      200,
    );
    await repo.markReminded(
      tx,
      due.map((row) => row.id),
    );
    for (const row of due) {
      await recordAudit(
        tx,
        ctx,
        { action: 'privacy_request.reminded', details: { kind: row.kind } },
        requestRecord(row),
      );
    }
    return due.length;
  });
}

export async function defineRequestJobs(jobs: JobRunner, deps: Parameters<typeof remindDueRequests>[0]) {
  await jobs.define({
    name: REQUEST_REMINDER_QUEUE,
    every: '7 * * * *',
    retryLimit: 1,
    handler: async () => {
      await remindDueRequests(deps);
    },
  });
}

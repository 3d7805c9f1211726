import { v7 as uuidv7 } from 'uuid';
import type {
  CaseMessage,
  CaseStreamEventName,
  MessageDraft,
  MessagePage,
  UnreadCounts,
} from '../../../shared/messaging.js';
import { actorOf, type Actor, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { claimIdempotencyKey, requestHash } from '../../platform/idempotency.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import {
  caseAuditRecord,
  caseForActor,
  casesPolicy,
  isOpen,
  membersInCareOf,
  readCasePart,
  type Relation,
} from '../cases/index.js';
import { sessionIsActive } from '../identity/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { authorRoleOf, messagingPolicy } from './policy.js';
import { presentMessage } from './present.js';
import * as repo from './repo.js';
import { isReferralStreamEvent } from '../../../shared/referral-events.js';

/** A burst of messages to one recipient on one case sends one e-mail per window. */
export const MESSAGE_EMAIL_WINDOW_MS = 15 * 60 * 1000;

/**
 * To the other side of the thread: the case manager when the member (or guardian) writes, the
 * account that asked for the opinion when the case manager writes. The e-mail says only that a
 * message is waiting; the dedupe key holds a time bucket so a burst sends one e-mail.
 */
async function notifyMessageReceived(
  tx: Tx,
  ctx: RequestContext,
  kase: cases.CaseRow,
  relation: Relation,
  now: Date,
) {
  const recipient = relation === 'assigned_case_manager' ? kase.requestedByUserId : kase.caseManagerUserId;
  if (!recipient) return;
  const bucket = Math.floor(now.getTime() / MESSAGE_EMAIL_WINDOW_MS);
  await enqueueNotification(tx, ctx, {
    template: 'case.message_received',
    recipientUserId: recipient,
    params: { caseId: kase.id, caseNumber: kase.number },
    dedupeKey: `case.message_received:${kase.id}:${recipient}:${bucket}`,
  });
}

/**
 * The member (or guardian) or the assigned case manager writes to the thread. The message, its
 * place on the case's event sequence (what the live stream carries; the timeline leaves it out),
 * the e-mail to the other side and the audit event commit together.
 */
export async function postMessage(
  ctx: RequestContext,
  caseId: string,
  draft: MessageDraft,
  options: { idempotencyKey?: string } = {},
): Promise<{ created: boolean; message: CaseMessage }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId, { lock: true });
    if (!messagingPolicy.write(relation)) throw new AppError('case.action_not_permitted');
    const id = uuidv7();
    const retry = await claimIdempotencyKey(
      tx,
      {
        userId: actor.userId,
        key: options.idempotencyKey,
        requestHash: requestHash('message', caseId, draft.body),
        resourceId: id,
      },
      async (existingId) => {
        const [existing] = await repo.findMessageViews(tx, caseId, [existingId], actor.userId);
        return existing && presentMessage(existing, actor.userId);
      },
    );
    if (retry) return { created: false, message: retry.replayed };
    if (!isOpen(kase.status))
      throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
    const now = ctx.clock.now();
    await repo.insertMessage(tx, {
      id,
      caseId,
      authorUserId: actor.userId,
      authorRole: authorRoleOf(relation),
      body: draft.body,
      createdAt: now,
    });
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: cases.MESSAGE_EVENT_TYPE,
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { messageId: id },
      occurredAt: now,
    });
    await notifyMessageReceived(tx, ctx, kase, relation, now);
    await recordAudit(tx, ctx, { action: 'case.message_posted', details: {} }, caseAuditRecord(actor, kase));
    const [view] = await repo.findMessageViews(tx, caseId, [id], actor.userId);
    return { created: true, message: presentMessage(view!, actor.userId) };
  });
}

/** The thread, newest first, for whoever may see the case; every read is audited. */
export async function listMessages(
  ctx: RequestContext,
  caseId: string,
  input: { limit: number; cursor?: string },
): Promise<MessagePage> {
  const actor = actorOf(ctx);
  const before = decodeCursor(input.cursor);
  return readCasePart(ctx, caseId, {}, async (tx) => {
    // Read first: every message at or below this position is in the page (or an older one);
    // what commits after it may appear both here and on the stream, and clients keep one per id.
    const position = await repo.streamPosition(tx, caseId);
    const rows = await repo.listMessages(tx, {
      caseId,
      viewerUserId: actor.userId,
      limit: input.limit + 1,
      before,
    });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      value: {
        items: page.map((row) => presentMessage(row, actor.userId)),
        nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
        streamPosition: position,
      },
      audit: { action: 'case.messages_read', details: { count: page.length } },
    };
  });
}

/** Marks every message from the other side up to `upTo` read by the caller. Idempotent. */
export async function markRead(
  ctx: RequestContext,
  caseId: string,
  input: { upTo: string },
): Promise<{ upTo: string; unread: number }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase, relation } = await caseForActor(tx, actor, caseId);
    if (!messagingPolicy.markRead(relation)) throw new AppError('case.action_not_permitted');
    const upTo = await repo.findMessage(tx, caseId, input.upTo);
    if (!upTo) throw new AppError('message.unknown');
    const marked = await repo.markReadUpTo(tx, { caseId, userId: actor.userId, upTo, now: ctx.clock.now() });
    const unread = await repo.unreadInCase(tx, caseId, actor.userId);
    await recordAudit(
      tx,
      ctx,
      { action: 'case.messages_marked_read', details: { marked } },
      caseAuditRecord(actor, kase),
    );
    return { upTo: upTo.id, unread };
  });
}

/**
 * Per case the caller takes part in (their own and their dependants' as a member, their queue as a
 * case manager), the messages from others they have not read. Others have no inbox: zero.
 */
export async function unreadCounts(ctx: RequestContext): Promise<UnreadCounts> {
  const actor = actorOf(ctx);
  if (!messagingPolicy.hasInbox(actor)) return { total: 0, cases: [] };
  const scope: repo.UnreadScope =
    actor.role === 'member'
      ? { kind: 'members', memberIds: await membersInCareOf(ctx.db, actor.memberId!) }
      : { kind: 'case_manager', userId: actor.userId };
  const rows = await repo.unreadCounts(ctx.db, { userId: actor.userId, scope });
  return { total: rows.reduce((sum, row) => sum + row.unread, 0), cases: rows };
}

export interface OpenedStream {
  caseId: string;
  viewer: Actor;
  /** The position after which events are sent. */
  start: number;
  /** The client's Last-Event-ID was ahead of the stream: it starts again from the current end. */
  reset: boolean;
  includeStaffOnly: boolean;
}

/** Checks that the caller may see the case, audits the opening, and says where the stream starts. */
export async function openStream(
  ctx: RequestContext,
  caseId: string,
  lastEventId: number | undefined,
): Promise<OpenedStream> {
  const actor = actorOf(ctx);
  return readCasePart(ctx, caseId, {}, async (tx) => {
    const position = await repo.streamPosition(tx, caseId);
    const reset = lastEventId !== undefined && lastEventId > position;
    return {
      value: {
        caseId,
        viewer: actor,
        start: lastEventId === undefined || reset ? position : lastEventId,
        reset,
        includeStaffOnly: casesPolicy.seesStaffOnly(actor),
      },
      audit: { action: 'case.stream_opened', details: { resumed: lastEventId !== undefined && !reset } },
    };
  });
}

export interface StreamFrame {
  seq: number;
  event: CaseStreamEventName;
  data: unknown;
}

/**
 * The frames after a position, as the viewer may see them. `scannedUpTo` is the last position
 * read (the next read starts after it); `more` says a full batch was read and more may follow.
 */
export async function readStreamFrames(
  db: Queryable,
  stream: Pick<OpenedStream, 'caseId' | 'viewer' | 'includeStaffOnly'>,
  after: number,
  limit: number,
): Promise<{ frames: StreamFrame[]; scannedUpTo: number; more: boolean }> {
  const rows = await repo.streamEventsAfter(db, {
    caseId: stream.caseId,
    after,
    includeStaffOnly: stream.includeStaffOnly,
    viewerUserId: stream.viewer.userId,
    limit,
  });
  const messageIds = rows
    .filter((row) => row.type === cases.MESSAGE_EVENT_TYPE)
    .map((row) => String(row.data.messageId));
  const messages = new Map(
    (await repo.findMessageViews(db, stream.caseId, messageIds, stream.viewer.userId)).map((row) => [
      row.id,
      row,
    ]),
  );
  const frames: StreamFrame[] = [];
  for (const row of rows) {
    if (row.type === cases.MESSAGE_EVENT_TYPE) {
      const message = messages.get(String(row.data.messageId));
      if (message)
        frames.push({
          seq: row.seq,
          event: 'message.created',
          data: presentMessage(message, stream.viewer.userId),
        });
      continue;
    }
    const entry = {
      id: row.id,
      seq: row.seq,
      type: row.type,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      actor: { role: row.actorRole, name: row.actorName },
      reason: row.reason,
      occurredAt: row.occurredAt.toISOString(),
    };
    if (row.toStatus !== null) frames.push({ seq: row.seq, event: 'case.status_changed', data: entry });
    else if (row.type === 'document_uploaded')
      frames.push({
        seq: row.seq,
        event: 'document.uploaded',
        data: { ...entry, documentId: row.data.documentId ?? null, kind: row.data.kind ?? null },
      });
    else if (isReferralStreamEvent(row.type))
      // A referral or its pre-authorisation changed: the frame names it, the reader fetches it.
      frames.push({
        seq: row.seq,
        event: row.type,
        data: { ...entry, referralId: row.data.referralId ?? null },
      });
    else frames.push({ seq: row.seq, event: 'case.event_added', data: entry });
  }
  return { frames, scannedUpTo: rows.at(-1)?.seq ?? after, more: rows.length === limit };
}

/** Whether the stream's session still holds: not signed out, not expired, account not disabled. */
export async function streamSessionHolds(
  ctx: Pick<RequestContext, 'db' | 'clock'>,
  viewer: Actor,
): Promise<boolean> {
  if (!viewer.sessionId) return false;
  return sessionIsActive(ctx.db, {
    sessionId: viewer.sessionId,
    userId: viewer.userId,
    now: ctx.clock.now(),
  });
}

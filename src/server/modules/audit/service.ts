import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { RequestContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { actorOf } from '../../platform/context.js';
import type { AccessLog } from '../../../shared/audit.js';
import { auditEvent } from './schema.js';
import { auditPolicy } from './policy.js';
import { listAccessToMember } from './repo.js';
import { AuditEventInput, type AuditRecord } from './events.js';

/**
 * Appends one event to the audit trail. Call it with the transaction that makes the change (or
 * performs the read) so that the record and the event commit together or not at all.
 */
export async function recordAudit(
  tx: Queryable,
  ctx: Pick<RequestContext, 'actor' | 'clock' | 'requestId'>,
  event: AuditEventInput,
  record: AuditRecord,
): Promise<void> {
  const parsed = AuditEventInput.parse(event);
  await tx.insert(auditEvent).values({
    id: uuidv7(),
    occurredAt: ctx.clock.now(),
    actorUserId: ctx.actor?.userId ?? null,
    actorRole: ctx.actor?.role ?? 'system',
    action: parsed.action,
    entityType: record.entityType,
    entityId: record.entityId ?? null,
    subjectMemberId: record.subjectMemberId ?? null,
    purpose: record.purpose,
    outcome: record.outcome ?? 'success',
    requestId: ctx.requestId,
    details: parsed.details,
  });
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** The first event whose link is broken: changed, removed or reordered. */
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** Recomputes every link of the chain in the database and reports the first that is broken. */
export async function verifyAuditChain(db: Queryable): Promise<ChainVerification> {
  const result = await db.execute<{ seq: number | null; reason: string | null; checked: number }>(sql`
    WITH links AS (
      SELECT e.seq, e.prev_hash, e.hash,
             lag(e.seq) OVER w AS prev_seq,
             lag(e.hash) OVER w AS prev_row_hash,
             audit_event_digest(e.prev_hash, e) AS recomputed
      FROM audit_event e
      WINDOW w AS (ORDER BY e.seq)
    ),
    broken AS (
      SELECT seq,
             CASE
               WHEN recomputed <> hash THEN 'content does not match its hash'
               WHEN prev_seq IS NULL AND seq <> 1 THEN 'events before this one are missing'
               WHEN prev_seq IS NULL AND prev_hash <> audit_genesis_hash() THEN 'does not start from the genesis hash'
               WHEN prev_seq IS NOT NULL AND prev_seq <> seq - 1 THEN 'the event before this one is missing'
               WHEN prev_seq IS NOT NULL AND prev_hash <> prev_row_hash THEN 'does not link to the event before it'
             END AS reason
      FROM links
    ),
    tail AS (
      SELECT h.seq + 1 AS seq, 'the latest events are missing' AS reason
      FROM audit_chain_head h
      WHERE h.seq <> coalesce((SELECT max(seq) FROM audit_event), 0)
         OR h.hash <> coalesce((SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1), audit_genesis_hash())
    )
    SELECT first.seq, first.reason, (SELECT count(*)::int FROM audit_event) AS checked
    FROM (SELECT seq, reason FROM broken WHERE reason IS NOT NULL
          UNION ALL SELECT seq, reason FROM tail
          ORDER BY seq LIMIT 1) AS first
    RIGHT JOIN (SELECT 1) AS one ON true
  `);
  const row = result.rows[0];
  return {
    ok: row?.seq == null,
    checked: Number(row?.checked ?? 0),
    firstBrokenSeq: row?.seq == null ? null : Number(row.seq),
    reason: row?.reason ?? null,
  };
}

/**
 * The member's "who looked at my file": every access to their data by someone else (and, when
 * asked, by themselves). Reading it is itself recorded.
 */
export async function readAccessLog(
  ctx: RequestContext,
  input: { limit: number; cursor?: string; includeOwn: boolean },
): Promise<AccessLog> {
  const actor = actorOf(ctx);
  if (!auditPolicy.readOwnAccessLog(actor) || !actor.memberId) throw notFound();
  const memberId = actor.memberId;
  const beforeSeq = input.cursor === undefined ? undefined : Number.parseInt(input.cursor, 10);
  if (beforeSeq !== undefined && (!Number.isSafeInteger(beforeSeq) || beforeSeq < 1)) {
    throw new AppError('request.validation_failed', {
      errors: [
        {
          path: 'querystring.cursor',
          code: 'invalid_cursor',
          message: 'is not a cursor from a previous page',
        },
      ],
    });
  }
  return ctx.db.transaction(async (tx) => {
    const rows = await listAccessToMember(tx, {
      memberId,
      viewerUserId: actor.userId,
      includeOwn: input.includeOwn,
      limit: input.limit + 1,
      beforeSeq,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'access_log.read', details: {} },
      { entityType: 'access_log', entityId: memberId, subjectMemberId: memberId, purpose: 'self_service' },
    );
    const pageRows = rows.slice(0, input.limit);
    return {
      items: pageRows.map((row) => ({
        id: row.id,
        occurredAt: row.occurredAt.toISOString(),
        action: row.action,
        actor: {
          role: row.actorRole,
          name: row.actorUserId === actor.userId ? null : row.actorName,
          isYou: row.actorUserId === actor.userId,
        },
        purpose: row.purpose,
        outcome: row.outcome,
      })),
      nextCursor: rows.length > input.limit ? String(pageRows.at(-1)?.seq) : null,
    };
  });
}

import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { RequestContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { actorOf } from '../../platform/context.js';
import type { AccessLog } from '../../../shared/audit.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import { auditEvent } from './schema.js';
import { auditPolicy } from './policy.js';
import { listAccessToMember } from './repo.js';
import { AuditEventInput, type AuditRecord } from './events.js';

/**
 * Appends one event to the audit trail. Call it with the transaction that makes the change, so
 * that the change and the event commit together or not at all. A read that changes nothing may
 * call it with the database itself, after the read and before the answer: the event has then
 * committed before anything is shown, and if it cannot be written nothing is.
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
    subjectMemberIds: record.subjectMemberIds?.length ? [...new Set(record.subjectMemberIds)] : null,
    purpose: record.purpose,
    outcome: record.outcome ?? 'success',
    requestId: ctx.requestId,
    details: parsed.details,
  });
}

export interface ChainVerification {
  ok: boolean;
  /** Sealed events whose links were checked. */
  checked: number;
  /** The first event (by its `seq`) whose link is broken: changed, removed or reordered. */
  firstBrokenSeq: number | null;
  reason: string | null;
}

/**
 * Appends committed, unsealed events to the hash chain, oldest first, in batches. Run by a job
 * every minute and before every verification; safe to run from several processes at once.
 */
export async function sealAuditTrail(db: Queryable, batch = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db.execute<{ sealed: number }>(sql`SELECT audit_seal(${batch}) AS sealed`);
    const sealed = Number(result.rows[0]?.sealed ?? 0);
    total += sealed;
    if (sealed < batch) return total;
  }
}

/**
 * Seals what is pending, then recomputes every link of the chain in the database and reports the
 * first that is broken.
 */
export async function verifyAuditChain(db: Queryable): Promise<ChainVerification> {
  await sealAuditTrail(db);
  const result = await db.execute<{ seq: number | null; reason: string | null; checked: number }>(sql`
    WITH links AS (
      SELECT e.seq, e.chain_pos, e.prev_hash, e.hash,
             lag(e.chain_pos) OVER w AS prev_pos,
             lag(e.hash) OVER w AS prev_row_hash,
             audit_event_digest(e.prev_hash, e) AS recomputed
      FROM audit_event e
      WHERE e.hash IS NOT NULL OR e.chain_pos IS NOT NULL
      WINDOW w AS (ORDER BY e.chain_pos)
    ),
    broken AS (
      SELECT seq, chain_pos,
             CASE
               WHEN chain_pos IS NULL OR hash IS NULL OR prev_hash IS NULL THEN 'is half sealed'
               WHEN recomputed <> hash THEN 'content does not match its hash'
               WHEN prev_pos IS NULL AND chain_pos <> 1 THEN 'events before this one are missing'
               WHEN prev_pos IS NULL AND prev_hash <> audit_genesis_hash() THEN 'does not start from the genesis hash'
               WHEN prev_pos IS NOT NULL AND prev_pos <> chain_pos - 1 THEN 'the event before this one is missing'
               WHEN prev_pos IS NOT NULL AND prev_hash <> prev_row_hash THEN 'does not link to the event before it'
             END AS reason
      FROM links
    ),
    tail AS (
      SELECT (SELECT coalesce(max(seq), 0) + 1 FROM audit_event) AS seq, h.seq + 1 AS chain_pos,
             'the latest events are missing' AS reason
      FROM audit_chain_head h
      WHERE h.seq <> coalesce((SELECT max(chain_pos) FROM audit_event), 0)
         OR h.hash <> coalesce((SELECT hash FROM audit_event WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1),
                               audit_genesis_hash())
    )
    SELECT first.seq, first.reason, (SELECT count(*)::int FROM audit_event WHERE hash IS NOT NULL) AS checked
    FROM (SELECT seq, chain_pos, reason FROM broken WHERE reason IS NOT NULL
          UNION ALL SELECT seq, chain_pos, reason FROM tail
          ORDER BY chain_pos NULLS FIRST LIMIT 1) AS first
    RIGHT JOIN (SELECT 1) AS one ON true
  `);
  const row = result.rows[0];
  return {
    ok: row?.reason == null,
    checked: Number(row?.checked ?? 0),
    firstBrokenSeq: row?.seq == null ? null : Number(row.seq),
    reason: row?.reason ?? null,
  };
}

export const AUDIT_SEAL_QUEUE = 'audit.seal';

/** Seals the audit trail every minute, from whichever instance's worker takes the job. */
export async function defineAuditJobs(jobs: JobRunner, deps: { db: Queryable }): Promise<void> {
  await jobs.define({
    name: AUDIT_SEAL_QUEUE,
    every: '* * * * *',
    retryLimit: 2,
    handler: async () => {
      await sealAuditTrail(deps.db);
    },
  });
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

import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { RequestContext } from '../../platform/context.js';
import type { Config } from '../../config.js';
import type { Database, Queryable } from '../../platform/db/index.js';
import { AppError, notFound, notFoundFor } from '../../platform/errors.js';
import { findDependantsOf } from '../plans/index.js';
import { actorOf } from '../../platform/context.js';
import type { AccessLog } from '../../../shared/audit.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import { appendAnchor, auditAnchoring, readAnchors } from './anchors.js';
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
  /** Signed heads (anchors outside the database) the chain was checked against. */
  anchors: number;
  /**
   * The first event (by its `seq`) whose link is broken: changed, removed or reordered. When the
   * chain no longer reaches a signed head, the first event after the last head it still reaches.
   * Null when the anchor file itself is damaged.
   */
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** What sealing and verifying need: the database, and the key and file of the anchors. */
export interface AuditDeps {
  db: Database;
  config: Pick<Config, 'audit'>;
}

/**
 * Appends committed, unsealed events to the hash chain, oldest first, in batches, and anchors each
 * new head outside the database (signed, in the anchor file). Run by a job every minute and before
 * every verification; safe to run from several processes at once.
 */
export async function sealAuditTrail(deps: AuditDeps, batch = 10_000): Promise<number> {
  const anchoring = auditAnchoring(deps.config);
  let total = 0;
  for (;;) {
    const { sealed, head } = await deps.db.transaction(async (tx) => {
      const result = await tx.execute<{ sealed: number }>(sql`SELECT audit_seal(${batch}) AS sealed`);
      // The head this transaction left (it holds the head row's lock until it commits).
      const heads = await tx.execute<{ seq: string; hash: Buffer; at: Date }>(
        sql`SELECT seq, hash, clock_timestamp() AS at FROM audit_chain_head WHERE id = 1`,
      );
      return { sealed: Number(result.rows[0]?.sealed ?? 0), head: heads.rows[0] };
    });
    // Anchored after the commit: a crash in between leaves a head that the next seal anchors.
    if (sealed > 0 && head) {
      await appendAnchor(anchoring, { seq: Number(head.seq), hash: head.hash }, new Date(head.at));
    }
    total += sealed;
    if (sealed < batch) return total;
  }
}

const VERIFY_BATCH = 5_000;

/**
 * What each sealed event's hash covers, written out here with PostgreSQL's own functions rather
 * than through `audit_event_digest()`: whoever owns the database could redefine that function,
 * so the verifier hashes in this process. Keep it the same as the digest in the migrations.
 */
const sealedContent = sql`convert_to((jsonb_build_object(
    'chain_pos', e.chain_pos,
    'seq', e.seq,
    'id', e.id,
    'occurred_at', to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'actor_user_id', e.actor_user_id,
    'actor_role', e.actor_role,
    'action', e.action,
    'entity_type', e.entity_type,
    'entity_id', e.entity_id,
    'subject_member_id', e.subject_member_id,
    'purpose', e.purpose,
    'outcome', e.outcome,
    'request_id', e.request_id,
    'details', e.details
  ) || CASE WHEN e.subject_member_ids IS NULL THEN '{}'::jsonb
            ELSE jsonb_build_object('subject_member_ids', to_jsonb(e.subject_member_ids)) END)::text, 'UTF8')`;

const GENESIS_HASH = createHash('sha256').update('consilium:audit:genesis', 'utf8').digest();

interface SealedRow {
  seq: string;
  chain_pos: string;
  prev_hash: Buffer;
  hash: Buffer;
  content: Buffer;
  [column: string]: unknown;
}

/**
 * Seals what is pending, then recomputes every link of the chain from the rows, checks it against
 * every signed head in the anchor file, and reports the first event that is wrong. A rewrite with
 * full rights over the database (a row changed, removed or slipped in, and the chain and its head
 * recomputed to match) still cannot reach the heads signed before it.
 */
export async function verifyAuditChain(deps: AuditDeps): Promise<ChainVerification> {
  const anchoring = auditAnchoring(deps.config);
  await sealAuditTrail(deps);
  const { db } = deps;
  const reading = await readAnchors(anchoring);
  const counted = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM audit_event WHERE hash IS NOT NULL`,
  );
  const checked = Number(counted.rows[0]?.n ?? 0);
  const anchors = reading.ok ? reading.anchors : [];
  const result = (firstBrokenSeq: number | null, reason: string | null): ChainVerification => ({
    ok: reason === null,
    checked,
    anchors: anchors.length,
    firstBrokenSeq,
    reason,
  });
  if (!reading.ok) {
    return result(null, `line ${reading.line} of the anchor file is ${reading.reason}`);
  }

  const halfSealed = await db.execute<{ seq: string }>(sql`
    SELECT seq FROM audit_event
    WHERE (hash IS NULL) <> (chain_pos IS NULL) OR (hash IS NULL) <> (prev_hash IS NULL)
    ORDER BY chain_pos NULLS FIRST, seq LIMIT 1`);
  if (halfSealed.rows[0]) return result(Number(halfSealed.rows[0].seq), 'is half sealed');

  // Recompute the chain, keeping the event at every position (to name it) and the hash reached at
  // each anchored position.
  const anchored = new Set(anchors.map((anchor) => anchor.seq));
  const reached = new Map<number, string>();
  const seqAt: number[] = [];
  let broken: { pos: number; seq: number; reason: string } | null = null;
  let lastPos = 0;
  let lastHash: Buffer = GENESIS_HASH;
  scan: for (;;) {
    const batch = await db.execute<SealedRow>(sql`
      SELECT e.seq, e.chain_pos, e.prev_hash, e.hash, ${sealedContent} AS content
      FROM audit_event e
      WHERE e.chain_pos > ${lastPos}
      ORDER BY e.chain_pos LIMIT ${VERIFY_BATCH}`);
    for (const row of batch.rows) {
      const pos = Number(row.chain_pos);
      const seq = Number(row.seq);
      const recomputed = createHash('sha256').update(row.prev_hash).update(row.content).digest();
      const reason = !recomputed.equals(row.hash)
        ? 'content does not match its hash'
        : lastPos === 0 && pos !== 1
          ? 'events before this one are missing'
          : lastPos === 0 && !row.prev_hash.equals(GENESIS_HASH)
            ? 'does not start from the genesis hash'
            : pos !== lastPos + 1
              ? 'the event before this one is missing'
              : !row.prev_hash.equals(lastHash)
                ? 'does not link to the event before it'
                : null;
      if (reason) {
        broken = { pos, seq, reason };
        break scan;
      }
      seqAt[pos] = seq;
      if (anchored.has(pos)) reached.set(pos, row.hash.toString('hex'));
      lastPos = pos;
      lastHash = row.hash;
    }
    if (batch.rows.length < VERIFY_BATCH) break;
  }

  const nextSeq = async () => {
    const last = await db.execute<{ seq: string }>(
      sql`SELECT coalesce(max(seq), 0) + 1 AS seq FROM audit_event`,
    );
    return Number(last.rows[0]?.seq ?? 1);
  };

  // The signed heads, in chain order: the first one the rows do not reach gives the rewrite away.
  let lastGood = 0;
  for (const anchor of [...anchors].sort((a, b) => a.seq - b.seq)) {
    if (broken && anchor.seq >= broken.pos) break;
    if (anchor.seq > lastPos) {
      return result(
        await nextSeq(),
        `the latest events are missing: the trail ends before the head signed at chain position ${anchor.seq}`,
      );
    }
    if (reached.get(anchor.seq) !== anchor.hash) {
      return result(
        seqAt[lastGood + 1] ?? null,
        `the trail was rewritten: from here it no longer reaches the head signed at chain position ${anchor.seq}`,
      );
    }
    lastGood = anchor.seq;
  }
  if (broken) return result(broken.seq, broken.reason);

  const heads = await db.execute<{ seq: string; hash: Buffer }>(
    sql`SELECT seq, hash FROM audit_chain_head WHERE id = 1`,
  );
  const head = heads.rows[0];
  if (!head || Number(head.seq) !== lastPos || !head.hash.equals(lastHash)) {
    return result(await nextSeq(), 'the latest events are missing');
  }
  return result(null, null);
}

export const AUDIT_SEAL_QUEUE = 'audit.seal';

/** Seals the audit trail every minute, from whichever instance's worker takes the job. */
export async function defineAuditJobs(jobs: JobRunner, deps: AuditDeps): Promise<void> {
  await jobs.define({
    name: AUDIT_SEAL_QUEUE,
    every: '* * * * *',
    retryLimit: 2,
    handler: async () => {
      await sealAuditTrail(deps);
    },
  });
}

/**
 * The member's "who looked at my file": every access to their data by someone else (and, when
 * asked, by themselves). Reading it is itself recorded.
 */
export async function readAccessLog(
  ctx: RequestContext,
  input: { limit: number; cursor?: string; includeOwn: boolean; memberId?: string },
): Promise<AccessLog> {
  const actor = actorOf(ctx);
  if (!auditPolicy.readOwnAccessLog(actor) || !actor.memberId) throw notFound();
  // A guardian reads the log of a dependant's file as their own; anyone else's is not found.
  const memberId = input.memberId ?? actor.memberId;
  if (memberId !== actor.memberId) {
    const dependants = await findDependantsOf(ctx.db, actor.memberId);
    if (
      !auditPolicy.readDependantAccessLog(
        actor,
        dependants.some((d) => d.id === memberId),
      )
    )
      throw notFoundFor({ entityType: 'access_log', entityId: memberId, reason: 'not_found_for_actor' });
  }
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

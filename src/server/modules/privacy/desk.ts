import type { Config } from '../../config.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { AuditTrailPage, ChainVerificationResult } from '../../../shared/privacy.js';
import { recordAudit, searchAuditTrail, verifyAuditChain, type AuditTrailRow } from '../audit/index.js';
import { accountIdByEmail } from '../identity/index.js';
import { findMemberIdByNumber } from '../plans/index.js';
import { privacyPolicy } from './policy.js';

function officerOf(ctx: RequestContext) {
  const actor = actorOf(ctx);
  if (!privacyPolicy.officer(actor)) throw notFound();
  return actor;
}

async function memberIdOf(db: Database, memberNumber: string): Promise<string> {
  const memberId = await findMemberIdByNumber(db, memberNumber);
  if (!memberId) throw new AppError('privacy.member_unknown');
  return memberId;
}

const presentEntry = (row: AuditTrailRow) => ({
  seq: row.seq,
  id: row.id,
  occurredAt: row.occurredAt.toISOString(),
  action: row.action,
  actorUserId: row.actorUserId,
  actorName: row.actorName,
  actorRole: row.actorRole,
  entityType: row.entityType,
  entityId: row.entityId,
  subjectMemberId: row.subjectMemberId,
  purpose: row.purpose,
  outcome: row.outcome,
});

/** The audit trail about a member (by card number) or by a staff member (by e-mail), newest first. */
export async function searchTrail(
  ctx: RequestContext,
  input: { memberNumber?: string; actorEmail?: string; limit: number; cursor?: string },
): Promise<AuditTrailPage> {
  officerOf(ctx);
  if ((input.memberNumber === undefined) === (input.actorEmail === undefined))
    throw new AppError('request.validation_failed', {
      errors: [{ path: 'querystring', code: 'one_of', message: 'give either memberNumber or actorEmail' }],
    });
  const beforeSeq = input.cursor === undefined ? undefined : Number.parseInt(input.cursor, 10);
  if (beforeSeq !== undefined && (!Number.isSafeInteger(beforeSeq) || beforeSeq < 1))
    throw new AppError('request.validation_failed', {
      errors: [
        {
          path: 'querystring.cursor',
          code: 'invalid_cursor',
          message: 'is not a cursor from a previous page',
        },
      ],
    });
  const subjectMemberId =
    input.memberNumber === undefined ? undefined : await memberIdOf(ctx.db, input.memberNumber);
  const actorUserId =
    input.actorEmail === undefined ? undefined : ((await accountIdByEmail(ctx.db, input.actorEmail)) ?? null);
  if (actorUserId === null) return { items: [], nextCursor: null };
  return ctx.db.transaction(async (tx) => {
    const rows = await searchAuditTrail(tx, {
      subjectMemberId,
      actorUserId,
      limit: input.limit + 1,
      beforeSeq,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'audit_trail.searched', details: { by: subjectMemberId ? 'member' : 'staff' } },
      {
        entityType: 'audit_trail',
        entityId: subjectMemberId ?? actorUserId ?? null,
        subjectMemberId: subjectMemberId ?? null,
        purpose: 'privacy',
      },
    );
    const page = rows.slice(0, input.limit);
    return {
      items: page.map(presentEntry),
      nextCursor: rows.length > input.limit ? String(page.at(-1)!.seq) : null,
    };
  });
}

/** Seals what is pending and verifies the whole chain against its signed heads. */
export async function verifyChain(
  ctx: RequestContext,
  config: Pick<Config, 'audit'>,
): Promise<ChainVerificationResult> {
  officerOf(ctx);
  const result = await verifyAuditChain({ db: ctx.db, config });
  await recordAudit(
    ctx.db,
    ctx,
    { action: 'audit_chain.verified', details: { ok: result.ok, checked: result.checked } },
    {
      entityType: 'audit_trail',
      purpose: 'privacy',
    },
  );
  return result;
}

const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // Quotes doubled; a leading formula character neutralised (a spreadsheet would run it).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

const REPORT_PAGE = 1000;

/**
 * The access report of a member, as CSV: every event of the trail about them, newest first, with
 * who (name and role), when, what, why and how it ended. Recorded before it is returned.
 */
export async function accessReport(ctx: RequestContext, memberNumber: string): Promise<string> {
  officerOf(ctx);
  const memberId = await memberIdOf(ctx.db, memberNumber);
  const lines = ['occurred_at,action,actor_name,actor_role,entity_type,entity_id,purpose,outcome'];
  for (let beforeSeq: number | undefined; ;) {
    const rows = await searchAuditTrail(ctx.db, { subjectMemberId: memberId, limit: REPORT_PAGE, beforeSeq });
    for (const row of rows) {
      lines.push(
        [
          row.occurredAt.toISOString(),
          row.action,
          row.actorName,
          row.actorRole,
          row.entityType,
          row.entityId,
          row.purpose,
          row.outcome,
        ]
          .map(csvCell)
          .join(','),
      );
    }
    if (rows.length < REPORT_PAGE) break;
    beforeSeq = rows.at(-1)!.seq;
  }
  await recordAudit(
    ctx.db,
    ctx,
    { action: 'access_report.exported', details: {} },
    {
      entityType: 'access_report',
      entityId: memberId,
      subjectMemberId: memberId,
      purpose: 'privacy',
    },
  );
  return `${lines.join('\r\n')}\r\n`;
}

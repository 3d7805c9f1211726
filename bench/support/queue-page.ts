/**
 * The case manager's queue page as bare SQL: the statements the real `GET /api/v1/cases?assigned=me&sort=deadline`
 * sends after it knows who is calling (captured with `log_statement = all`), run with plain `pg`, and the page
 * built by hand. Shared by the baseline server and the stack-floor server of the queue bench; keep it in step
 * with `repo.listCases` and `recordAudit`.
 */
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';

export const INSERT_AUDIT =
  'insert into "audit_event" ("seq", "id", "occurred_at", "actor_user_id", "actor_role", "action", ' +
  '"entity_type", "entity_id", "subject_member_id", "subject_member_ids", "purpose", "outcome", "request_id", ' +
  '"details", "chain_pos", "prev_hash", "hash", "sealed_at") values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9, ' +
  '$10, $11, $12, $13, default, default, default, default)';

export const QUEUE =
  'select "opinion_case"."id", "opinion_case"."number", "opinion_case"."status", "opinion_case"."version", ' +
  '"opinion_case"."member_id", "member"."given_name", "member"."family_name", "opinion_case"."preferred_language", ' +
  "\"opinion_case\".\"interpreter_needed\", (SELECT json_build_object('id', u.id, 'name', u.name, 'languages', sp.languages)\n" +
  '\t  FROM "user" u JOIN "staff_profile" sp ON sp.user_id = u.id WHERE u.id = "opinion_case"."case_manager_user_id"), ' +
  '"opinion_case"."submitted_at", "opinion_case"."first_contact_due_at", "opinion_case"."first_contacted_at", ' +
  '"opinion_case"."queue_rank" ' +
  'from "opinion_case" inner join "member" on "member"."id" = "opinion_case"."member_id" ' +
  'where "opinion_case"."case_manager_user_id" = $1 ' +
  'order by "opinion_case"."queue_rank" asc, "opinion_case"."first_contact_due_at" asc, "opinion_case"."id" asc limit $2';
export const QUEUE_LIMIT = 50;

interface QueueRow {
  id: string;
  number: string;
  status: string;
  version: number;
  member_id: string;
  given_name: string;
  family_name: string;
  preferred_language: string;
  interpreter_needed: boolean;
  json_build_object: unknown;
  submitted_at: Date;
  first_contact_due_at: Date;
  queue_rank: number;
  first_contacted_at: Date | null;
}

/** Reads the first page of a case manager's queue and writes its audit row, as the real endpoint does. */
export async function queuePage(db: Pick<pg.Pool, 'query'>, actor: { userId: string; role: string }) {
  // The read, then the audit row, each on its own (no transaction), as `listCases` does.
  const rows = (await db.query(QUEUE, [actor.userId, QUEUE_LIMIT + 1])).rows as QueueRow[];
  const page = rows.slice(0, QUEUE_LIMIT);
  await db.query(INSERT_AUDIT, [
    uuidv7(),
    new Date(),
    actor.userId,
    actor.role,
    'case.listed',
    'case_list',
    null,
    null,
    // Each member on the page once, as `recordAudit` writes them (for their access log).
    [...new Set(page.map((row) => row.member_id))],
    'care',
    'success',
    uuidv7(),
    JSON.stringify({ count: page.length, caseIds: page.map((row) => row.id) }),
  ]);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      number: row.number,
      status: row.status,
      version: row.version,
      member: { id: row.member_id, givenName: row.given_name, familyName: row.family_name },
      preferredLanguage: row.preferred_language,
      interpreterNeeded: row.interpreter_needed,
      caseManager: row.json_build_object,
      submittedAt: row.submitted_at.toISOString(),
      firstContactDueAt: row.first_contact_due_at.toISOString(),
      firstContactedAt: row.first_contacted_at?.toISOString() ?? null,
    })),
    nextCursor:
      rows.length > QUEUE_LIMIT && last
        ? Buffer.from(
            JSON.stringify([last.first_contact_due_at.toISOString(), last.id, last.queue_rank]),
          ).toString('base64url')
        : null,
  };
}

/**
 * The baseline of the http and queue benches: a bare Fastify server whose routes run the same SQL as the real
 * endpoints, with plain `pg`, and nothing else (no auth library, no ORM, no validation, no
 * plugins, no logging). The statements are copied from what the real server sends, captured with
 * `log_statement = all`; keep them in step when the real queries change.
 *
 * Settings come from the environment: PORT, DATABASE_URL, DATABASE_POOL_SIZE.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';

const port = Number.parseInt(process.env.PORT ?? '', 10);
const databaseUrl = process.env.DATABASE_URL;
if (!Number.isInteger(port) || !databaseUrl) throw new Error('PORT and DATABASE_URL are required');

const pool = new pg.Pool({
  connectionString: databaseUrl,
  max: Number.parseInt(process.env.DATABASE_POOL_SIZE ?? '10', 10),
  application_name: 'consilium-bench-baseline',
});
pool.on('error', () => undefined);

// Read once: the real server reads the journal on every /api/ready, which is not SQL.
// (The path is spelled out rather than imported so that this process loads no Consilium module.)
const journal = JSON.parse(
  readFileSync(new URL('../db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
) as {
  entries: unknown[];
};
const expectedMigrations = journal.entries.length;

const SESSION_BY_TOKEN =
  'select "id", "expires_at", "token", "ip_address", "user_agent", "user_id", "created_at", "updated_at" ' +
  'from "session" where "session"."token" = $1';
const USER_BY_ID =
  'select "id", "name", "email", "email_verified", "image", "two_factor_enabled", "created_at", "updated_at" ' +
  'from "user" where "user"."id" = $1';
const ACTIVE_PROFILE =
  'select "role", "member_id", "employer_id", "time_zone", "password_change_required" from "user_profile" ' +
  'where ("user_profile"."user_id" = $1 and "user_profile"."disabled_at" is null)';
const FIND_ME =
  'select "user"."id", "user"."name", "user"."email", "user"."two_factor_enabled", "user_profile"."role", ' +
  '"user_profile"."member_id", "user_profile"."locale", "user_profile"."time_zone", "user_profile"."country", ' +
  '"user_profile"."version" from "user" inner join "user_profile" on "user_profile"."user_id" = "user"."id" ' +
  'where "user"."id" = $1';
const INSERT_AUDIT =
  'insert into "audit_event" ("seq", "id", "occurred_at", "actor_user_id", "actor_role", "action", ' +
  '"entity_type", "entity_id", "subject_member_id", "subject_member_ids", "purpose", "outcome", "request_id", ' +
  '"details", "chain_pos", "prev_hash", "hash", "sealed_at") values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9, ' +
  '$10, $11, $12, $13, default, default, default, default)';

const QUEUE =
  'select "opinion_case"."id", "opinion_case"."number", "opinion_case"."status", "opinion_case"."version", ' +
  '"opinion_case"."member_id", "member"."given_name", "member"."family_name", "opinion_case"."preferred_language", ' +
  "\"opinion_case\".\"interpreter_needed\", (SELECT json_build_object('id', u.id, 'name', u.name, 'languages', sp.languages)\n" +
  '\t  FROM "user" u JOIN "staff_profile" sp ON sp.user_id = u.id WHERE u.id = "opinion_case"."case_manager_user_id"), ' +
  '"opinion_case"."submitted_at", "opinion_case"."first_contact_due_at", "opinion_case"."first_contacted_at", ' +
  '"opinion_case"."queue_rank" ' +
  'from "opinion_case" inner join "member" on "member"."id" = "opinion_case"."member_id" ' +
  'where "opinion_case"."case_manager_user_id" = $1 ' +
  'order by "opinion_case"."queue_rank" asc, "opinion_case"."first_contact_due_at" asc, "opinion_case"."id" asc limit $2';
const QUEUE_LIMIT = 50;

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

/** The session token: the part of the signed cookie value before the signature (no check here). */
function sessionToken(cookieHeader: string | undefined): string | undefined {
  const match = /(?:^|;\s*)consilium\.session_token=([^;]+)/.exec(cookieHeader ?? '');
  if (!match?.[1]) return undefined;
  return decodeURIComponent(match[1]).split('.')[0];
}

/** The signed-in user and their active profile: Better Auth's two lookups, then ours. */
async function actorOf(cookieHeader: string | undefined) {
  const token = sessionToken(cookieHeader);
  if (!token) return undefined;
  const session = (await pool.query(SESSION_BY_TOKEN, [token])).rows[0] as
    { id: string; user_id: string; expires_at: Date } | undefined;
  if (!session || session.expires_at.getTime() < Date.now()) return undefined;
  const user = (await pool.query(USER_BY_ID, [session.user_id])).rows[0] as { id: string } | undefined;
  if (!user) return undefined;
  const profile = (await pool.query(ACTIVE_PROFILE, [user.id])).rows[0] as { role: string } | undefined;
  return profile ? { userId: user.id, role: profile.role } : undefined;
}

const app = Fastify({ logger: false });

app.get('/health', async () => ({ status: 'ok' }));

app.get('/ready', async (_request, reply) => {
  const client = await pool.connect();
  try {
    const table = await client.query(`SELECT to_regclass('drizzle.__drizzle_migrations') AS name`);
    const count = table.rows[0]?.name
      ? ((await client.query('SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations')).rows[0]
          .count as number)
      : 0;
    if (count < expectedMigrations) return reply.status(503).send({ status: 'unavailable' });
    return { status: 'ready' };
  } finally {
    client.release();
  }
});

app.get('/me', async (request, reply) => {
  const token = sessionToken(request.headers.cookie);
  if (!token) return reply.status(401).send({ code: 'auth.unauthenticated' });
  const session = (await pool.query(SESSION_BY_TOKEN, [token])).rows[0] as
    { id: string; user_id: string; expires_at: Date } | undefined;
  if (!session || session.expires_at.getTime() < Date.now())
    return reply.status(401).send({ code: 'auth.unauthenticated' });
  const user = (await pool.query(USER_BY_ID, [session.user_id])).rows[0] as { id: string } | undefined;
  if (!user) return reply.status(401).send({ code: 'auth.unauthenticated' });
  const profile = (await pool.query(ACTIVE_PROFILE, [user.id])).rows[0] as { role: string } | undefined;
  if (!profile) return reply.status(401).send({ code: 'auth.account_disabled' });

  const client = await pool.connect();
  try {
    await client.query('begin');
    const row = (await client.query(FIND_ME, [user.id])).rows[0] as Record<string, unknown> | undefined;
    if (!row) {
      await client.query('rollback');
      return reply.status(404).send({ code: 'resource.not_found' });
    }
    if (row.member_id) {
      await client.query(INSERT_AUDIT, [
        uuidv7(),
        new Date(),
        user.id,
        profile.role,
        'profile.read',
        'user',
        user.id,
        row.member_id,
        null,
        'self_service',
        'success',
        uuidv7(),
        '{}',
      ]);
    }
    await client.query('commit');
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      locale: row.locale,
      timeZone: row.time_zone,
      country: row.country,
      twoFactorEnabled: row.two_factor_enabled,
      memberId: row.member_id,
      version: row.version,
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
});

/** `GET /api/v1/cases?assigned=me&sort=deadline` for a case manager (`listCases` with `recordAudit`). */
app.get('/queue', async (request, reply) => {
  const actor = await actorOf(request.headers.cookie);
  if (!actor) return reply.status(401).send({ code: 'auth.unauthenticated' });
  if (actor.role !== 'case_manager') return reply.status(404).send({ code: 'resource.not_found' });
  // The read, then the audit row, each on its own (no transaction), as `listCases` does.
  const rows = (await pool.query(QUEUE, [actor.userId, QUEUE_LIMIT + 1])).rows as QueueRow[];
  const page = rows.slice(0, QUEUE_LIMIT);
  await pool.query(INSERT_AUDIT, [
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
});

const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

await app.listen({ port, host: '127.0.0.1' });

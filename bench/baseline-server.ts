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
import { INSERT_AUDIT, queuePage } from './support/queue-page.js';

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
/** The session token: the part of the signed cookie value before the signature (no check here). */
function sessionToken(cookieHeader: string | undefined): string | undefined {
  const match = /(?:^|;\s*)consilium\.session_token=([^;]+)/.exec(cookieHeader ?? '');
  if (!match?.[1]) return undefined;
  return decodeURIComponent(match[1]).split('.')[0];
}

/**
 * How long a resolved session is remembered: the real server remembers the actor of a session (its
 * actor cache, `ACTOR_CACHE_TTL_SECONDS`) and sends these statements only when it does not, so the
 * baseline does the same database work. A bare Map: no invalidation, no bound, no digest.
 */
const REMEMBERED_MS = 30_000;
const remembered = new Map<string, { actor: { userId: string; role: string }; until: number }>();

/** The signed-in user and their active profile: Better Auth's two lookups, then ours. */
async function actorOf(cookieHeader: string | undefined) {
  const token = sessionToken(cookieHeader);
  if (!token) return undefined;
  const known = remembered.get(token);
  if (known && known.until > Date.now()) return known.actor;
  const session = (await pool.query(SESSION_BY_TOKEN, [token])).rows[0] as
    { id: string; user_id: string; expires_at: Date } | undefined;
  if (!session || session.expires_at.getTime() < Date.now()) return undefined;
  const user = (await pool.query(USER_BY_ID, [session.user_id])).rows[0] as { id: string } | undefined;
  if (!user) return undefined;
  const profile = (await pool.query(ACTIVE_PROFILE, [user.id])).rows[0] as { role: string } | undefined;
  if (!profile) return undefined;
  const actor = { userId: user.id, role: profile.role };
  remembered.set(token, { actor, until: Math.min(Date.now() + REMEMBERED_MS, session.expires_at.getTime()) });
  return actor;
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
  const actor = await actorOf(request.headers.cookie);
  if (!actor) return reply.status(401).send({ code: 'auth.unauthenticated' });
  const user = { id: actor.userId };
  const profile = { role: actor.role };

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
  return queuePage(pool, actor);
});

const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

await app.listen({ port, host: '127.0.0.1' });

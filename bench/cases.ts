import path from 'node:path';
/**
 * The cases room under load:
 * - `queue`: a case manager's queue (`GET /api/v1/cases?assigned=me&sort=deadline`) with 100,000
 *   cases in the database, against a bare handler running the same SQL;
 * - `submissions`: 1,000 cases submitted at once by 100 members with 20 case managers on shift,
 *   checked afterwards for double assignments and case managers over their maximum.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { openRuntime, type Runtime } from '../src/server/boot.js';
import { loadConfig } from '../src/server/config.js';
import { currentTotpCode, enrolTwoFactor } from '../src/server/demo/seed.js';
import { createStaff, registerMember } from '../src/server/modules/identity/service.js';
import { systemContext } from '../src/server/platform/context.js';
import { createLogger } from '../src/server/platform/logger.js';
import { freePort } from '../src/server/platform/net.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionDatabase } from './support/database.js';
import { measurePair } from './support/load.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { cpuSeconds } from './support/cpu.js';
import { caseRequest, caseRow, INSERT_CASE } from './support/case-row.js';

/** The same pool size for the real server and the baselines (the app's default). */
const POOL_SIZE = 10;
const UNLIMITED = '1000000000';
const PASSWORD = 'bench-password-2026-long';
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function inBatches<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface Environment {
  databaseUrl: string;
  runtime: Runtime;
  secrets: {
    AUTH_SECRET: string;
    DOCUMENT_MASTER_KEY: string;
    /** Production with DATABASE_URL requires the audit trail's signing key and anchor file. */
    AUDIT_SIGNING_KEY: string;
    AUDIT_ANCHOR_FILE: string;
  };
  sql: pg.Client;
}

/** A fresh database, migrated, with a runtime (for the services) and a plain client (for bulk SQL). */
async function prepare(ctx: BenchContext): Promise<Environment> {
  // The app's own logger would write to stdout, which carries figures only.
  const log = createLogger('warn', pino.destination({ dest: 2, sync: true }));
  const databaseUrl = await provisionDatabase(ctx, log);
  const auditFolder = mkdtempSync(path.join(os.tmpdir(), 'consilium-bench-audit-'));
  ctx.defer(() => rmSync(auditFolder, { recursive: true, force: true }));
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString(),
    AUDIT_ANCHOR_FILE: path.join(auditFolder, 'anchors.jsonl'),
  };
  const runtime = await openRuntime(loadConfig(serverSettings(databaseUrl, secrets, 0)), log);
  ctx.defer(() => runtime.close());
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  ctx.defer(() => sql.end());
  return { databaseUrl, runtime, secrets, sql };
}

function serverSettings(
  databaseUrl: string,
  secrets: Environment['secrets'],
  port: number,
  smtpUrl = 'smtp://127.0.0.1:9',
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_MINUTE: UNLIMITED,
    SIGN_IN_ATTEMPTS_PER_MINUTE: UNLIMITED,
    // Production requires a relay. The queue sends no mail (no clock falls due) and points at a
    // closed port; the submissions bench passes a relay that takes every message.
    SMTP_URL: smtpUrl,
    // The API is measured; the web app is not built or served from these runs.
    WEB_BUILD: 'off',
    ...secrets,
  };
}

async function startConsilium(
  ctx: BenchContext,
  env: Environment,
  {
    name = 'consilium server',
    entry = 'src/server/main.ts',
    smtpUrl,
  }: { name?: string; entry?: string; smtpUrl?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess(ctx, {
    name,
    entry,
    port,
    healthPath: '/api/health',
    env: serverSettings(env.databaseUrl, env.secrets, port, smtpUrl),
    nodeOptions: process.env.BENCH_CPU_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE_DIR)}`]
      : [],
  });
}

/** Keeps the cookies a server sets, the way a browser would, and gives the Cookie header back. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = (pair ?? '').indexOf('=');
      if (at > 0) this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Password, then (for staff) the authenticator code; returns the headers of the signed-in session. */
async function signIn(
  server: ServerProcess,
  email: string,
  totpSecret?: string,
): Promise<Record<string, string>> {
  const origin = server.url;
  const jar = new CookieJar();
  const first = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (first.status !== 200) throw new Error(`sign-in of ${email} answered ${first.status}`);
  jar.take(first);
  const body = (await first.json()) as { twoFactorRedirect?: boolean };
  if (body.twoFactorRedirect) {
    if (!totpSecret) throw new Error(`${email} needs a two-factor code`);
    const second = await fetch(`${server.url}/api/auth/two-factor/verify-totp`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', cookie: jar.header() },
      body: JSON.stringify({ code: await currentTotpCode(totpSecret) }),
    });
    if (second.status !== 200) throw new Error(`two-factor of ${email} answered ${second.status}`);
    jar.take(second);
  }
  if (!jar.header().includes('session_token=')) throw new Error(`sign-in of ${email} set no session`);
  return { cookie: jar.header(), origin };
}

/** An insurer and a plan with the second-opinion service, for the bulk-inserted memberships. */
async function givenPlan(sql: pg.Client): Promise<string> {
  const insurer = await sql.query<{ id: string }>(
    `INSERT INTO insurer (id, code, name) VALUES (gen_random_uuid(), 'BENCH', 'Bench Insurance') RETURNING id`,
  );
  const plan = await sql.query<{ id: string }>(
    `INSERT INTO plan_product (id, insurer_id, code, name, kind, services)
     VALUES (gen_random_uuid(), $1, 'BENCH-IND', 'Bench Individual', 'individual', '{second_medical_opinion}')
     RETURNING id`,
    [insurer.rows[0]!.id],
  );
  return plan.rows[0]!.id;
}

/** `count` memberships with one holder each, members numbered BM-<n>-01, born on 1980-01-01. */
async function givenMembers(sql: pg.Client, planId: string, count: number): Promise<string[]> {
  await sql.query(
    `INSERT INTO membership (id, membership_number, plan_product_id, start_date)
     SELECT gen_random_uuid(), 'BM-' || n, $1, date '2020-01-01' FROM generate_series(1, $2::int) AS n`,
    [planId, count],
  );
  const members = await sql.query<{ id: string; member_number: string }>(
    `INSERT INTO member (id, membership_id, member_number, relationship, given_name, family_name,
                         date_of_birth, country, preferred_language)
     SELECT gen_random_uuid(), ms.id, ms.membership_number || '-01', 'holder',
            'Given' || substr(ms.membership_number, 4), 'Family', date '1980-01-01', 'ES', 'es'
     FROM membership ms WHERE ms.membership_number LIKE 'BM-%'
     RETURNING id, member_number`,
  );
  // In register order: the member of BM-<n> is at index n - 1.
  const number = (row: { member_number: string }) => Number.parseInt(row.member_number.split('-')[1]!, 10);
  return members.rows.sort((a, b) => number(a) - number(b)).map((row) => row.id);
}

/** Case managers written straight into the identity tables (nobody signs in as them). */
async function givenCaseManagers(
  sql: pg.Client,
  count: number,
  profile: (n: number) => { languages: string[]; timeZone: string; maxOpenCases: number },
): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n += 1) {
    const id = uuidv7();
    const { languages, timeZone, maxOpenCases } = profile(n);
    await sql.query(
      `INSERT INTO "user" (id, name, email, email_verified, two_factor_enabled)
       VALUES ($1, $2, $3, true, true)`,
      [id, `Case Manager ${n}`, `cm${n}.${id.slice(-8)}@bench.test`],
    );
    await sql.query(
      `INSERT INTO user_profile (user_id, role, locale, time_zone) VALUES ($1, 'case_manager', 'en', $2)`,
      [id, timeZone],
    );
    await sql.query(
      `INSERT INTO staff_profile (user_id, languages, weekly_shifts, max_open_cases) VALUES ($1, $2, $3, $4)`,
      [id, languages, JSON.stringify(allWeek), maxOpenCases],
    );
    ids.push(id);
  }
  return ids;
}

const languageSets = [['es', 'en'], ['en'], ['fr', 'en'], ['de', 'en'], ['ar', 'fr', 'en'], ['pt', 'es']];
const timeZones = ['Europe/Madrid', 'Europe/London', 'Europe/Paris', 'Asia/Dubai', 'America/Toronto'];

// ---------------------------------------------------------------------------------------------
// queue

const QUEUE_CASES = 100_000;
const QUEUE_MEMBERS = 20_000;
const QUEUE_MANAGERS = 40;
const QUEUE_CONNECTIONS = 100;
/** Connections for the paced (open-loop) measurement: see where it is used. */
const PACED_CONNECTIONS = 10;
const QUEUE_PATH = '/api/v1/cases?assigned=me&sort=deadline';

/**
 * 100,000 cases of every status over two years, spread over 40 case managers and 20,000 members.
 * Open cases are from the last 30 days, closed and withdrawn ones from the last two years; 2 %
 * wait unassigned. The first contact is due 24 hours after submission.
 */
async function givenCaseHistory(sql: pg.Client, memberIds: string[], managerIds: string[]): Promise<void> {
  await sql.query(
    'CREATE TEMP TABLE bench_member AS SELECT * FROM unnest($1::uuid[]) WITH ORDINALITY AS m(id, n)',
    [memberIds],
  );
  await sql.query(
    `WITH requester AS (
       SELECT m.n, m.id AS member_id, p.user_id
       FROM bench_member m JOIN user_profile p ON p.member_id = m.id
     ), picked AS (
       SELECT c, abs(hashint4(c)::bigint) % 100 AS bucket, 1 + abs(hashint4(-c)::bigint) % $2::int AS who,
              1 + abs(hashint4(c + 1000000)::bigint) % $3::int AS manager
       FROM generate_series(1, $1::int) AS c
     ), shaped AS (
       SELECT c, who, manager,
              CASE WHEN bucket < 2 THEN 'submitted' WHEN bucket < 8 THEN 'assigned'
                   WHEN bucket < 15 THEN 'contacted' WHEN bucket < 22 THEN 'gathering_information'
                   WHEN bucket < 27 THEN 'under_review' WHEN bucket < 31 THEN 'opinion_ready'
                   WHEN bucket < 36 THEN 'recommendations_delivered' WHEN bucket < 44 THEN 'monitoring'
                   WHEN bucket < 95 THEN 'closed' ELSE 'withdrawn' END::case_status AS status,
              now() - (CASE WHEN bucket < 44 THEN c % 30 ELSE c % 730 END) * interval '1 day'
                    - (c % 1440) * interval '1 minute' AS submitted
       FROM picked
     )
     INSERT INTO opinion_case (id, number, status, version, member_id, requested_by_user_id, concern,
       diagnosis_received, questions, preferred_language, contact_channel, time_zone, location_country,
       location_city, case_manager_user_id, interpreter_needed, submitted_at, first_contact_due_at,
       first_contacted_at, closed_at, withdrawn_at, created_at, updated_at)
     SELECT gen_random_uuid(), 'SMO-BENCH-' || lpad(c::text, 6, '0'), status, 3, r.member_id, r.user_id,
       'I was told I need surgery and I am frightened.', 'Lumbar disc herniation L4-L5',
       ARRAY['Is surgery really needed?', 'What are the alternatives?'],
       (ARRAY['es', 'en', 'fr', 'de', 'ar', 'pt-BR'])[1 + c % 6], 'phone', 'Europe/Madrid', 'ES', 'Valencia',
       CASE WHEN status = 'submitted' THEN NULL ELSE ($4::uuid[])[manager] END, c % 11 = 0,
       submitted, submitted + interval '24 hours',
       CASE WHEN status IN ('submitted', 'assigned') THEN NULL ELSE submitted + (c % 20) * interval '1 hour' END,
       CASE WHEN status = 'closed' THEN submitted + interval '20 days' END,
       CASE WHEN status = 'withdrawn' THEN submitted + interval '2 days' END,
       submitted, submitted
     FROM shaped JOIN requester r ON r.n = shaped.who`,
    [QUEUE_CASES, memberIds.length, managerIds.length, managerIds],
  );
  await sql.query(
    `INSERT INTO case_manager_load (user_id, open_cases)
     SELECT case_manager_user_id, count(*) FILTER (WHERE status NOT IN ('closed', 'withdrawn'))
     FROM opinion_case WHERE case_manager_user_id IS NOT NULL GROUP BY case_manager_user_id
     ON CONFLICT (user_id) DO UPDATE SET open_cases = excluded.open_cases`,
  );
  await sql.query(`SELECT setval('case_number_seq', $1)`, [QUEUE_CASES]);
  await sql.query('ANALYZE');
}

/** Member accounts (user and profile rows) for every member, so that each case has its requester. */
async function givenMemberAccounts(sql: pg.Client): Promise<void> {
  await sql.query(
    `WITH people AS (SELECT m.id AS member_id, gen_random_uuid() AS user_id, m.member_number FROM member m)
     , users AS (
       INSERT INTO "user" (id, name, email, email_verified)
       SELECT user_id, 'Member ' || member_number, lower(member_number) || '@members.bench.test', true FROM people
       RETURNING id
     )
     INSERT INTO user_profile (user_id, role, member_id, locale, time_zone)
     SELECT user_id, 'member', member_id, 'es', 'Europe/Madrid' FROM people`,
  );
}

async function runQueue(ctx: BenchContext): Promise<void> {
  const env = await prepare(ctx);
  const seeding = performance.now();
  const staffCtx = systemContext(env.runtime, 'bench');
  const email = 'queue.manager@bench.test';
  const { userId: managerId } = await createStaff(
    staffCtx,
    env.runtime.auth,
    {
      email,
      name: 'Queue Manager',
      role: 'case_manager',
      locale: 'en',
      timeZone: 'Europe/Madrid',
      languages: ['es', 'en'],
      weeklyShifts: allWeek,
      maxOpenCases: 5000,
    },
    { password: PASSWORD },
  );
  const totpSecret = await enrolTwoFactor(env.runtime.auth, email, PASSWORD);
  const others = await givenCaseManagers(env.sql, QUEUE_MANAGERS - 1, (n) => ({
    languages: languageSets[n % languageSets.length]!,
    timeZone: timeZones[n % timeZones.length]!,
    maxOpenCases: 5000,
  }));
  const planId = await givenPlan(env.sql);
  const memberIds = await givenMembers(env.sql, planId, QUEUE_MEMBERS);
  await givenMemberAccounts(env.sql);
  await givenCaseHistory(env.sql, memberIds, [managerId, ...others]);
  const queueSize = (
    await env.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM opinion_case WHERE case_manager_user_id = $1',
      [managerId],
    )
  ).rows[0]!.n;
  ctx.progress(
    `${QUEUE_CASES} cases, ${QUEUE_MEMBERS} members, ${QUEUE_MANAGERS} case managers inserted in ` +
      `${Math.round(performance.now() - seeding)} ms; the signed-in case manager holds ${queueSize}`,
  );

  const real = await startConsilium(ctx, env);
  const baselinePort = await freePort();
  const baseline = await startServerProcess(ctx, {
    name: 'baseline server',
    entry: 'bench/baseline-server.ts',
    port: baselinePort,
    healthPath: '/health',
    env: { PORT: String(baselinePort), DATABASE_URL: env.databaseUrl, DATABASE_POOL_SIZE: String(POOL_SIZE) },
  });
  ctx.progress(`servers running: consilium pid ${real.pid} at ${real.url}, baseline pid ${baseline.pid}`);

  const headers = await signIn(real, email, totpSecret);
  const targets = {
    real: { label: 'GET queue', url: `${real.url}${QUEUE_PATH}`, headers, pid: real.pid },
    baseline: { label: 'baseline /queue', url: `${baseline.url}/queue`, headers, pid: baseline.pid },
  };
  const [realPage, baselinePage] = await Promise.all(
    [targets.real, targets.baseline].map(async (target) => {
      const response = await fetch(target.url, { headers });
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(`${target.label} answered ${response.status}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as { items: { id: string }[]; nextCursor: string | null };
    }),
  );
  const ids = (page: typeof realPage) => page!.items.map((item) => item.id).join(',');
  if (realPage!.items.length !== 50 || ids(realPage) !== ids(baselinePage) || !realPage!.nextCursor)
    throw new Error('the baseline /queue did not answer the same first page as the real queue');

  ctx.progress(
    `load: ${QUEUE_CONNECTIONS} connections, ${ctx.warmupSeconds} s warm-up, then ${ctx.durationSeconds} s per target in alternating rounds`,
  );
  const measured = await measurePair(ctx, targets, QUEUE_CONNECTIONS);
  const ratio = measured.baseline.requestsPerSecond
    ? measured.real.requestsPerSecond / measured.baseline.requestsPerSecond
    : 0;
  ctx.report({
    metric: 'queue.requests_per_second',
    value: round(measured.real.requestsPerSecond, 1),
    unit: 'req/s',
    baseline: round(measured.baseline.requestsPerSecond, 1),
    target: 'ratio >= 0.7',
    met: ratio >= 0.7,
  });
  ctx.report({
    metric: 'queue.latency_p50',
    value: measured.real.latencyP50,
    unit: 'ms',
    baseline: measured.baseline.latencyP50,
  });
  ctx.report({
    metric: 'queue.latency_p99',
    value: measured.real.latencyP99,
    unit: 'ms',
    baseline: measured.baseline.latencyP99,
    target: 'value < 25',
    met: measured.real.latencyP99 < 25,
  });
  ctx.report({
    metric: 'queue.server_cpu_per_request',
    value: round(measured.real.serverCpuMsPerRequest ?? 0, 2),
    unit: 'ms',
    baseline: round(measured.baseline.serverCpuMsPerRequest ?? 0, 2),
  });
  ctx.report({
    metric: 'queue.postgres_cpu_per_request',
    value: round(measured.real.postgresCpuMsPerRequest, 2),
    unit: 'ms',
    baseline: round(measured.baseline.postgresCpuMsPerRequest, 2),
  });
  ctx.report({
    metric: 'queue.errors',
    value: measured.real.errors,
    unit: 'requests',
    baseline: measured.baseline.errors,
  });
  // The stack floor: the same server with a route that answers the queue with the baseline's bare
  // SQL, after every plugin and hook a real call goes through (Better Auth's session lookup
  // included). How fast the cases room could be if its own code cost nothing.
  const floor = await startConsilium(ctx, env, {
    name: 'stack-floor server',
    entry: 'bench/stack-floor-server.ts',
  });
  ctx.progress(`stack floor: the real server with a bare-SQL queue route, pid ${floor.pid}`);
  const floorMeasured = await measurePair(
    ctx,
    {
      real: { label: 'stack-floor queue', url: `${floor.url}/api/v1/floor/queue`, headers, pid: floor.pid },
      baseline: targets.baseline,
    },
    QUEUE_CONNECTIONS,
  );
  await floor.stop();
  ctx.report({
    metric: 'queue.stack_floor_requests_per_second',
    value: round(floorMeasured.real.requestsPerSecond, 1),
    unit: 'req/s',
    baseline: round(floorMeasured.baseline.requestsPerSecond, 1),
  });
  ctx.report({
    metric: 'queue.stack_floor_server_cpu_per_request',
    value: round(floorMeasured.real.serverCpuMsPerRequest ?? 0, 2),
    unit: 'ms',
    baseline: round(floorMeasured.baseline.serverCpuMsPerRequest ?? 0, 2),
  });
  // The p99 above is mostly the wait in a saturated queue (100 clients that each send again as soon
  // as they are answered). The same pages at half the server's pace, offered at a fixed rate to
  // both sides, show the latency of a page itself. autocannon paces each connection on its own
  // timer, so N connections send in bursts of N: ten connections keep the bursts small.
  const fixedRate = Math.max(1, Math.floor(measured.real.requestsPerSecond / 2));
  ctx.progress(`open loop: ${fixedRate} requests a second offered to each side`);
  const paced = await measurePair(ctx, targets, PACED_CONNECTIONS, { requestsPerSecond: fixedRate });
  ctx.report({
    metric: 'queue.latency_p99_at_half_rate',
    value: paced.real.latencyP99,
    unit: 'ms',
    baseline: paced.baseline.latencyP99,
  });
  ctx.progress(
    `targets: ratio ${ratio.toFixed(3)} (>= 0.7: ${ratio >= 0.7 ? 'met' : 'missed'}), ` +
      `p99 ${measured.real.latencyP99} ms (< 25 ms: ${measured.real.latencyP99 < 25 ? 'met' : 'missed'})`,
  );
  const failed = [
    ...(measured.real.errors > 0 ? [`${measured.real.errors} failed requests on the server`] : []),
    ...(measured.baseline.errors > 0 ? [`${measured.baseline.errors} failed requests on the baseline`] : []),
    ...(floorMeasured.real.errors > 0
      ? [`${floorMeasured.real.errors} failed requests on the stack floor`]
      : []),
    ...(paced.real.errors + paced.baseline.errors > 0
      ? [`${paced.real.errors + paced.baseline.errors} failed requests at the fixed rate`]
      : []),
  ];
  if (failed.length > 0) throw new BenchFailure(`not every request succeeded: ${failed.join('; ')}`);
}

export const queueBench: Bench = {
  name: 'queue',
  description:
    "A case manager's queue (GET /api/v1/cases?assigned=me&sort=deadline) over 100,000 cases, 100 connections, against a bare handler running the same SQL",
  run: runQueue,
};

// ---------------------------------------------------------------------------------------------
// submissions

const SUBMITTING_MEMBERS = 100;
const SUBMISSIONS_EACH = 10;
const SUBMISSION_MANAGERS = 20;
/** Unmeasured submissions first (JIT, pools), one each from the first members. */
const WARMUP_SUBMISSIONS = 20;
/** Exactly one place for every case submitted: the last ones only find room if no place leaks. */
const PLACES_EACH = (SUBMITTING_MEMBERS * SUBMISSIONS_EACH + WARMUP_SUBMISSIONS) / SUBMISSION_MANAGERS;

/**
 * The baseline: the same case rows, one single-row INSERT each (autocommit), all issued at once
 * through a plain `pg` pool of the server's size. Returns the wall time; the rows are removed after.
 */
async function insertCasesDirectly(
  databaseUrl: string,
  members: { memberId: string; userId: string }[],
): Promise<{ totalMs: number; errors: number }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  try {
    await Promise.all(Array.from({ length: POOL_SIZE }, () => pool.query('SELECT 1')));
    const rows = members.flatMap((member, m) =>
      Array.from({ length: SUBMISSIONS_EACH }, (_, index) =>
        caseRow(caseRequest(m, index), member, `BASELINE-${m}-${index}`),
      ),
    );
    const started = performance.now();
    const outcomes = await Promise.allSettled(rows.map((row) => pool.query(INSERT_CASE, row)));
    const totalMs = performance.now() - started;
    await pool.query(`DELETE FROM opinion_case WHERE number LIKE 'BASELINE-%'`);
    return { totalMs, errors: outcomes.filter((outcome) => outcome.status === 'rejected').length };
  } finally {
    await pool.end();
  }
}

/**
 * An SMTP relay that takes every message and only counts it (`bench/counting-relay.ts`, in a
 * process of its own), so that the e-mails a submission queues are really sent, over the server's
 * pooled connection, and not retried against a closed port.
 */
async function startCountingRelay(ctx: BenchContext): Promise<{ url: string; received(): Promise<number> }> {
  const port = await freePort();
  const smtpPort = await freePort();
  const relay = await startServerProcess(ctx, {
    name: 'SMTP relay',
    entry: 'bench/counting-relay.ts',
    port,
    healthPath: '/health',
    env: { PORT: String(port), SMTP_PORT: String(smtpPort) },
  });
  return {
    url: `smtp://127.0.0.1:${smtpPort}`,
    received: async () => {
      const response = await fetch(`${relay.url}/received`);
      return ((await response.json()) as { received: number }).received;
    },
  };
}

async function runSubmissions(ctx: BenchContext): Promise<void> {
  const env = await prepare(ctx);
  const seeding = performance.now();
  const planId = await givenPlan(env.sql);
  const memberIds = await givenMembers(env.sql, planId, SUBMITTING_MEMBERS);
  const registration = systemContext(env.runtime, 'bench');
  const members = await inBatches(memberIds, 4, async (memberId) => {
    const n = memberIds.indexOf(memberId) + 1;
    const email = `member${n}@members.bench.test`;
    const { userId } = await registerMember(registration, env.runtime.auth, {
      membershipNumber: `BM-${n}-01`,
      dateOfBirth: '1980-01-01',
      email,
      password: PASSWORD,
      locale: 'es',
      timeZone: 'Europe/Madrid',
    });
    return { memberId, userId, email };
  });
  const managerIds = await givenCaseManagers(env.sql, SUBMISSION_MANAGERS, (n) => ({
    languages: languageSets[n % languageSets.length]!,
    timeZone: timeZones[n % timeZones.length]!,
    maxOpenCases: PLACES_EACH,
  }));
  await env.sql.query('ANALYZE');
  ctx.progress(
    `${SUBMITTING_MEMBERS} members registered and ${managerIds.length} case managers on shift ` +
      `(${PLACES_EACH} places each) in ${Math.round(performance.now() - seeding)} ms`,
  );

  const relay = await startCountingRelay(ctx);
  const server = await startConsilium(ctx, env, { smtpUrl: relay.url });
  ctx.progress(`consilium pid ${server.pid} at ${server.url}`);
  const sessions = await inBatches(members, 8, (member) => signIn(server, member.email));
  const submit = async (
    headers: Record<string, string>,
    body: unknown,
    url = `${server.url}/api/v1/cases`,
  ) => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return response.status === 201
        ? { ok: true as const, id: (JSON.parse(text) as { id: string }).id }
        : { ok: false as const, problem: `${response.status} ${text.slice(0, 200)}` };
    } catch (error) {
      return { ok: false as const, problem: error instanceof Error ? error.message : String(error) };
    }
  };

  const warmup = await inBatches(
    Array.from({ length: WARMUP_SUBMISSIONS }, (_, n) => n),
    4,
    (n) => submit(sessions[n % sessions.length]!, caseRequest(n, 99)),
  );
  const warmupFailed = warmup.filter((outcome) => !outcome.ok);
  if (warmupFailed.length > 0)
    throw new Error(`warm-up submissions failed: ${warmupFailed.map((o) => !o.ok && o.problem).join('; ')}`);

  const baseline = await insertCasesDirectly(env.databaseUrl, members);
  ctx.progress(
    `baseline: ${members.length * SUBMISSIONS_EACH} single-row INSERTs in ${Math.round(baseline.totalMs)} ms`,
  );

  // What the database connections wait on during the burst, sampled, for the progress lines.
  const waits = new Map<string, number>();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { rows } = await env.sql.query<{ wait: string; n: number }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'running') AS wait, count(*)::int AS n
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND state = 'active' GROUP BY 1`,
      );
      for (const row of rows) waits.set(row.wait, (waits.get(row.wait) ?? 0) + row.n);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const mailedBefore = await relay.received();
  const cpuBefore = cpuSeconds(server.pid);
  const started = performance.now();
  const outcomes = await Promise.all(
    sessions.flatMap((headers, m) =>
      Array.from({ length: SUBMISSIONS_EACH }, (_, index) => submit(headers, caseRequest(m, index))),
    ),
  );
  const totalMs = performance.now() - started;
  const serverCpu = cpuSeconds(server.pid) - cpuBefore;
  const mailedDuringBurst = (await relay.received()) - mailedBefore;
  sampling = false;
  await sampler;
  const sampled = [...waits].sort((a, b) => b[1] - a[1]).map(([wait, n]) => `${wait} ${n}`);
  ctx.progress(
    `server CPU during the burst: ${serverCpu.toFixed(1)} s (${((serverCpu * 1000) / outcomes.length).toFixed(1)} ms a submission); ` +
      `active connections sampled by wait: ${sampled.join(', ')}`,
  );
  const created = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.id] : []));
  const problems = outcomes.flatMap((outcome) => (outcome.ok ? [] : [outcome.problem]));
  ctx.progress(
    `${outcomes.length} submissions answered in ${Math.round(totalMs)} ms, ${problems.length} failed`,
  );
  for (const problem of [...new Set(problems)].slice(0, 5)) ctx.progress(`  failure: ${problem}`);
  ctx.progress(
    `e-mails: ${mailedDuringBurst} reached the relay during the burst (two a submission are queued: ` +
      `the member's and the case manager's), sent by the dispatcher beside the requests`,
  );

  const {
    rows: [assigned],
  } = await env.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM opinion_case
     WHERE id = ANY($1::uuid[]) AND status = 'assigned' AND case_manager_user_id IS NOT NULL`,
    [created],
  );
  const {
    rows: [twice],
  } = await env.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT case_id FROM case_event WHERE type = 'assign' GROUP BY case_id HAVING count(*) > 1) AS t`,
  );
  // Every case (warm-up included) against each case manager's maximum and their load counter.
  const { rows: managers } = await env.sql.query<{ held: number; counted: number; maximum: number }>(
    `SELECT count(c.id)::int AS held, coalesce(l.open_cases, 0) AS counted, s.max_open_cases AS maximum
     FROM staff_profile s
     LEFT JOIN opinion_case c ON c.case_manager_user_id = s.user_id AND c.status NOT IN ('closed', 'withdrawn')
     LEFT JOIN case_manager_load l ON l.user_id = s.user_id
     GROUP BY s.user_id, l.open_cases, s.max_open_cases`,
  );
  const overMaximum = managers.reduce(
    (sum, row) => sum + Math.max(0, row.held - row.maximum) + Math.max(0, row.counted - row.maximum),
    0,
  );
  const loadMismatches = managers.filter((row) => row.held !== row.counted).length;
  const doubleAssignments = twice!.n + overMaximum;
  ctx.progress(
    `checks: ${twice!.n} cases assigned twice, ${overMaximum} places over a maximum, ` +
      `${loadMismatches} load counters that disagree with the cases held; ` +
      `cases held per manager: ${managers.map((row) => row.held).join(' ')}`,
  );

  // The stack floor: the same 1,000 requests to the real server's platform with a route that only
  // inserts the case row (the baseline's statement): what authentication, parsing and the plugins
  // cost a submission before the cases room does anything.
  const floor = await startConsilium(ctx, env, {
    name: 'stack-floor server',
    entry: 'bench/stack-floor-server.ts',
    smtpUrl: relay.url,
  });
  const floorUrl = `${floor.url}/api/v1/floor/cases`;
  await inBatches(
    Array.from({ length: WARMUP_SUBMISSIONS }, (_, n) => n),
    4,
    (n) => submit(sessions[n % sessions.length]!, caseRequest(n, 99), floorUrl),
  );
  const floorCpuBefore = cpuSeconds(floor.pid);
  const floorStarted = performance.now();
  const floorOutcomes = await Promise.all(
    sessions.flatMap((headers, m) =>
      Array.from({ length: SUBMISSIONS_EACH }, (_, index) =>
        submit(headers, caseRequest(m, index), floorUrl),
      ),
    ),
  );
  const floorMs = performance.now() - floorStarted;
  const floorCpu = cpuSeconds(floor.pid) - floorCpuBefore;
  const floorErrors = floorOutcomes.filter((outcome) => !outcome.ok).length;
  await floor.stop();
  await env.sql.query(`DELETE FROM opinion_case WHERE number LIKE 'FLOOR-%'`);
  ctx.progress(
    `stack floor: ${floorOutcomes.length} row-only submissions through the real platform in ${Math.round(floorMs)} ms, ${floorErrors} failed; ` +
      `server CPU ${((floorCpu * 1000) / floorOutcomes.length).toFixed(1)} ms a submission`,
  );

  ctx.report({
    metric: 'submissions.total_ms',
    value: Math.round(totalMs),
    unit: 'ms',
    baseline: Math.round(baseline.totalMs),
  });
  ctx.report({ metric: 'submissions.assigned', value: assigned!.n, unit: 'cases', baseline: null });
  ctx.report({
    metric: 'submissions.double_assignments',
    value: doubleAssignments,
    unit: 'cases',
    baseline: null,
  });
  ctx.report({
    metric: 'submissions.load_mismatches',
    value: loadMismatches,
    unit: 'case managers',
    baseline: null,
  });
  ctx.report({
    metric: 'submissions.errors',
    value: problems.length,
    unit: 'requests',
    baseline: baseline.errors,
  });
  ctx.report({
    metric: 'submissions.stack_floor_total_ms',
    value: Math.round(floorMs),
    unit: 'ms',
    baseline: Math.round(baseline.totalMs),
  });

  const failed = [
    ...(problems.length > 0 ? [`${problems.length} submissions failed`] : []),
    ...(baseline.errors > 0 ? [`${baseline.errors} baseline inserts failed`] : []),
    ...(floorErrors > 0 ? [`${floorErrors} stack-floor submissions failed`] : []),
    ...(doubleAssignments > 0 ? [`${doubleAssignments} double assignments`] : []),
    ...(loadMismatches > 0 ? [`${loadMismatches} load counters out of step`] : []),
  ];
  if (failed.length > 0) throw new BenchFailure(failed.join('; '));
}

export const submissionsBench: Bench = {
  name: 'submissions',
  description:
    '1,000 case submissions at once (100 members x 10) with 20 case managers on shift: wall time against single-row INSERTs, double assignments',
  run: runSubmissions,
};

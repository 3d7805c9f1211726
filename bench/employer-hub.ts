/**
 * The employer's hub (`npm run bench employer-hub`), for a company of 20,000 people in 52
 * countries on 2 plans, with 4,000 second-opinion requests and 1,500 ratings in its last published
 * quarter (and 20,000 people of other companies beside it):
 * - a quarter's figures by country (`getHubFigures`: the register, the requests, the ratings, the
 *   suppression of every family of tables and the audited read) against one bare SQL query that
 *   counts the same requests by month and country (no suppression, no audit, no ORM);
 * - the suppression alone, for the same families, in this process.
 * Each figure is the median of timed runs after unmeasured ones, in this process, on one database.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Runtime } from '../src/server/boot.js';
import { getHubFigures } from '../src/server/modules/employers/service.js';
import { publishedQuarters } from '../src/server/modules/employers/quarters.js';
import type { RequestContext } from '../src/server/platform/context.js';
import { createLogger } from '../src/server/platform/logger.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionRuntime } from './support/database.js';

const PEOPLE = Number(process.env.BENCH_EMPLOYEES ?? 20_000);
const REQUESTS = Math.round(PEOPLE / 5);
const RATINGS = Math.round(REQUESTS * 0.375);
const WARMUP = 5;
const RUNS = 40;

const median = (values: number[]) => {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const round = (value: number) => Math.round(value * 1000) / 1000;

async function timed(run: () => Promise<unknown>): Promise<number> {
  for (let index = 0; index < WARMUP; index += 1) await run();
  const times: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Two companies' people, the requests and ratings of one of them in a quarter, written in bulk by SQL. */
async function seed(runtime: Runtime, ctx: BenchContext, quarterStart: Date) {
  const started = performance.now();
  const ids = {
    insurer: uuidv7(),
    plans: [uuidv7(), uuidv7()],
    company: uuidv7(),
    other: uuidv7(),
    user: uuidv7(),
  };
  const client = await runtime.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO insurer (id, code, name) VALUES ($1, 'BENCH', 'Bench Insurance')`, [
      ids.insurer,
    ]);
    for (const [index, id] of ids.plans.entries())
      await client.query(
        `INSERT INTO plan_product (id, insurer_id, code, name, kind, services)
           VALUES ($1, $2, $3, $3, 'company', '{second_medical_opinion}')`,
        [id, ids.insurer, `BENCH-${index}`],
      );
    for (const [code, id] of [
      ['BENCH-CO', ids.company],
      ['OTHER-CO', ids.other],
    ] as const)
      await client.query(`INSERT INTO employer (id, code, name, country) VALUES ($1, $2, $2, 'ES')`, [
        id,
        code,
      ]);
    await client.query(
      `INSERT INTO "user" (id, name, email, email_verified) VALUES ($1, 'Requester', 'r@bench.test', true)`,
      [ids.user],
    );
    await client.query(`INSERT INTO user_profile (user_id, role) VALUES ($1, 'member')`, [ids.user]);
    await client.query(
      `CREATE TEMP TABLE people ON COMMIT DROP AS
         SELECT i, gen_random_uuid() AS membership_id, gen_random_uuid() AS member_id,
                gen_random_uuid() AS case_id
         FROM generate_series(1, $1) AS i`,
      [PEOPLE * 2],
    );
    await client.query(
      `INSERT INTO membership (id, membership_number, plan_product_id, employer_id, start_date)
         SELECT membership_id, 'E-' || i, (ARRAY[$1::uuid, $2::uuid])[1 + i % 2],
                CASE WHEN i <= $4 THEN $3::uuid ELSE $5::uuid END, '2020-01-01' FROM people`,
      [ids.plans[0], ids.plans[1], ids.company, PEOPLE, ids.other],
    );
    await client.query(
      `INSERT INTO member (id, membership_id, member_number, relationship, given_name, family_name,
                           date_of_birth, country, preferred_language)
         SELECT member_id, membership_id, 'E-' || i || '-01', 'holder', 'Employee', 'Bench' || i,
                make_date(1950 + i % 50, 1 + i % 12, 1 + i % 28),
                'C' || chr(65 + (i * 7) % 30 / 26) || chr(65 + (i * 7) % 26), 'en' FROM people`,
    );
    // Requests spread over the quarter's 90 days, contacted in time but every 12th.
    await client.query(
      `INSERT INTO opinion_case (id, number, status, member_id, requested_by_user_id, concern, questions,
                                 preferred_language, contact_channel, time_zone, location_country,
                                 location_city, submitted_at, first_contact_due_at, first_contacted_at)
         SELECT case_id, 'SMO-B-' || i, 'closed', member_id, $1, 'Bench concern', ARRAY['Q'], 'en', 'phone',
                'UTC', 'ES', 'Madrid', $2::timestamptz + (i % 85 || ' days')::interval,
                $2::timestamptz + (i % 85 + 1 || ' days')::interval,
                $2::timestamptz + (i % 85 || ' days')::interval
                  + CASE WHEN i % 12 = 0 THEN interval '30 hours' ELSE interval '3 hours' END
         FROM people WHERE i <= $3 OR (i > $4 AND i <= $4 + $3)`,
      [ids.user, quarterStart, REQUESTS, PEOPLE],
    );
    await client.query(
      `INSERT INTO service_review (id, case_id, member_id, author_user_id, stars, title, text, language,
                                   status, created_at, updated_at)
         SELECT gen_random_uuid(), case_id, member_id, $1, 1 + (i * 7) % 5, 'T', 'W', 'en', 'published',
                $2::timestamptz + (i % 85 + 2 || ' days')::interval,
                $2::timestamptz + (i % 85 + 2 || ' days')::interval
         FROM people WHERE i <= $3`,
      [ids.user, quarterStart, RATINGS],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  await runtime.db.execute(sql`ANALYZE`);
  ctx.progress(
    `${PEOPLE * 2} people, ${REQUESTS * 2} requests, ${RATINGS} ratings written in ${Math.round(performance.now() - started)} ms`,
  );
  return ids;
}

export const employerHubBench: Bench = {
  name: 'employer-hub',
  description:
    "a quarter of a 20,000-person company's hub by country, against bare SQL counting the same requests",
  async run(ctx) {
    const runtime = await provisionRuntime(ctx, createLogger('warn'));
    const quarter = publishedQuarters(runtime.clock.now(), new Date(0))[0]!;
    const ids = await seed(runtime, ctx, quarter.start);
    const requestContext: RequestContext = {
      requestId: 'bench',
      actor: {
        userId: ids.user,
        role: 'ops',
        name: 'Bench',
        memberId: null,
        employerId: null,
        timeZone: 'UTC',
        twoFactorEnabled: true,
        sessionId: 'bench',
      },
      clock: runtime.clock,
      db: runtime.db,
      log: runtime.log,
    };
    const hub = () =>
      getHubFigures(requestContext, ids.company, { quarter: quarter.label, breakdown: 'country' });
    const figures = await hub();
    const counted = figures.uptake.total.total;
    if (counted.kind !== 'count' || counted.value !== REQUESTS)
      throw new BenchFailure(`the hub counted ${JSON.stringify(counted)} requests, expected ${REQUESTS}`);
    if (figures.eligibleMembers.total.kind !== 'count' || figures.eligibleMembers.total.value !== PEOPLE)
      throw new BenchFailure(`the hub counted ${JSON.stringify(figures.eligibleMembers.total)} people`);

    const bare = () =>
      runtime.pool.query(
        `SELECT date_trunc('month', c.submitted_at) AS month, m.country, count(*)::int AS n
           FROM opinion_case c JOIN member m ON m.id = c.member_id JOIN membership s ON s.id = m.membership_id
          WHERE s.employer_id = $1 AND c.submitted_at >= $2 AND c.submitted_at < $3
          GROUP BY 1, 2`,
        [ids.company, quarter.start, quarter.end],
      );
    const value = await timed(hub);
    const base = await timed(bare);
    ctx.progress(`hub.figures_by_country_ms: ${value.toFixed(2)} ms against ${base.toFixed(2)} ms bare`);
    ctx.report({
      metric: 'hub.figures_by_country_ms',
      value: round(value),
      unit: 'ms',
      baseline: round(base),
    });
    ctx.report({ metric: 'hub.groups', value: figures.groups.length, unit: 'countries', baseline: null });
    ctx.report({ metric: 'hub.people', value: PEOPLE, unit: 'people', baseline: null });
  },
};

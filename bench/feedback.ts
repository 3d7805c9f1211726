/**
 * The service rating (`npm run bench feedback`), at 50,000 reviews written by 50,000 members (2 %
 * of them test accounts, a few reviews with staff authors), a third of them published:
 * - the rating of the whole service (`serviceRatingOf`, the integrity rule applied) against a bare
 *   `GROUP BY stars` of the same table (no rule, no ORM);
 * - the rating of one plan product (cases joined to their memberships) against the same bare query
 *   filtered by the same join;
 * - the public page's first page of published reviews against a bare `ORDER BY ... LIMIT`.
 * Each figure is the median of timed runs after unmeasured ones, in this process, on one database.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Runtime } from '../src/server/boot.js';
import { serviceRatingOf } from '../src/server/modules/feedback/index.js';
import { publishedReviews } from '../src/server/modules/feedback/service.js';
import { createLogger } from '../src/server/platform/logger.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionRuntime } from './support/database.js';

const REVIEWS = Number(process.env.BENCH_REVIEWS ?? 50_000);
const WARMUP = 20;
const RUNS = 200;

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

/** Members, their accounts, a delivered case each and its review, written in bulk by SQL. */
async function seed(runtime: Runtime, ctx: BenchContext): Promise<{ planProductId: string }> {
  const started = performance.now();
  const insurerId = uuidv7();
  const plans = [uuidv7(), uuidv7()];
  await runtime.pool.query(`INSERT INTO insurer (id, code, name) VALUES ($1, 'BENCH', 'Bench Insurance')`, [
    insurerId,
  ]);
  for (const [index, id] of plans.entries())
    await runtime.pool.query(
      `INSERT INTO plan_product (id, insurer_id, code, name, kind) VALUES ($1, $2, $3, $3, 'individual')`,
      [id, insurerId, `BENCH-${index}`],
    );
  // One connection for the temporary table: everything below runs in one transaction.
  const client = await runtime.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE people ON COMMIT DROP AS
         SELECT i, gen_random_uuid() AS membership_id, gen_random_uuid() AS member_id,
                gen_random_uuid() AS user_id, gen_random_uuid() AS case_id
         FROM generate_series(1, $1) AS i`,
      [REVIEWS],
    );
    await client.query(
      `INSERT INTO membership (id, membership_number, plan_product_id, start_date)
         SELECT membership_id, 'B-' || i, (ARRAY[$1::uuid, $2::uuid])[1 + i % 2], '2024-01-01' FROM people`,
      plans,
    );
    await client.query(
      `INSERT INTO member (id, membership_id, member_number, relationship, given_name, family_name,
                           date_of_birth, country, preferred_language)
         SELECT member_id, membership_id, 'B-' || i || '-01', 'holder', 'Member', 'Bench' || i,
                '1980-01-01', 'ES', 'es' FROM people`,
    );
    await client.query(
      `INSERT INTO "user" (id, name, email, email_verified)
         SELECT user_id, 'Member ' || i, 'member' || i || '@bench.test', true FROM people`,
    );
    // 2 % test accounts; every 500th author a staff account (as if written past the API).
    await client.query(
      `INSERT INTO user_profile (user_id, role, member_id, test_account)
         SELECT user_id, CASE WHEN i % 500 = 0 THEN 'ops'::role ELSE 'member'::role END,
                CASE WHEN i % 500 = 0 THEN NULL ELSE member_id END, i % 50 = 0 FROM people`,
    );
    await client.query(
      `INSERT INTO opinion_case (id, number, status, member_id, requested_by_user_id, concern, questions,
                                 preferred_language, contact_channel, time_zone, location_country,
                                 location_city, submitted_at, first_contact_due_at)
         SELECT case_id, 'SMO-2026-' || lpad(i::text, 6, '0'), 'recommendations_delivered', member_id, user_id,
                'Bench concern', ARRAY['Bench question'], 'es', 'phone', 'Europe/Madrid', 'ES', 'Madrid',
                now() - interval '30 days', now() - interval '29 days' FROM people`,
    );
    await client.query(
      `INSERT INTO service_review (id, case_id, member_id, author_user_id, stars, title, text, language,
                                   status, withheld_reason, published_at, created_at, updated_at)
         SELECT gen_random_uuid(), case_id, member_id, user_id, 1 + (i * 7) % 5, 'Title ' || i,
                'A review of the service, number ' || i, (ARRAY['es','en','fr','de','it','pt','zh-CN','ar'])[1 + i % 8],
                (ARRAY['published','pending','withheld'])[1 + i % 3]::service_review_status,
                CASE WHEN i % 3 = 2 THEN 'abusive'::service_review_withhold_reason END,
                CASE WHEN i % 3 = 0 THEN now() - (i || ' minutes')::interval END,
                now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
         FROM people`,
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
    `${REVIEWS} members, cases and reviews written in ${Math.round(performance.now() - started)} ms`,
  );
  return { planProductId: plans[0]! };
}

export const feedbackBench: Bench = {
  name: 'feedback',
  description: 'the service rating and the public page at 50,000 reviews, against bare SQL of the same table',
  async run(ctx) {
    const runtime = await provisionRuntime(ctx, createLogger('warn'));
    const { planProductId } = await seed(runtime, ctx);

    // The figures the rule gives, checked against what the seed wrote: test and staff authors left out.
    const whole = await serviceRatingOf(runtime.db);
    const expected = Array.from({ length: REVIEWS }, (_, index) => index + 1).filter(
      (i) => i % 50 !== 0 && i % 500 !== 0,
    ).length;
    if (whole.count !== expected)
      throw new BenchFailure(`the rating counted ${whole.count} reviews, expected ${expected}`);

    const bareWhole = () =>
      runtime.pool.query('SELECT stars, count(*)::int AS n FROM service_review GROUP BY stars');
    const barePlan = () =>
      runtime.pool.query(
        `SELECT r.stars, count(*)::int AS n FROM service_review r
           JOIN opinion_case c ON c.id = r.case_id JOIN member m ON m.id = c.member_id
           JOIN membership s ON s.id = m.membership_id
         WHERE s.plan_product_id = $1 GROUP BY r.stars`,
        [planProductId],
      );
    const barePage = () =>
      runtime.pool.query(
        `SELECT * FROM service_review WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT 21`,
      );

    const figures: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      ['rating.whole_service_ms', () => serviceRatingOf(runtime.db), bareWhole],
      [
        'rating.one_plan_ms',
        () => serviceRatingOf(runtime.db, { planProductIds: [planProductId] }),
        barePlan,
      ],
      ['published.first_page_ms', () => publishedReviews(runtime.db, { limit: 20 }), barePage],
    ];
    for (const [metric, real, baseline] of figures) {
      const value = await timed(real);
      const base = await timed(baseline);
      ctx.progress(`${metric}: ${value.toFixed(2)} ms against ${base.toFixed(2)} ms bare`);
      ctx.report({ metric, value: round(value), unit: 'ms', baseline: round(base) });
    }
    ctx.report({ metric: 'rating.reviews', value: REVIEWS, unit: 'reviews', baseline: null });
  },
};

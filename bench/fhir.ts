/**
 * The FHIR export of a case (`npm run bench fhir`): a long case (BENCH_FHIR_MESSAGES messages, a
 * timeline entry per message, 40 documents, 12 check-ins, delivered recommendations) exported
 * through the room's use case (access, reads through the faces, the audit record, the builders),
 * against a bare baseline: the same rows read by plain SQL in one transaction, serialised as JSON.
 * The ratio is what mapping to FHIR and auditing cost over reading. Each figure is the median of
 * timed runs after unmeasured ones, in this process, on one database.
 */
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import type { Runtime } from '../src/server/boot.js';
import { caseBundle } from '../src/server/modules/interop/index.js';
import type { RequestContext } from '../src/server/platform/context.js';
import { createLogger } from '../src/server/platform/logger.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionRuntime } from './support/database.js';

const MESSAGES = Number(process.env.BENCH_FHIR_MESSAGES ?? 500);
const DOCUMENTS = 40;
const CHECK_INS = 12;
const WARMUP = 10;
const RUNS = 50;

const median = (values: number[]) =>
  [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)] as number;
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

interface Seeded {
  caseId: string;
  opsUserId: string;
}

async function seed(runtime: Runtime, ctx: BenchContext): Promise<Seeded> {
  const ids = {
    insurer: uuidv7(),
    plan: uuidv7(),
    membership: uuidv7(),
    member: uuidv7(),
    memberUser: uuidv7(),
    manager: uuidv7(),
    ops: uuidv7(),
    case: uuidv7(),
  };
  const client = await runtime.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO insurer (id, code, name) VALUES ($1, 'BENCH', 'Bench Insurance')`, [
      ids.insurer,
    ]);
    await client.query(
      `INSERT INTO plan_product (id, insurer_id, code, name, kind) VALUES ($1, $2, 'BENCH', 'Bench', 'individual')`,
      [ids.plan, ids.insurer],
    );
    await client.query(
      `INSERT INTO membership (id, membership_number, plan_product_id, start_date) VALUES ($1, 'B-1', $2, '2024-01-01')`,
      [ids.membership, ids.plan],
    );
    await client.query(
      `INSERT INTO member (id, membership_id, member_number, relationship, given_name, family_name, date_of_birth, country, preferred_language)
       VALUES ($1, $2, 'B-1-01', 'holder', 'Member', 'Bench', '1980-01-01', 'ES', 'es')`,
      [ids.member, ids.membership],
    );
    for (const [id, role, name] of [
      [ids.memberUser, 'member', 'Member Bench'],
      [ids.manager, 'case_manager', 'Dr Bench'],
      [ids.ops, 'ops', 'Ops Bench'],
    ] as const) {
      await client.query(`INSERT INTO "user" (id, name, email, email_verified) VALUES ($1, $2, $3, true)`, [
        id,
        name,
        `${role}@bench.test`,
      ]);
      await client.query(`INSERT INTO user_profile (user_id, role, member_id) VALUES ($1, $2, $3)`, [
        id,
        role,
        role === 'member' ? ids.member : null,
      ]);
    }
    await client.query(
      `INSERT INTO opinion_case (id, number, status, member_id, requested_by_user_id, concern, questions, preferred_language,
                                 contact_channel, time_zone, location_country, location_city, case_manager_user_id,
                                 submitted_at, first_contact_due_at)
       VALUES ($1, 'SMO-2026-000001', 'monitoring', $2, $3, 'Bench concern', ARRAY['Bench question'], 'es', 'phone',
               'Europe/Madrid', 'ES', 'Madrid', $4, now() - interval '60 days', now() - interval '59 days')`,
      [ids.case, ids.member, ids.memberUser, ids.manager],
    );
    await client.query(
      `INSERT INTO case_message (id, case_id, author_user_id, author_role, body, created_at)
       SELECT gen_random_uuid(), $1, CASE WHEN i % 2 = 0 THEN $2::uuid ELSE $3::uuid END,
              CASE WHEN i % 2 = 0 THEN 'member' ELSE 'case_manager' END, repeat('A message of the thread. ', 12),
              now() - interval '59 days' + (i || ' minutes')::interval
       FROM generate_series(1, $4) AS i`,
      [ids.case, ids.memberUser, ids.manager, MESSAGES],
    );
    await client.query(
      `INSERT INTO case_event (id, case_id, seq, type, actor_user_id, actor_role, occurred_at)
       SELECT gen_random_uuid(), $1, i, 'note', $2, 'case_manager', now() - interval '59 days' + (i || ' minutes')::interval
       FROM generate_series(1, $3) AS i`,
      [ids.case, ids.manager, MESSAGES],
    );
    await client.query(
      `INSERT INTO case_document (id, case_id, kind, source, title, document_date, media_type, size_bytes, sha256,
                                  storage_key, wrapped_key, uploaded_by_user_id, created_at)
       SELECT gen_random_uuid(), $1, 'report', 'member', 'Report ' || i, '2026-01-01', 'application/pdf', 100000,
              repeat('ab', 32), 'bench-' || gen_random_uuid(), '\\x00', $2, now() - interval '50 days'
       FROM generate_series(1, $3) AS i`,
      [ids.case, ids.memberUser, DOCUMENTS],
    );
    await client.query(
      `INSERT INTO case_recommendation (case_id, language, body, next_steps, written_by_user_id, updated_at, delivered_at)
       VALUES ($1, 'es', repeat('Recomendaciones. ', 40), ARRAY['Paso uno', 'Paso dos'], $2, now() - interval '20 days', now() - interval '20 days')`,
      [ids.case, ids.manager],
    );
    await client.query(
      `INSERT INTO follow_up (id, case_id, due_at, status, progress, created_by_user_id, created_at)
       SELECT gen_random_uuid(), $1, now() - interval '20 days' + (i || ' days')::interval, 'completed', 'Progress ' || i, $2, now()
       FROM generate_series(1, $3) AS i`,
      [ids.case, ids.manager, CHECK_INS],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  ctx.progress(
    `a case with ${MESSAGES} messages and timeline entries, ${DOCUMENTS} documents, ${CHECK_INS} check-ins`,
  );
  return { caseId: ids.case, opsUserId: ids.ops };
}

export const fhirBench: Bench = {
  name: 'fhir',
  description: 'the FHIR R4 export of a long case, against the same rows read by bare SQL',
  async run(ctx) {
    const log = createLogger('warn');
    const runtime = await provisionRuntime(ctx, log);
    const { caseId, opsUserId } = await seed(runtime, ctx);
    const requestContext = (): RequestContext => ({
      requestId: `bench-${uuidv7()}`,
      actor: {
        userId: opsUserId,
        role: 'ops',
        name: 'Ops Bench',
        memberId: null,
        employerId: null,
        timeZone: 'UTC',
        twoFactorEnabled: true,
        sessionId: 'bench',
      },
      clock: runtime.clock,
      db: runtime.db,
      log,
    });

    const bundle = await caseBundle(requestContext(), caseId);
    const entries = bundle.entry?.length ?? 0;
    // Patient, insurer, Coverage, case manager, ServiceRequest, Task, CarePlan; a Provenance and a
    // Communication per message; a DocumentReference per document.
    const expected = 7 + MESSAGES * 2 + DOCUMENTS;
    if (entries !== expected)
      throw new BenchFailure(`the Bundle holds ${entries} entries, expected ${expected}`);

    const tables = [
      'opinion_case WHERE id = $1',
      'case_event WHERE case_id = $1',
      'case_message WHERE case_id = $1',
      'case_document WHERE case_id = $1',
      'sharing_consent WHERE case_id = $1',
      'case_recommendation WHERE case_id = $1',
      'follow_up WHERE case_id = $1',
    ];
    const bare = async () => {
      const client = await runtime.pool.connect();
      try {
        await client.query('BEGIN');
        const rows = [];
        for (const table of tables) rows.push((await client.query(`SELECT * FROM ${table}`, [caseId])).rows);
        await client.query('COMMIT');
        return JSON.stringify(rows);
      } finally {
        client.release();
      }
    };
    const value = await timed(async () => JSON.stringify(await caseBundle(requestContext(), caseId)));
    const base = await timed(bare);
    ctx.progress(`export: ${value.toFixed(2)} ms against ${base.toFixed(2)} ms bare (${entries} entries)`);
    ctx.report({ metric: 'fhir.export_ms', value: round(value), unit: 'ms', baseline: round(base) });
    ctx.report({ metric: 'fhir.bundle_entries', value: entries, unit: 'entries', baseline: null });
    ctx.report({
      metric: 'fhir.bundle_bytes',
      value: JSON.stringify(bundle).length,
      unit: 'bytes',
      baseline: null,
    });
  },
};

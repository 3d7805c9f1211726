/**
 * The cover check through the API (`npm run bench cover-api`): `POST /api/v1/cases/:id/cover-checks`
 * by a member on their own case, with its database reads (the case and the access rule, the
 * membership, the rules version in force, the year's usage from a ledger of 2,000 entries, the
 * declared conditions) and its audit record, offered at a fixed open-loop rate of 50 checks a
 * second (as the queue bench paces its half-rate load). Baseline, in the same run at the same rate
 * on the same server: `GET /api/v1/cases/:id`, the audited read of the same case.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { openRuntime } from '../src/server/boot.js';
import { loadConfig } from '../src/server/config.js';
import { demoBenefitRules } from '../src/server/demo/benefit-rules.js';
import { importCoverageFile } from '../src/server/modules/coverage/service.js';
import { registerMember } from '../src/server/modules/identity/service.js';
import * as register from '../src/server/modules/plans/repo.js';
import { systemContext } from '../src/server/platform/context.js';
import { createLogger } from '../src/server/platform/logger.js';
import { freePort } from '../src/server/platform/net.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionDatabase } from './support/database.js';
import { measurePair } from './support/load.js';
import { startServerProcess } from './support/server-process.js';

const RATE = 50;
/** autocannon paces each connection on its own timer: a few connections keep the bursts small. */
const CONNECTIONS = 5;
const LEDGER_ENTRIES = 2_000;
const PASSWORD = 'bench-password-2026-long';
const MEMBER_EMAIL = 'layla.nasser@bench.test';

function settings(
  databaseUrl: string,
  secrets: Record<string, string>,
  port: number,
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    SIGN_IN_ATTEMPTS_PER_MINUTE: '1000000000',
    SMTP_URL: 'smtp://127.0.0.1:9',
    WEB_BUILD: 'off',
    ...secrets,
  };
}

/** A membership on the demo's individual plan (dirhams) with a year of paid claims, and its member's account. */
async function givenMember(ctx: BenchContext, databaseUrl: string, secrets: Record<string, string>) {
  const log = createLogger('warn', pino.destination({ dest: 2, sync: true }));
  const runtime = await openRuntime(loadConfig(settings(databaseUrl, secrets, 0)), log);
  try {
    const now = runtime.clock.now();
    await runtime.db.transaction(async (tx) => {
      const insurerId = await register.upsertInsurer(tx, { id: uuidv7(), code: 'MHI', name: 'Meridian' });
      const planProductId = await register.upsertPlanProduct(tx, {
        id: uuidv7(),
        insurerId,
        code: 'MHI-GLOBAL-IND',
        name: 'Global Health Individual',
        kind: 'individual',
        services: ['second_medical_opinion'],
        now,
      });
      const membershipId = await register.upsertMembership(tx, {
        id: uuidv7(),
        membershipNumber: 'BM-1',
        planProductId,
        employerId: null,
        startDate: '2024-01-01',
        endDate: null,
        now,
      });
      await register.upsertMember(tx, {
        id: uuidv7(),
        membershipId,
        memberNumber: 'BM-1-01',
        relationship: 'holder',
        givenName: 'Layla',
        familyName: 'Nasser',
        dateOfBirth: '1986-05-04',
        country: 'AE',
        preferredLanguage: 'ar',
        guardianMemberId: null,
        now,
      });
    });
    const ctxOf = systemContext(runtime, 'bench-cover');
    const rules = demoBenefitRules.plans.filter((plan) => plan.planCode === 'MHI-GLOBAL-IND');
    const imports = [
      { kind: 'benefits' as const, content: JSON.stringify({ ...demoBenefitRules, plans: rules }) },
      {
        kind: 'paid' as const,
        content: [
          'reference,membership_number,benefit,service_date,currency,plan_paid,deductible_borne,sessions',
          ...Array.from(
            { length: LEDGER_ENTRIES },
            (_, index) =>
              `CLM-${index},BM-1,${index % 2 === 0 ? 'outpatient_consultation' : 'physiotherapy'},` +
              `${index % 3 === 0 ? '2025' : '2026'}-0${1 + (index % 9)}-1${index % 10},AED,${100 + index},0,0`,
          ),
        ].join('\n'),
      },
    ];
    for (const { kind, content } of imports) {
      const report = await importCoverageFile(ctxOf, { kind, content, dryRun: false });
      if (!report.written)
        throw new BenchFailure(`${kind} import: ${JSON.stringify(report.problems.slice(0, 3))}`);
    }
    await registerMember(
      ctxOf,
      runtime.auth,
      {
        membershipNumber: 'BM-1-01',
        dateOfBirth: '1986-05-04',
        email: MEMBER_EMAIL,
        password: PASSWORD,
        locale: 'ar',
        timeZone: 'Asia/Dubai',
      },
      { addressVouchedFor: true },
    );
    ctx.progress(`a membership with ${LEDGER_ENTRIES} paid claims and the plan's rules`);
  } finally {
    await runtime.close();
  }
}

async function signedIn(url: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({ email: MEMBER_EMAIL, password: PASSWORD }),
  });
  if (response.status !== 200) throw new BenchFailure(`sign-in answered ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((entry) => entry.split(';')[0])
    .join('; ');
  return { cookie, origin: url };
}

export const coverApiBench: Bench = {
  name: 'cover-api',
  description: `the cover check through the API at ${RATE} checks a second (open loop), against the audited read of the same case`,
  async run(ctx: BenchContext) {
    const log = createLogger('warn', pino.destination({ dest: 2, sync: true }));
    const databaseUrl = await provisionDatabase(ctx, log);
    // The audit trail's signed heads: a key and an anchor file of the bench's own, removed after it.
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
    await givenMember(ctx, databaseUrl, secrets);
    const port = await freePort();
    const server = await startServerProcess(ctx, {
      name: 'consilium server',
      entry: 'src/server/main.ts',
      port,
      healthPath: '/api/health',
      env: settings(databaseUrl, secrets, port),
    });
    const headers = await signedIn(server.url);
    const submitted = await fetch(`${server.url}/api/v1/cases`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        concern: 'I tore a ligament in my knee and was told I need surgery.',
        diagnosisReceived: 'Anterior cruciate ligament tear',
        questions: ['Is surgery the only option?'],
        preferredLanguage: 'ar',
        contactChannel: 'message',
        timeZone: 'Asia/Dubai',
        location: { country: 'AE', city: 'Dubai' },
      }),
    });
    if (submitted.status !== 201) throw new BenchFailure(`the case was not submitted: ${submitted.status}`);
    const caseId = ((await submitted.json()) as { id: string }).id;
    const question = JSON.stringify({
      treatmentDate: '2026-10-20',
      benefit: 'day_case_surgery',
      icd10: 'S83.5',
      country: 'AE',
      facilityInNetwork: true,
      estimatedCost: { amount: 1_850_000, currency: 'AED' },
    });
    const first = await fetch(`${server.url}/api/v1/cases/${caseId}/cover-checks`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: question,
    });
    const answer = (await first.json()) as { outcome?: string };
    if (answer.outcome !== 'covered_after_preauthorisation')
      throw new BenchFailure(`the check answered ${first.status} ${JSON.stringify(answer)}`);

    ctx.progress(`open loop: ${RATE} requests a second offered to each side`);
    const measured = await measurePair(
      ctx,
      {
        real: {
          label: 'cover check',
          url: `${server.url}/api/v1/cases/${caseId}/cover-checks`,
          method: 'POST',
          body: question,
          headers,
          pid: server.pid,
        },
        baseline: {
          label: 'case read',
          url: `${server.url}/api/v1/cases/${caseId}`,
          headers,
          pid: server.pid,
        },
      },
      CONNECTIONS,
      { requestsPerSecond: RATE },
    );
    ctx.report({
      metric: 'cover_api.latency_p99_at_50_per_second',
      value: measured.real.latencyP99,
      unit: 'ms',
      baseline: measured.baseline.latencyP99,
      target: 'value <= 25',
      met: measured.real.latencyP99 <= 25,
    });
    ctx.report({
      metric: 'cover_api.latency_p50_at_50_per_second',
      value: measured.real.latencyP50,
      unit: 'ms',
      baseline: measured.baseline.latencyP50,
    });
    const errors = measured.real.errors + measured.baseline.errors;
    if (errors > 0) throw new BenchFailure(`${errors} requests failed at the fixed rate`);
  },
};

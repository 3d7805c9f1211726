import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openRuntime, type Runtime } from '../../src/server/boot.js';
import { loadConfig } from '../../src/server/config.js';
import { OffsetClock } from '../../src/server/platform/clock.js';
import { systemContext } from '../../src/server/platform/context.js';
import type { AppInstance } from '../../src/server/platform/http/types.js';
import { createLogger } from '../../src/server/platform/logger.js';
import { freePort } from '../../src/server/platform/net.js';
import { fireDueClocks } from '../../src/server/modules/sla/service.js';
import { Browser } from '../support/client.js';
import { givenMemberSignedIn, givenRegister, givenStaffSignedIn } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Two instances of the app behind a load balancer, on one database: whatever reaches which
 * instance, each case is assigned once and each clock fires once.
 */
const HOUR = 3_600_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let first: TestServer;
let second: { runtime: Runtime; app: AppInstance; url: string; clock: OffsetClock };

beforeAll(async () => {
  first = await startTestServer();
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: first.runtime.config.databaseUrl,
    LOG_LEVEL: 'silent',
    AUTH_SECRET: first.runtime.config.authSecret,
    DOCUMENT_MASTER_KEY: first.runtime.config.documentMasterKey.toString('base64'),
    DATA_DIR: '/nonexistent-consilium-test-data',
    SIGN_IN_ATTEMPTS_PER_MINUTE: '10000',
    RATE_LIMIT_PER_MINUTE: '100000',
    PASSWORD_HASH: first.runtime.config.passwordHash,
    // One deployment: the same key signs the audit trail's heads, into the same anchor file.
    AUDIT_SIGNING_KEY: first.runtime.config.audit
      .signingKey!.export({ format: 'pem', type: 'pkcs8' })
      .toString(),
    AUDIT_ANCHOR_FILE: first.runtime.config.audit.anchorFile,
  });
  const clock = new OffsetClock();
  const runtime = await openRuntime(config, createLogger('silent'), clock);
  const app = await buildApp(runtime);
  await app.listen({ port, host: '127.0.0.1' });
  second = { runtime, app, url: config.publicUrl, clock };
});

afterAll(async () => {
  await second?.app.close();
  await second?.runtime.close();
  await first?.close();
});

describe('two instances on one database', () => {
  it(
    'forty requests spread over both: every case assigned once, every place counted once, every clock fired once',
    { timeout: 120_000 },
    async () => {
      await givenRegister(first);
      const managers = await Promise.all(
        Array.from({ length: 3 }, () =>
          givenStaffSignedIn(first, 'case_manager', {
            languages: ['es'],
            weeklyShifts: allWeek,
            maxOpenCases: 100,
          }),
        ),
      );
      const onFirst = await givenMemberSignedIn(
        first,
        { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
        'a@two.test',
      );
      // The same person, through the other instance: the session lives in the database.
      const onSecond = new Browser(second.url);
      expect((await onSecond.signIn('a@two.test', 'a-long-test-password-2026')).status).toBe(200);

      const request = (n: number) => ({
        concern: `Request ${n}`,
        diagnosisReceived: 'Something the doctor said',
        questions: ['What should I do?'],
        preferredLanguage: 'es',
        contactChannel: 'phone',
        contactPhone: '+34 612 34 56 78',
        timeZone: 'Europe/Madrid',
        location: { country: 'ES', city: 'Madrid' },
      });
      const replies = await Promise.all(
        Array.from({ length: 40 }, (_, n) =>
          (n % 2 === 0 ? onFirst : onSecond).post('/api/v1/cases', request(n)),
        ),
      );
      expect(replies.map((reply) => reply.status)).toEqual(Array(40).fill(201));

      const assignments = await first.sql.query(
        `SELECT case_id, count(*)::int AS n FROM case_event WHERE type = 'assign' GROUP BY case_id`,
      );
      expect(assignments.rows).toHaveLength(40);
      expect(assignments.rows.every((row) => row.n === 1)).toBe(true);
      const load = await first.sql.query('SELECT user_id, open_cases FROM case_manager_load');
      const held = await first.sql.query(
        `SELECT case_manager_user_id AS user_id, count(*)::int AS n FROM opinion_case GROUP BY case_manager_user_id`,
      );
      const heldBy = new Map(held.rows.map((row) => [row.user_id, row.n]));
      for (const row of load.rows) expect(row.open_cases).toBe(heldBy.get(row.user_id) ?? 0);
      expect(managers.reduce((sum, manager) => sum + (heldBy.get(manager.account.userId) ?? 0), 0)).toBe(40);

      first.clock.advance(25 * HOUR);
      second.clock.advance(25 * HOUR);
      const fired = await Promise.all([
        fireDueClocks(systemContext(first.runtime, 'sweep-a')),
        fireDueClocks(systemContext(second.runtime, 'sweep-b')),
        fireDueClocks(systemContext(first.runtime, 'sweep-c')),
      ]);
      expect(fired.reduce((sum, n) => sum + n, 0)).toBe(120);
      const alarms = await first.sql.query(
        `SELECT case_id, type, count(*)::int AS n FROM case_event WHERE type LIKE 'first_contact_%' GROUP BY case_id, type`,
      );
      expect(alarms.rows).toHaveLength(120);
      expect(alarms.rows.every((row) => row.n === 1)).toBe(true);
    },
  );
});

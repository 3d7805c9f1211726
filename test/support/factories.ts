import { v7 as uuidv7 } from 'uuid';
import type { StaffCreation, StaffRole } from '../../src/shared/identity.js';
import { enrolTwoFactor } from '../../src/server/demo/seed.js';
import { systemContext } from '../../src/server/platform/context.js';
import { createStaff } from '../../src/server/modules/identity/service.js';
import * as register from '../../src/server/modules/plans/repo.js';
import { Browser } from './client.js';
import type { TestServer } from './server.js';

export const PASSWORD = 'a-long-test-password-2026';

/**
 * A small register: an insurer with four plan products, an employer that adds services, and
 * memberships that are in force, lapsed, not started, family (with a child) and company.
 */
export async function givenRegister(server: TestServer) {
  const { db } = server.runtime;
  const now = server.clock.now();
  return db.transaction(async (tx) => {
    const insurerId = await register.upsertInsurer(tx, { id: uuidv7(), code: 'TST', name: 'Test Insurance' });
    const plan = async (
      code: string,
      kind: 'individual' | 'family' | 'company',
      services: ('second_medical_opinion' | 'virtual_doctor' | 'mind_health')[],
    ) => register.upsertPlanProduct(tx, { id: uuidv7(), insurerId, code, name: code, kind, services, now });
    const individual = await plan('IND', 'individual', ['second_medical_opinion']);
    const family = await plan('FAM', 'family', ['second_medical_opinion', 'virtual_doctor']);
    const company = await plan('CORP', 'company', ['second_medical_opinion']);
    const noOpinion = await plan('BASIC', 'individual', []);
    const employerId = await register.upsertEmployer(tx, {
      id: uuidv7(),
      code: 'ACME',
      name: 'Acme Ltd',
      country: 'GB',
      addedServices: ['mind_health'],
      now,
    });
    const otherEmployerId = await register.upsertEmployer(tx, {
      id: uuidv7(),
      code: 'GLOBEX',
      name: 'Globex',
      country: 'DE',
      addedServices: [],
      now,
    });
    const membership = (
      number: string,
      planProductId: string,
      startDate: string,
      endDate: string | null,
      employer: string | null = null,
    ) =>
      register.upsertMembership(tx, {
        id: uuidv7(),
        membershipNumber: number,
        planProductId,
        employerId: employer,
        startDate,
        endDate,
        now,
      });
    const person = (
      membershipId: string,
      memberNumber: string,
      givenName: string,
      dateOfBirth: string,
      relationship: 'holder' | 'spouse' | 'child' = 'holder',
      guardianMemberId: string | null = null,
    ) =>
      register.upsertMember(tx, {
        id: uuidv7(),
        membershipId,
        memberNumber,
        relationship,
        givenName,
        familyName: 'Tester',
        dateOfBirth,
        country: 'ES',
        preferredLanguage: 'es',
        guardianMemberId,
        now,
      });
    const inForce = await membership('M-1000', individual, '2020-01-01', null);
    const lapsed = await membership('M-2000', individual, '2019-01-01', '2021-12-31');
    const familyMembership = await membership('M-3000', family, '2022-01-01', null);
    const companyMembership = await membership('M-4000', company, '2023-01-01', null, employerId);
    const basic = await membership('M-5000', noOpinion, '2023-01-01', null);
    const alice = await person(inForce, 'M-1000-01', 'Alice', '1980-02-29');
    const bruno = await person(lapsed, 'M-2000-01', 'Bruno', '1975-06-15');
    const carmen = await person(familyMembership, 'M-3000-01', 'Carmen', '1985-10-01');
    const dario = await person(familyMembership, 'M-3000-02', 'Dario', '1984-03-03', 'spouse');
    const elena = await person(familyMembership, 'M-3000-03', 'Elena', '2016-07-07', 'child', carmen);
    const fatima = await person(companyMembership, 'M-4000-01', 'Fatima', '1992-12-12');
    const gustav = await person(basic, 'M-5000-01', 'Gustav', '1960-01-01');
    return {
      employerId,
      otherEmployerId,
      members: { alice, bruno, carmen, dario, elena, fatima, gustav },
    };
  });
}

/**
 * The member has followed the link that confirms their e-mail address (for stories that are not
 * about sign-up; the sign-up stories follow the link out of the e-mail itself).
 */
export async function givenAddressConfirmed(server: Pick<TestServer, 'sql'>, email: string): Promise<void> {
  const confirmed = await server.sql.query(`UPDATE "user" SET email_verified = true WHERE email = $1`, [
    email,
  ]);
  if (confirmed.rowCount !== 1) throw new Error('no account has this address');
}

/**
 * One more person in the register (after `givenRegister`), the holder of an individual plan of
 * their own numbered `<membershipNumber>-01`, with the name, country and language given.
 */
export async function givenPersonInRegister(
  server: TestServer,
  person: {
    membershipNumber: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    country: string;
    preferredLanguage: string;
  },
) {
  const now = server.clock.now();
  return server.runtime.db.transaction(async (tx) => {
    const plan = await server.sql.query(`SELECT id FROM plan_product WHERE code = 'IND'`);
    const membershipId = await register.upsertMembership(tx, {
      id: uuidv7(),
      membershipNumber: person.membershipNumber,
      planProductId: plan.rows[0].id,
      employerId: null,
      startDate: '2020-01-01',
      endDate: null,
      now,
    });
    return register.upsertMember(tx, {
      id: uuidv7(),
      membershipId,
      memberNumber: `${person.membershipNumber}-01`,
      relationship: 'holder',
      givenName: person.givenName,
      familyName: person.familyName,
      dateOfBirth: person.dateOfBirth,
      country: person.country,
      preferredLanguage: person.preferredLanguage,
      guardianMemberId: null,
      now,
    });
  });
}

/** A member proves membership, creates an account, confirms their address, and signs in. */
export async function givenMemberSignedIn(
  server: TestServer,
  proof: { membershipNumber: string; dateOfBirth: string },
  email: string,
): Promise<Browser> {
  const browser = new Browser(server.url);
  const registered = await browser.post('/api/v1/member-registrations', {
    ...proof,
    email,
    password: PASSWORD,
    locale: 'es',
    timeZone: 'Europe/Madrid',
  });
  if (registered.status !== 201) throw new Error(`registration failed: ${JSON.stringify(registered.body)}`);
  await givenAddressConfirmed(server, email);
  const signedIn = await browser.signIn(email, PASSWORD);
  if (signedIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.body)}`);
  return browser;
}

export interface StaffAccount {
  userId: string;
  email: string;
  password: string;
  totpSecret: string;
}

/** A staff account as operations would create it, with two-factor already turned on. */
export async function givenStaff(
  server: TestServer,
  role: StaffRole,
  extra: Partial<StaffCreation> = {},
): Promise<StaffAccount> {
  const email = `${role}.${uuidv7().slice(-12)}@staff.test`;
  const ctx = systemContext(server.runtime, 'test-factory');
  const { userId } = await createStaff(
    ctx,
    server.runtime.auth,
    {
      email,
      name: `Test ${role}`,
      role,
      locale: 'en',
      timeZone: 'UTC',
      languages: ['en'],
      weeklyShifts: [],
      maxOpenCases: 10,
      ...extra,
    } as StaffCreation,
    { password: PASSWORD },
  );
  const totpSecret = await enrolTwoFactor(server.runtime.auth, email, PASSWORD);
  return { userId, email, password: PASSWORD, totpSecret };
}

export async function givenStaffSignedIn(
  server: TestServer,
  role: StaffRole,
  extra: Partial<StaffCreation> = {},
): Promise<{ browser: Browser; account: StaffAccount }> {
  const account = await givenStaff(server, role, extra);
  const browser = new Browser(server.url);
  const signedIn = await browser.signInWithTwoFactor(account.email, account.password, account.totpSecret);
  if (signedIn.status !== 200) throw new Error(`staff sign-in failed: ${JSON.stringify(signedIn.body)}`);
  return { browser, account };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The settings an operator command gets in a story: a test server's, and the story's own. */
async function cliSettings(
  settings: { DATABASE_URL: string } & Record<string, string>,
): Promise<Record<string, string>> {
  const { generateKeyPairSync, randomBytes } = await import('node:crypto');
  const os = (await import('node:os')).default;
  const path = (await import('node:path')).default;
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: '/nonexistent-consilium-test-data',
    // A command that seals the trail signs its heads: a key of its own and a file nobody reads,
    // unless the story hands it its server's.
    AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString(),
    AUDIT_ANCHOR_FILE: path.join(
      os.tmpdir(),
      `consilium-cli-anchors-${randomBytes(6).toString('hex')}.jsonl`,
    ),
    ...settings,
  };
}

/**
 * Runs an operator command (`npm run cli -- <args>`) against a database with the settings a test
 * server uses: the same commands, options, output and exit codes as the operator's, run in the
 * story's own process (a child process per command would cost seconds of start-up each). The
 * entry that puts them on a terminal is told by `runCliProcess`.
 */
export async function runCli(
  args: string[],
  settings: { DATABASE_URL: string } & Record<string, string>,
): Promise<CliRun> {
  const { runOperatorCommand } = await import('../../src/server/operator-commands.js');
  let stdout = '';
  let stderr = '';
  const code = await runOperatorCommand(args, {
    env: await cliSettings(settings),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** Runs an operator command as an operator does: `npm run cli`'s entry in a child process. */
export async function runCliProcess(
  args: string[],
  settings: { DATABASE_URL: string } & Record<string, string>,
): Promise<CliRun> {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(
    process.execPath,
    [`${root}node_modules/tsx/dist/cli.mjs`, 'src/server/cli.ts', ...args],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root, ...(await cliSettings(settings)) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  return { code, stdout, stderr };
}

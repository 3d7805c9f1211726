import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import { v7 as uuidv7 } from 'uuid';
import type { StaffCreation } from '../../shared/identity.js';
import type { PlanKind, Relationship, VirtualCareService } from '../../shared/plans.js';
import type { Runtime } from '../boot.js';
import { systemContext } from '../platform/context.js';
import type { Auth } from '../modules/identity/auth.js';
import { createStaff, registerMember } from '../modules/identity/service.js';
import * as register from '../modules/plans/repo.js';
import { formatPersonName } from '../../shared/display.js';

export const DEMO_PASSWORD = 'consilium-demo-2026';

export interface DemoAccount {
  email: string;
  role: string;
  name: string;
  /** Staff only: the authenticator secret, so the demo can be signed into from any TOTP app. */
  totpSecret?: string;
  note?: string;
}

export interface DemoAccounts {
  password: string;
  accounts: DemoAccount[];
  /** Register entries without an account, to try sign-up by membership proof. */
  unregistered: { membershipNumber: string; dateOfBirth: string; name: string }[];
}

interface DemoMember {
  memberNumber: string;
  relationship: Relationship;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  country: string;
  language: string;
  guardian?: string;
  email?: string;
  timeZone?: string;
}

interface DemoMembership {
  number: string;
  plan: string;
  employer?: string;
  startDate: string;
  endDate?: string;
  members: DemoMember[];
}

const plans: { code: string; name: string; kind: PlanKind; services: VirtualCareService[] }[] = [
  {
    code: 'MHI-GLOBAL-IND',
    name: 'Global Health Individual',
    kind: 'individual',
    services: ['second_medical_opinion'],
  },
  {
    code: 'MHI-GLOBAL-FAM',
    name: 'Global Health Family Plus',
    kind: 'family',
    services: ['second_medical_opinion', 'virtual_doctor'],
  },
  {
    code: 'MHI-COMPANY',
    name: 'Company Health Essential',
    kind: 'company',
    services: ['second_medical_opinion'],
  },
  { code: 'MHI-HOSPITAL-ONLY', name: 'Hospital Cover Basic', kind: 'individual', services: [] },
];

const employers = [
  {
    code: 'ATLAS-LOGISTICS',
    name: 'Atlas Logistics S.A.',
    country: 'ES',
    addedServices: ['virtual_doctor', 'mind_health'] as VirtualCareService[],
  },
];

const memberships: DemoMembership[] = [
  {
    number: 'MHI-100001',
    plan: 'MHI-GLOBAL-IND',
    startDate: '2024-01-01',
    members: [
      {
        memberNumber: 'MHI-100001-01',
        relationship: 'holder',
        givenName: 'Amira',
        familyName: 'Haddad',
        dateOfBirth: '1979-03-14',
        country: 'AE',
        language: 'ar',
        email: 'amira.haddad@demo.consilium.test',
        timeZone: 'Asia/Dubai',
      },
    ],
  },
  {
    number: 'MHI-200002',
    plan: 'MHI-GLOBAL-FAM',
    startDate: '2023-06-01',
    members: [
      {
        memberNumber: 'MHI-200002-01',
        relationship: 'holder',
        givenName: 'Sophie',
        familyName: 'Martin',
        dateOfBirth: '1984-07-02',
        country: 'FR',
        language: 'fr',
        email: 'sophie.martin@demo.consilium.test',
        timeZone: 'Europe/Paris',
      },
      {
        memberNumber: 'MHI-200002-02',
        relationship: 'spouse',
        givenName: 'Julien',
        familyName: 'Martin',
        dateOfBirth: '1982-11-20',
        country: 'FR',
        language: 'fr',
      },
      {
        memberNumber: 'MHI-200002-03',
        relationship: 'child',
        givenName: 'Léa',
        familyName: 'Martin',
        dateOfBirth: '2015-05-09',
        country: 'FR',
        language: 'fr',
        guardian: 'MHI-200002-01',
      },
    ],
  },
  {
    number: 'MHI-300003',
    plan: 'MHI-COMPANY',
    employer: 'ATLAS-LOGISTICS',
    startDate: '2025-01-01',
    members: [
      {
        memberNumber: 'MHI-300003-01',
        relationship: 'holder',
        givenName: 'Carlos',
        familyName: 'Ruiz',
        dateOfBirth: '1990-01-25',
        country: 'ES',
        language: 'es',
        email: 'carlos.ruiz@demo.consilium.test',
        timeZone: 'Europe/Madrid',
      },
    ],
  },
  {
    number: 'MHI-100004',
    plan: 'MHI-GLOBAL-IND',
    startDate: '2022-03-15',
    members: [
      {
        memberNumber: 'MHI-100004-01',
        relationship: 'holder',
        givenName: 'Wei',
        familyName: 'Zhang',
        dateOfBirth: '1975-09-30',
        country: 'SG',
        language: 'zh-CN',
      },
    ],
  },
  {
    number: 'MHI-100005',
    plan: 'MHI-GLOBAL-IND',
    startDate: '2021-01-01',
    endDate: '2025-12-31',
    members: [
      {
        memberNumber: 'MHI-100005-01',
        relationship: 'holder',
        givenName: 'Giulia',
        familyName: 'Rossi',
        dateOfBirth: '1968-12-03',
        country: 'IT',
        language: 'it',
      },
    ],
  },
  {
    number: 'MHI-200006',
    plan: 'MHI-GLOBAL-FAM',
    startDate: '2024-09-01',
    members: [
      {
        memberNumber: 'MHI-200006-01',
        relationship: 'holder',
        givenName: 'Ana',
        familyName: 'Souza',
        dateOfBirth: '1988-04-17',
        country: 'BR',
        language: 'pt',
      },
      {
        memberNumber: 'MHI-200006-02',
        relationship: 'child',
        givenName: 'Pedro',
        familyName: 'Souza',
        dateOfBirth: '2017-08-22',
        country: 'BR',
        language: 'pt',
        guardian: 'MHI-200006-01',
      },
    ],
  },
  {
    number: 'MHI-100007',
    plan: 'MHI-HOSPITAL-ONLY',
    startDate: '2024-05-01',
    members: [
      {
        memberNumber: 'MHI-100007-01',
        relationship: 'holder',
        givenName: 'Hans',
        familyName: 'Müller',
        dateOfBirth: '1971-02-11',
        country: 'DE',
        language: 'de',
      },
    ],
  },
];

const weekdays = (start: string, end: string, days = [1, 2, 3, 4, 5]) =>
  days.map((day) => ({ day, start, end }));

const staff: (StaffCreation & { employerCode?: string })[] = [
  {
    email: 'ops@demo.consilium.test',
    name: 'Olivia Brennan',
    role: 'ops',
    locale: 'en',
    timeZone: 'Europe/London',
    country: 'GB',
    languages: ['en'],
    weeklyShifts: weekdays('08:00', '18:00'),
    maxOpenCases: 0,
  },
  {
    email: 'elena.garcia@demo.consilium.test',
    name: 'Dr Elena García',
    role: 'case_manager',
    locale: 'es',
    timeZone: 'Europe/Madrid',
    country: 'ES',
    languages: ['es', 'en', 'pt'],
    weeklyShifts: weekdays('08:00', '17:00'),
    maxOpenCases: 40,
  },
  {
    email: 'karim.mansour@demo.consilium.test',
    name: 'Dr Karim Mansour',
    role: 'case_manager',
    locale: 'ar',
    timeZone: 'Asia/Dubai',
    country: 'AE',
    languages: ['ar', 'fr', 'en'],
    weeklyShifts: weekdays('09:00', '18:00', [0, 1, 2, 3, 4]),
    maxOpenCases: 35,
  },
  {
    email: 'mei.lin@demo.consilium.test',
    name: 'Dr Mei Lin',
    role: 'case_manager',
    locale: 'zh-CN',
    timeZone: 'Asia/Singapore',
    country: 'SG',
    languages: ['zh-CN', 'en'],
    weeklyShifts: weekdays('08:30', '17:30'),
    maxOpenCases: 40,
  },
  {
    email: 'thomas.weber@demo.consilium.test',
    name: 'Dr Thomas Weber',
    role: 'case_manager',
    locale: 'de',
    timeZone: 'Europe/Berlin',
    country: 'DE',
    languages: ['de', 'en', 'it'],
    weeklyShifts: weekdays('07:00', '15:00'),
    maxOpenCases: 40,
  },
  {
    email: 'amelie.laurent@demo.consilium.test',
    name: 'Dr Amélie Laurent',
    role: 'case_manager',
    locale: 'fr',
    timeZone: 'America/Toronto',
    country: 'CA',
    languages: ['fr', 'en'],
    weeklyShifts: weekdays('09:00', '17:00'),
    maxOpenCases: 40,
  },
  {
    email: 'specialist@demo.consilium.test',
    name: 'Prof. Rafael Costa',
    role: 'specialist',
    locale: 'pt',
    timeZone: 'Europe/Lisbon',
    country: 'PT',
    languages: ['pt', 'en', 'es'],
    weeklyShifts: [],
    maxOpenCases: 5,
  },
  {
    email: 'privacy@demo.consilium.test',
    name: 'Ingrid Nilsson',
    role: 'privacy_officer',
    locale: 'en',
    timeZone: 'Europe/Stockholm',
    country: 'SE',
    languages: ['en', 'sv'],
    weeklyShifts: [],
    maxOpenCases: 0,
  },
  {
    email: 'moderator@demo.consilium.test',
    name: 'Noor Siddiqui',
    role: 'moderator',
    locale: 'en',
    timeZone: 'Europe/London',
    country: 'GB',
    languages: ['en', 'ar', 'fr'],
    weeklyShifts: [],
    maxOpenCases: 0,
  },
  {
    email: 'cover@demo.consilium.test',
    name: 'Karim Haddad',
    role: 'cover_assessor',
    locale: 'en',
    timeZone: 'Asia/Dubai',
    country: 'AE',
    languages: ['en', 'ar'],
    weeklyShifts: [],
    maxOpenCases: 0,
  },
  {
    email: 'hr@atlas-logistics.demo.consilium.test',
    name: 'Marta Vidal',
    role: 'employer_admin',
    locale: 'es',
    timeZone: 'Europe/Madrid',
    country: 'ES',
    languages: ['es', 'en'],
    weeklyShifts: [],
    maxOpenCases: 0,
    employerCode: 'ATLAS-LOGISTICS',
  },
];

/** Turns a sign-in response's Set-Cookie headers into the Cookie header of the next call. */
function cookieHeader(headers: Headers): Headers {
  const cookies = headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  return new Headers({ cookie: cookies.join('; ') });
}

/**
 * Enrols a staff account in TOTP the way a person would (sign in, turn on two-factor, confirm
 * with a code) and returns the secret so the demo can print it.
 */
export async function enrolTwoFactor(auth: Auth, email: string, password: string): Promise<string> {
  const signIn = await auth.api.signInEmail({ body: { email, password }, returnHeaders: true });
  const headers = cookieHeader(signIn.headers);
  const enabled = await auth.api.enableTwoFactor({ body: { password, method: 'totp' }, headers });
  if (enabled.method !== 'totp') throw new Error('two-factor enrolment did not start TOTP');
  const secret = new URL(enabled.totpURI).searchParams.get('secret');
  if (!secret) throw new Error('two-factor enrolment returned no secret');
  const code = await currentTotpCode(secret);
  await auth.api.verifyTOTP({ body: { code }, headers });
  await auth.api.signOut({ headers });
  return secret;
}

/** The current code for a base32 TOTP secret (what an authenticator app would show). */
export function currentTotpCode(base32Secret: string): Promise<string> {
  return createOTP(new TextDecoder().decode(base32.decode(base32Secret))).totp();
}

/** The plans' benefit rules, a claims file and a declared condition, imported as operations would. */
async function seedDemoCoverage(ctx: ReturnType<typeof systemContext>): Promise<void> {
  // Loaded here: the operator CLI imports this file for its demo commands and needs none of it.
  const { importCoverageFile, formatCoverageReport } = await import('../modules/coverage/service.js');
  const { demoBenefitRules, demoDeclaredConditions, demoPaidClaims } = await import('./benefit-rules.js');
  const files = [
    { kind: 'benefits', content: JSON.stringify(demoBenefitRules) },
    { kind: 'paid', content: demoPaidClaims },
    { kind: 'conditions', content: demoDeclaredConditions },
  ] as const;
  for (const { kind, content } of files) {
    const report = await importCoverageFile(ctx, { kind, content, dryRun: false });
    if (!report.written) throw new Error(`demo ${kind}: ${formatCoverageReport(report).join('; ')}`);
  }
}

function demoFile(runtime: Runtime): string {
  return path.join(runtime.config.dataDir, 'demo-accounts.json');
}

export async function seedDemoIfEmpty(runtime: Runtime): Promise<DemoAccounts | undefined> {
  const file = demoFile(runtime);
  if (!(await register.registerIsEmpty(runtime.db))) {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoAccounts) : undefined;
  }
  runtime.log.info('empty database: seeding the demo');
  const ctx = systemContext(runtime, 'demo-seed');
  const now = runtime.clock.now();
  const result: DemoAccounts = { password: DEMO_PASSWORD, accounts: [], unregistered: [] };

  const employerIds = new Map<string, string>();
  await runtime.db.transaction(async (tx) => {
    const insurerId = await register.upsertInsurer(tx, {
      id: uuidv7(),
      code: 'MHI',
      name: 'Meridian Health International',
    });
    const planIds = new Map<string, string>();
    for (const plan of plans) {
      planIds.set(plan.code, await register.upsertPlanProduct(tx, { id: uuidv7(), insurerId, ...plan, now }));
    }
    for (const company of employers) {
      employerIds.set(company.code, await register.upsertEmployer(tx, { id: uuidv7(), ...company, now }));
    }
    for (const entry of memberships) {
      const membershipId = await register.upsertMembership(tx, {
        id: uuidv7(),
        membershipNumber: entry.number,
        planProductId: planIds.get(entry.plan)!,
        employerId: entry.employer ? employerIds.get(entry.employer)! : null,
        startDate: entry.startDate,
        endDate: entry.endDate ?? null,
        now,
      });
      const memberIds = new Map<string, string>();
      for (const person of entry.members) {
        const id = await register.upsertMember(tx, {
          id: uuidv7(),
          membershipId,
          memberNumber: person.memberNumber,
          relationship: person.relationship,
          givenName: person.givenName,
          familyName: person.familyName,
          dateOfBirth: person.dateOfBirth,
          country: person.country,
          preferredLanguage: person.language,
          guardianMemberId: person.guardian ? (memberIds.get(person.guardian) ?? null) : null,
          now,
        });
        memberIds.set(person.memberNumber, id);
      }
    }
  });

  await seedDemoCoverage(ctx);

  for (const entry of memberships) {
    for (const person of entry.members) {
      // As the product writes each name: in the order of the person's language ("Zhang Wei").
      const name = formatPersonName(person, person.language);
      if (person.email) {
        await registerMember(
          ctx,
          runtime.auth,
          {
            membershipNumber: person.memberNumber,
            dateOfBirth: person.dateOfBirth,
            email: person.email,
            password: DEMO_PASSWORD,
            locale: person.language,
            timeZone: person.timeZone ?? 'UTC',
          },
          // The demo's addresses go nowhere: they are vouched for, so its members can send cases.
          { addressVouchedFor: true },
        );
        result.accounts.push({
          email: person.email,
          role: 'member',
          name,
          note: `${entry.plan}, ${person.language}`,
        });
      } else if (person.relationship === 'holder' || person.relationship === 'spouse') {
        result.unregistered.push({
          membershipNumber: person.memberNumber,
          dateOfBirth: person.dateOfBirth,
          name,
        });
      }
    }
  }

  for (const { employerCode, ...person } of staff) {
    const input = employerCode ? { ...person, employerId: employerIds.get(employerCode)! } : person;
    const { userId } = await createStaff(ctx, runtime.auth, input, { password: DEMO_PASSWORD });
    if (person.role === 'specialist') {
      // Loaded here: the operator CLI imports this file for its demo commands and needs none of it.
      const { seedDemoNetwork } = await import('../modules/specialists/service.js');
      await seedDemoNetwork(ctx, { userId, name: person.name });
    }
    const totpSecret = await enrolTwoFactor(runtime.auth, person.email, DEMO_PASSWORD);
    result.accounts.push({ email: person.email, role: person.role, name: person.name, totpSecret });
  }

  // The facilities register: a few thousand facilities, with the Dubai ones the demo journeys use.
  const { seedDemoFacilities } = await import('../modules/facilities/demo.js');
  await seedDemoFacilities(ctx);
  await (await import('../modules/employers/demo.js')).seedDemoVirtualCareContacts(ctx);
  await (await import('./cases.js')).seedDemoCases(ctx);

  if (runtime.config.env !== 'production')
    writeFileSync(file, JSON.stringify(result, null, 2), { mode: 0o600 });
  return result;
}

export function printDemoAccounts(demo: DemoAccounts, address: string): string {
  const lines = [
    'Demo accounts (password for all of them: ' + demo.password + ')',
    ...demo.accounts.map(
      (account) =>
        `  ${account.role.padEnd(16)} ${account.email.padEnd(42)} ${account.name}` +
        (account.totpSecret ? `\n  ${''.padEnd(16)} two-factor secret ${account.totpSecret}` : ''),
    ),
    '',
    'Staff sign in with a two-factor code: add the secret to any authenticator app, or print the',
    'current code with `npm run cli -- demo totp <email>`.',
    'To try sign-up by membership proof, use one of these (membership number, date of birth):',
    ...demo.unregistered.map((entry) => `  ${entry.membershipNumber}  ${entry.dateOfBirth}  ${entry.name}`),
    '',
    `Sign in: POST ${address}/api/auth/sign-in/email  {"email": "...", "password": "..."}`,
    `Then:    GET  ${address}/api/v1/me  (with the session cookie)`,
    '',
  ];
  return lines.join('\n');
}

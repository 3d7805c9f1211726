import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { CaseStatus } from '../../shared/cases.js';
import type { RequestContext } from '../platform/context.js';
import type { Tx } from '../platform/db/index.js';
import { opinionCase } from '../modules/cases/schema.js';
import { staffProfile, user, userProfile } from '../modules/identity/schema.js';
import * as register from '../modules/plans/repo.js';
import { employer, member, planProduct } from '../modules/plans/schema.js';
import { specialist } from '../modules/specialists/schema.js';
import { demoTopics, ligamentTear, type DemoLanguage } from './case-stories.js';
import { CaseWriter, type Person, type Reviewer, type Staff } from './case-writer.js';
import { seedDemoRecordsAndFollowups } from './records-and-followups.js';
import { seedDemoCompany } from './company.js';

/*
 * The demo's cases: about a hundred and twenty, for the demo members, the demo company's people
 * (company.ts) and for members who used the service
 * before (accounts without a password: nobody signs in as them), in their languages and countries,
 * across every state of the lifecycle, with the timeline, contacts, specialist reviews and
 * opinions, recommendations, check-ins and what members did afterwards, the case outcomes, and
 * service reviews in each moderation state. Drawn from a fixed seed, so every demo shows the same
 * cases; written in one transaction as the rooms would have left them (timeline, case managers'
 * loads, specialists' places, the 24-hour clocks of the cases not contacted yet), with the clock
 * moved back for their history. Nothing here is audited: no person read or changed anything.
 */

/** Members who asked before: [member number, given, family, born, country, language, time zone, city, plan]. */
const pastMembers: [string, string, string, string, string, DemoLanguage, string, string, string][] = [
  ['MHI-400101-01', 'Camille', 'Dubois', '1972-04-11', 'FR', 'fr', 'Europe/Paris', 'Lyon', 'MHI-GLOBAL-IND'],
  [
    'MHI-400102-01',
    'Youssef',
    'Benali',
    '1966-09-23',
    'MA',
    'fr',
    'Africa/Casablanca',
    'Casablanca',
    'MHI-GLOBAL-FAM',
  ],
  [
    'MHI-400103-01',
    'Lucía',
    'Fernández',
    '1981-02-05',
    'ES',
    'es',
    'Europe/Madrid',
    'Sevilla',
    'MHI-COMPANY',
  ],
  [
    'MHI-400104-01',
    'Mateo',
    'González',
    '1958-12-17',
    'MX',
    'es',
    'America/Mexico_City',
    'Guadalajara',
    'MHI-GLOBAL-IND',
  ],
  [
    'MHI-400105-01',
    'Valentina',
    'Herrera',
    '1990-06-30',
    'CO',
    'es',
    'America/Bogota',
    'Medellín',
    'MHI-GLOBAL-FAM',
  ],
  [
    'MHI-400106-01',
    'Klaus',
    'Schneider',
    '1961-03-08',
    'DE',
    'de',
    'Europe/Berlin',
    'Hamburg',
    'MHI-GLOBAL-IND',
  ],
  ['MHI-400107-01', 'Anna', 'Huber', '1977-10-14', 'AT', 'de', 'Europe/Vienna', 'Graz', 'MHI-COMPANY'],
  ['MHI-400108-01', 'Marco', 'Bianchi', '1969-07-21', 'IT', 'it', 'Europe/Rome', 'Torino', 'MHI-GLOBAL-IND'],
  [
    'MHI-400109-01',
    'Francesca',
    'Romano',
    '1985-01-29',
    'IT',
    'it',
    'Europe/Rome',
    'Napoli',
    'MHI-GLOBAL-FAM',
  ],
  ['MHI-400110-01', 'João', 'Silva', '1963-05-02', 'PT', 'pt', 'Europe/Lisbon', 'Porto', 'MHI-GLOBAL-IND'],
  [
    'MHI-400111-01',
    'Mariana',
    'Costa',
    '1979-08-19',
    'BR',
    'pt',
    'America/Sao_Paulo',
    'Campinas',
    'MHI-COMPANY',
  ],
  ['MHI-400112-01', 'Li', 'Na', '1970-11-03', 'CN', 'zh-CN', 'Asia/Shanghai', 'Shanghai', 'MHI-GLOBAL-IND'],
  [
    'MHI-400113-01',
    'Chen',
    'Jie',
    '1983-03-27',
    'SG',
    'zh-CN',
    'Asia/Singapore',
    'Singapore',
    'MHI-GLOBAL-FAM',
  ],
  [
    'MHI-400114-01',
    'Omar',
    'Al-Farsi',
    '1968-12-09',
    'AE',
    'ar',
    'Asia/Dubai',
    'Abu Dhabi',
    'MHI-GLOBAL-IND',
  ],
  ['MHI-400115-01', 'Layla', 'Nasser', '1987-04-25', 'SA', 'ar', 'Asia/Riyadh', 'Jeddah', 'MHI-COMPANY'],
  [
    'MHI-400116-01',
    'Hana',
    'Mahmoud',
    '1974-09-12',
    'EG',
    'ar',
    'Africa/Cairo',
    'Alexandria',
    'MHI-GLOBAL-FAM',
  ],
  [
    'MHI-400117-01',
    'James',
    'Whitfield',
    '1960-02-14',
    'GB',
    'en',
    'Europe/London',
    'Leeds',
    'MHI-GLOBAL-IND',
  ],
  ['MHI-400118-01', 'Priya', 'Raman', '1988-07-07', 'IN', 'en', 'Asia/Kolkata', 'Bengaluru', 'MHI-COMPANY'],
  ['MHI-400119-01', 'Daniel', 'Okafor', '1976-10-01', 'NG', 'en', 'Africa/Lagos', 'Lagos', 'MHI-GLOBAL-FAM'],
  [
    'MHI-400120-01',
    'Emily',
    'Carter',
    '1993-12-22',
    'US',
    'en',
    'America/New_York',
    'Boston',
    'MHI-GLOBAL-IND',
  ],
];

/** Who looks after each language: the demo case managers (seed.ts), by what they speak. */
const caseManagerOf: Record<DemoLanguage, string> = {
  en: 'amelie.laurent@demo.consilium.test',
  fr: 'amelie.laurent@demo.consilium.test',
  es: 'elena.garcia@demo.consilium.test',
  pt: 'elena.garcia@demo.consilium.test',
  de: 'thomas.weber@demo.consilium.test',
  it: 'thomas.weber@demo.consilium.test',
  'zh-CN': 'mei.lin@demo.consilium.test',
  ar: 'karim.mansour@demo.consilium.test',
};

/** How many of the past members' cases stand in each state: 90 in all. */
const statusMix: [CaseStatus, number][] = [
  ['submitted', 1],
  ['assigned', 4],
  ['contacted', 4],
  ['gathering_information', 5],
  ['under_review', 6],
  ['opinion_ready', 5],
  ['recommendations_delivered', 9],
  ['monitoring', 24],
  ['closed', 28],
  ['withdrawn', 4],
];

/** The demo accounts' own cases: one in progress and one delivered (or more), as their pages show. */
const accountCases: { email: string; statuses: CaseStatus[] }[] = [
  { email: 'amira.haddad@demo.consilium.test', statuses: ['gathering_information', 'monitoring'] },
  { email: 'sophie.martin@demo.consilium.test', statuses: ['under_review', 'closed'] },
  { email: 'carlos.ruiz@demo.consilium.test', statuses: ['contacted', 'recommendations_delivered'] },
];

/**
 * The cases of the two referral journeys (docs/referrals.md), written after the others: Amira in
 * Dubai, whose torn ligament's recommendations are delivered (her plan, in dirhams, pre-authorises
 * day-case surgery and leaves her the co-insurance); and Carlos, posted to Casablanca, whose
 * company plan covers Europe only, so that a treatment where he is is not covered, with the rule.
 */
const referralJourneys: { email: string; where?: Pick<Person, 'country' | 'city' | 'timeZone'> }[] = [
  { email: 'amira.haddad@demo.consilium.test' },
  {
    email: 'carlos.ruiz@demo.consilium.test',
    where: { country: 'MA', city: 'Casablanca', timeZone: 'Africa/Casablanca' },
  },
];

/** Whether the demo has its cases already (a second start adds nothing). */
async function hasCases(tx: Tx): Promise<boolean> {
  const [row] = await tx.select({ id: opinionCase.id }).from(opinionCase).limit(1);
  return row !== undefined;
}

async function userIdsByEmail(tx: Tx, emails: string[]): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: user.id, email: user.email })
    .from(user)
    .where(inArray(user.email, emails));
  return new Map(rows.map((row) => [row.email, row.id]));
}

/** The past members in the register, each with an account that has no password. */
async function addPastMembers(tx: Tx, now: Date): Promise<Person[]> {
  const plans = new Map(
    (await tx.select({ id: planProduct.id, code: planProduct.code }).from(planProduct)).map((p) => [
      p.code,
      p.id,
    ]),
  );
  const people: Person[] = [];
  for (const [
    number,
    givenName,
    familyName,
    dateOfBirth,
    country,
    language,
    timeZone,
    city,
    plan,
  ] of pastMembers) {
    const membershipId = await register.upsertMembership(tx, {
      id: uuidv7(),
      membershipNumber: number.slice(0, -3),
      planProductId: plans.get(plan)!,
      employerId: null,
      startDate: '2022-01-01',
      endDate: null,
      now,
    });
    const memberId = await register.upsertMember(tx, {
      id: uuidv7(),
      membershipId,
      memberNumber: number,
      relationship: 'holder',
      givenName,
      familyName,
      dateOfBirth,
      country,
      preferredLanguage: language,
      guardianMemberId: null,
      now,
    });
    const userId = uuidv7();
    await tx.insert(user).values({
      id: userId,
      name: `${givenName} ${familyName}`,
      email: `${number.toLowerCase()}@past-members.demo.consilium.test`,
      emailVerified: true,
      createdAt: now,
      updatedAt: now,
    });
    await tx
      .insert(userProfile)
      .values({ userId, role: 'member', memberId, locale: language, timeZone, country });
    people.push({ memberId, userId, language, country, city, timeZone });
  }
  return people;
}

async function demoAccountsAsPeople(tx: Tx): Promise<Map<string, Person>> {
  const rows = await tx
    .select({
      email: user.email,
      userId: user.id,
      memberId: member.id,
      language: member.preferredLanguage,
      country: member.country,
      timeZone: userProfile.timeZone,
    })
    .from(user)
    .innerJoin(userProfile, eq(userProfile.userId, user.id))
    .innerJoin(member, eq(member.id, userProfile.memberId))
    .where(
      inArray(
        user.email,
        accountCases.map((entry) => entry.email),
      ),
    );
  const cities: Record<string, string> = { AE: 'Dubai', FR: 'Paris', ES: 'Madrid' };
  return new Map(
    rows.map((row) => [
      row.email,
      {
        memberId: row.memberId,
        userId: row.userId,
        language: row.language as DemoLanguage,
        country: row.country,
        city: cities[row.country] ?? 'London',
        timeZone: row.timeZone,
      },
    ]),
  );
}

/**
 * Three reviewing specialists of each topic's specialty, each given a desk account (without a
 * password: nobody signs in as them) so that their opinions have an author.
 */
async function reviewers(tx: Tx, now: Date): Promise<Map<string, Reviewer[]>> {
  const bySpecialty = new Map<string, Reviewer[]>();
  for (const topic of demoTopics) {
    const rows = await tx
      .select({ id: specialist.id, name: specialist.name, languages: specialist.languages })
      .from(specialist)
      .where(
        and(
          eq(specialist.acceptsReviews, true),
          isNull(specialist.userId),
          sql`${topic.specialty} = ANY(${specialist.specialtyCodes})`,
        ),
      )
      .orderBy(asc(specialist.id))
      .limit(3);
    const reviewersOfTopic: Reviewer[] = [];
    for (const row of rows) {
      const userId = uuidv7();
      await tx.insert(user).values({
        id: userId,
        name: row.name,
        email: `specialist-${row.id.slice(-12)}@network.demo.consilium.test`,
        emailVerified: true,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(userProfile).values({ userId, role: 'specialist', locale: 'en', timeZone: 'UTC' });
      await tx.insert(staffProfile).values({ userId, languages: row.languages, maxOpenCases: 0 });
      await tx.update(specialist).set({ userId }).where(eq(specialist.id, row.id));
      reviewersOfTopic.push({ specialistId: row.id, userId });
    }
    bySpecialty.set(topic.specialty, reviewersOfTopic);
  }
  return bySpecialty;
}

/** The demo company and its plan (seed.ts), when the register has them. */
async function demoCompany(tx: Tx): Promise<{ employerId: string; planProductId: string } | undefined> {
  const [company] = await tx
    .select({ employerId: employer.id, planProductId: planProduct.id })
    .from(employer)
    .innerJoin(planProduct, eq(planProduct.code, 'MHI-COMPANY'))
    .where(eq(employer.code, 'ATLAS-LOGISTICS'));
  return company;
}

export async function seedDemoCases(ctx: RequestContext): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if (await hasCases(tx)) return 0;
    const emails = [...new Set(Object.values(caseManagerOf))];
    const ids = await userIdsByEmail(tx, [
      ...emails,
      'moderator@demo.consilium.test',
      'ops@demo.consilium.test',
    ]);
    const [desk] = await tx
      .select({ specialistId: specialist.id, userId: specialist.userId })
      .from(specialist)
      .where(isNotNull(specialist.userId))
      .orderBy(asc(specialist.id))
      .limit(1);
    const staff: Staff = {
      caseManagerByLanguage: Object.fromEntries(
        Object.entries(caseManagerOf).map(([language, email]) => [language, ids.get(email)!]),
      ) as Record<DemoLanguage, string>,
      moderatorId: ids.get('moderator@demo.consilium.test')!,
      opsId: ids.get('ops@demo.consilium.test')!,
      desk: desk?.userId ? { specialistId: desk.specialistId, userId: desk.userId } : null,
    };
    // The demo specialist's desk account is taken before the network's reviewers get theirs.
    const specialists = await reviewers(tx, now);
    const people = await addPastMembers(tx, now);
    const accounts = await demoAccountsAsPeople(tx);

    const plans: { person: Person; status: CaseStatus; forAccount: boolean }[] = [];
    let index = 0;
    for (const [status, count] of statusMix) {
      for (let n = 0; n < count; n += 1)
        plans.push({ person: people[index++ % people.length]!, status, forAccount: false });
    }
    for (const entry of accountCases) {
      const person = accounts.get(entry.email);
      if (person) for (const status of entry.statuses) plans.push({ person, status, forAccount: true });
    }
    const writer = new CaseWriter(tx, now, staff, specialists);
    for (const plan of plans) await writer.write(plan.person, plan.status, plan.forAccount);
    const company = await demoCompany(tx);
    const companyCases = company ? await seedDemoCompany(tx, writer, company, now) : 0;
    for (const journey of referralJourneys) {
      const person = accounts.get(journey.email);
      if (!person) continue;
      await writer.write({ ...person, ...journey.where }, 'recommendations_delivered', true, {
        story: ligamentTear,
      });
      plans.push({ person, status: 'recommendations_delivered', forAccount: true });
    }
    await writer.finish();
    // Records from the treating doctors in each state, and a follow-up question answered.
    await seedDemoRecordsAndFollowups(tx, now, staff.desk?.specialistId ?? null);
    return plans.length + companyCases;
  });
}

import { v7 as uuidv7 } from 'uuid';
import type { CaseStatus } from '../../shared/cases.js';
import type { Tx } from '../platform/db/index.js';
import { user, userProfile } from '../modules/identity/schema.js';
import { publishedQuarters } from '../modules/employers/quarters.js';
import * as register from '../modules/plans/repo.js';
import type { DemoLanguage } from './case-stories.js';
import type { CaseWriter, Person } from './case-writer.js';

/*
 * The demo company's people (Atlas Logistics S.A., on the company plan): three dozen employees in
 * six countries, most of whom asked for a second opinion in the last published quarter, so that
 * the employer's hub shows numbers after `npm start`, and "fewer than 5" where a country, an age
 * band or a star count has fewer than five people behind it.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Where they work: [country, language, time zone, city, given names, family names]. */
const offices: [string, DemoLanguage, string, string, string[], string[]][] = [
  [
    'ES',
    'es',
    'Europe/Madrid',
    'Zaragoza',
    ['Marta', 'Javier', 'Lucía', 'Pablo', 'Carmen', 'Sergio', 'Elena', 'Raúl', 'Nuria', 'Iván'],
    ['García', 'López', 'Martín', 'Sánchez', 'Pérez', 'Gómez', 'Navarro', 'Torres', 'Ramos'],
  ],
  [
    'PT',
    'pt',
    'Europe/Lisbon',
    'Lisboa',
    ['Inês', 'Tiago', 'Beatriz', 'Rui', 'Catarina', 'Nuno'],
    ['Ferreira', 'Santos', 'Pereira', 'Oliveira'],
  ],
  ['FR', 'fr', 'Europe/Paris', 'Lyon', ['Claire', 'Hugo', 'Manon', 'Julien', 'Chloé'], ['Moreau', 'Girard']],
  ['DE', 'de', 'Europe/Berlin', 'Hamburg', ['Jana', 'Felix', 'Lena'], ['Becker', 'Wagner']],
  ['IT', 'it', 'Europe/Rome', 'Genova', ['Giulia', 'Luca'], ['Ferrari', 'Esposito']],
  ['MA', 'ar', 'Africa/Casablanca', 'Tanger', ['Salma', 'Karim'], ['El Idrissi', 'Bennani']],
];

/** How many in each office: 36 in all. */
const headcount = [18, 6, 5, 3, 2, 2];

/** Where each request stood, in turn: most delivered and followed up, a few closed or withdrawn. */
const statusCycle: CaseStatus[] = ['monitoring', 'closed', 'monitoring', 'closed', 'monitoring', 'withdrawn'];

/** One in six employees did not ask for an opinion in the quarter. */
const asked = (index: number) => index % 6 !== 5;

/** The employees in the register, on the company plan, each with an account that has no password. */
async function addEmployees(tx: Tx, employerId: string, planProductId: string, now: Date): Promise<Person[]> {
  const people: Person[] = [];
  let number = 0;
  for (const [office, [country, language, timeZone, city, givenNames, familyNames]] of offices.entries()) {
    for (let n = 0; n < headcount[office]!; n += 1) {
      number += 1;
      const membershipNumber = `MHI-5${String(number).padStart(5, '0')}`;
      const givenName = givenNames[n % givenNames.length]!;
      const familyName = familyNames[(n + office) % familyNames.length]!;
      // Born between 1961 and 2003: every age band of the hub but the under-18s.
      const dateOfBirth = `${1961 + ((number * 7) % 43)}-${String((number % 12) + 1).padStart(2, '0')}-${String((number % 27) + 1).padStart(2, '0')}`;
      const membershipId = await register.upsertMembership(tx, {
        id: uuidv7(),
        membershipNumber,
        planProductId,
        employerId,
        startDate: '2024-01-01',
        endDate: null,
        now,
      });
      const memberId = await register.upsertMember(tx, {
        id: uuidv7(),
        membershipId,
        memberNumber: `${membershipNumber}-01`,
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
        email: `${membershipNumber.toLowerCase()}@atlas-logistics.demo.consilium.test`,
        emailVerified: true,
        createdAt: now,
        updatedAt: now,
      });
      await tx
        .insert(userProfile)
        .values({ userId, role: 'member', memberId, locale: language, timeZone, country });
      people.push({ memberId, userId, language, country, city, timeZone });
    }
  }
  return people;
}

/**
 * Seeds the company's people and their requests of the last quarter the hub publishes, spread over
 * its three months (none in its last ten days, so that their reviews end in it too). Returns how
 * many cases it wrote.
 */
export async function seedDemoCompany(
  tx: Tx,
  writer: CaseWriter,
  company: { employerId: string; planProductId: string },
  now: Date,
): Promise<number> {
  const quarter = publishedQuarters(now, new Date(0), 1)[0];
  if (!quarter) return 0;
  const people = await addEmployees(tx, company.employerId, company.planProductId, now);
  const askers = people.filter((_, index) => asked(index));
  const span = quarter.end.getTime() - quarter.start.getTime() - 10 * DAY;
  for (const [index, person] of askers.entries()) {
    const submittedAt = new Date(
      quarter.start.getTime() + (span * index) / askers.length + (index % 9) * HOUR,
    );
    await writer.write(person, statusCycle[index % statusCycle.length]!, false, { submittedAt });
  }
  return askers.length;
}

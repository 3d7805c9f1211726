import { expect } from 'vitest';
import type { Browser } from './client.js';
import { givenMemberSignedIn, givenRegister, givenStaffSignedIn } from './factories.js';
import type { TestServer } from './server.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

export interface SweepCast {
  member: Browser;
  manager: Browser;
  ops: Browser;
  /** The member's case, assigned to the case manager. */
  caseId: string;
}

/**
 * The people the sweeps act as, over the whole API: a member with a case, the Spanish-speaking
 * case manager it went to, and operations.
 */
export async function givenSweepCast(server: TestServer, memberEmail: string): Promise<SweepCast> {
  await givenRegister(server);
  const manager = (
    await givenStaffSignedIn(server, 'case_manager', {
      languages: ['es'],
      weeklyShifts: allWeek,
      maxOpenCases: 5,
    })
  ).browser;
  const ops = (await givenStaffSignedIn(server, 'ops')).browser;
  const member = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    memberEmail,
  );
  const submitted = await member.post('/api/v1/cases', {
    concern: 'Worried',
    diagnosisReceived: 'Something',
    questions: ['Why?'],
    preferredLanguage: 'es',
    contactChannel: 'phone',
    contactPhone: '+34 612 34 56 78',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Madrid' },
  });
  expect(submitted.status).toBe(201);
  return { member, manager, ops, caseId: submitted.body.id };
}

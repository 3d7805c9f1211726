import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmployerHubFigures, PublishedCount } from '../../../shared/employers.js';
import type { DiagnosisVerdict, TreatmentVerdict } from '../../../shared/reviews.js';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { givenNetworkSpecialist } from '../../../../test/support/reviews.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import * as register from '../plans/repo.js';
import { publishedQuarters, quarterOf, type Quarter } from './quarters.js';

/**
 * The employer's hub, told as its users live it: Acme's HR sees its quarter in aggregates only,
 * every count under 5 hidden with the cells that would give it away; they cannot ask for anyone
 * else's company, a single person, a day or a breakdown off the list; an attacker holding every
 * table the API serves cannot work out a hidden count. (The add-ons of Acme's plans: add-ons.test.ts.)
 *
 * The quarter's requests and ratings are history: they are written into the database as they
 * would have been over that quarter (the API only ever writes the present).
 */

const DAY = 24 * 60 * 60 * 1000;

let server: TestServer;
let acme: string;
let globex: string;
let hr: Browser;
let globexHr: Browser;
let fatima: Browser;
let fatimaUserId: string;
let quarter: Quarter;
let corpPlanId: string;
const people: { id: string; country: string }[] = [];
const reviewers: string[] = [];

/** Someone covered by a company plan since 2020: a membership of their own, numbered after `number`. */
async function givenEmployee(input: {
  number: string;
  employerId: string;
  planProductId: string;
  country: string;
  dateOfBirth: string;
}): Promise<string> {
  const now = server.clock.now();
  return server.runtime.db.transaction(async (tx) => {
    const membershipId = await register.upsertMembership(tx, {
      id: uuidv7(),
      membershipNumber: input.number,
      planProductId: input.planProductId,
      employerId: input.employerId,
      startDate: '2020-01-01',
      endDate: null,
      now,
    });
    return register.upsertMember(tx, {
      id: uuidv7(),
      membershipId,
      memberNumber: `${input.number}-01`,
      relationship: 'holder',
      givenName: 'Employee',
      familyName: input.number,
      dateOfBirth: input.dateOfBirth,
      country: input.country,
      preferredLanguage: 'en',
      guardianMemberId: null,
      now,
    });
  });
}

/** A request from the past: submitted on a day of the quarter, contacted in time or not. */
async function givenPastRequest(memberId: string, submittedAt: Date, contact: 'in_time' | 'late') {
  const id = uuidv7();
  const due = new Date(submittedAt.getTime() + DAY);
  const contactedAt = new Date(due.getTime() + (contact === 'in_time' ? -2 : 5) * 60 * 60 * 1000);
  await server.sql.query(
    `INSERT INTO opinion_case (id, number, status, member_id, requested_by_user_id, concern, questions,
       preferred_language, contact_channel, time_zone, location_country, location_city,
       submitted_at, first_contact_due_at, first_contacted_at, closed_at)
     VALUES ($1, $2, 'closed', $3, $4, 'A concern', ARRAY['A question'], 'en', 'phone', 'UTC', 'ES',
       'Madrid', $5, $6, $7, $7)`,
    [id, `SMO-T-${id.slice(-8)}`, memberId, fatimaUserId, submittedAt, due, contactedAt],
  );
  return id;
}

/** A verified rating written during the quarter (by Fatima's account: a member's, so it counts). */
async function givenPastRating(caseId: string, memberId: string, stars: number, writtenAt: Date) {
  await server.sql.query(
    `INSERT INTO service_review (id, case_id, member_id, author_user_id, stars, title, text, language,
       status, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'Title', 'Words', 'en', 'published', $6, $6)`,
    [uuidv7(), caseId, memberId, fatimaUserId, stars, writtenAt],
  );
}

/**
 * A specialist review of a past request, complete on a day of the quarter: one opinion per
 * specialist of the panel, with these verdicts; a panel that disagreed may have been reconciled by
 * the case manager at `decidedAt`.
 */
async function givenPastReview(
  caseId: string,
  verdicts: [DiagnosisVerdict, TreatmentVerdict][],
  completedAt: Date,
  decided?: { at: Date; verdicts: [DiagnosisVerdict, TreatmentVerdict] },
) {
  const reviewId = uuidv7();
  await server.sql.query(
    `INSERT INTO review (id, case_id, requested_by_user_id, summary, questions, document_ids, panel_size,
       offer_window_minutes, due_within_minutes, reminder_before_minutes, candidate_ids,
       offer_next_on_decline, status, created_at, updated_at, completed_at)
     VALUES ($1, $2, $3, 'A second look', '[]', ARRAY[]::uuid[], $4, 720, 2880, 720, ARRAY[]::uuid[],
       false, 'complete', $5, $5, $5)`,
    [reviewId, caseId, fatimaUserId, verdicts.length, completedAt],
  );
  for (const [index, [diagnosis, treatment]] of verdicts.entries()) {
    const offerId = uuidv7();
    await server.sql.query(
      `INSERT INTO review_offer (id, review_id, case_id, specialist_id, status, offered_at, expires_at, submitted_at)
       VALUES ($1, $2, $3, $4, 'submitted', $5, $5, $5)`,
      [offerId, reviewId, caseId, reviewers[index], completedAt],
    );
    await server.sql.query(
      `INSERT INTO review_opinion (id, offer_id, review_id, case_id, specialist_id, version, diagnosis_verdict,
         treatment_verdict, further_tests, answers, narrative, "references", content_hash,
         submitted_by_user_id, submitted_at)
       VALUES ($1, $2, $3, $4, $5, 1, $6, $7, '[]', '[]', 'Narrative', '[]', 'hash', $8, $9)`,
      [
        uuidv7(),
        offerId,
        reviewId,
        caseId,
        reviewers[index],
        diagnosis,
        treatment,
        fatimaUserId,
        completedAt,
      ],
    );
  }
  if (decided)
    await server.sql.query(
      `INSERT INTO case_outcome (case_id, diagnosis_verdict, treatment_verdict, decided_by_user_id, decided_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [caseId, decided.verdicts[0], decided.verdicts[1], fatimaUserId, decided.at],
    );
}

/** The figures, or the problem document of a refusal. */
const figures = async (who: Browser, query: string, employerId = acme) =>
  who.get<EmployerHubFigures & { code?: string }>(`/api/v1/employer-hub/${employerId}/figures?${query}`);

const count = (value: number): PublishedCount => ({ kind: 'count', value });
const fewer: PublishedCount = { kind: 'fewer_than_5' };

beforeAll(async () => {
  server = await startTestServer();
  const registered = await givenRegister(server);
  acme = registered.employerId;
  globex = registered.otherEmployerId;
  const plans = await server.sql.query(`SELECT id, code FROM plan_product`);
  const planId = (code: string) => plans.rows.find((row) => row.code === code)!.id as string;
  corpPlanId = planId('CORP');
  const executive = await server.runtime.db.transaction(async (tx) => {
    const [insurer] = (await server.sql.query(`SELECT id FROM insurer WHERE code = 'TST'`)).rows;
    return register.upsertPlanProduct(tx, {
      id: uuidv7(),
      insurerId: insurer.id,
      code: 'EXEC',
      name: 'Executive Health',
      kind: 'company',
      services: ['second_medical_opinion'],
      now: server.clock.now(),
    });
  });

  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@acme.test',
  );
  fatimaUserId = (await server.sql.query(`SELECT id FROM "user" WHERE email = 'fatima@acme.test'`)).rows[0]
    .id;
  hr = (await givenStaffSignedIn(server, 'employer_admin', { employerId: acme })).browser;
  globexHr = (await givenStaffSignedIn(server, 'employer_admin', { employerId: globex })).browser;

  // The last quarter published today: over, and settled for a month.
  quarter = publishedQuarters(server.clock.now(), new Date(0))[0]!;

  // Acme: Fatima and 24 more in Spain on the company plan, 6 in Portugal on the executive plan,
  // and one person alone in France. Globex: 3 people in Spain.
  people.push({ id: registered.members.fatima, country: 'ES' });
  const births = [
    ...Array.from({ length: 8 }, () => '2000-05-05'),
    ...Array.from({ length: 10 }, () => '1985-05-05'),
    ...Array.from({ length: 6 }, () => '1970-05-05'),
  ];
  for (const [index, dateOfBirth] of births.entries()) {
    const id = await givenEmployee({
      number: `ACME-ES-${index}`,
      employerId: acme,
      planProductId: corpPlanId,
      country: 'ES',
      dateOfBirth,
    });
    people.push({ id, country: 'ES' });
  }
  for (let index = 0; index < 6; index += 1) {
    const id = await givenEmployee({
      number: `ACME-PT-${index}`,
      employerId: acme,
      planProductId: executive,
      country: 'PT',
      dateOfBirth: '1972-03-03',
    });
    people.push({ id, country: 'PT' });
  }
  const lone = await givenEmployee({
    number: 'ACME-FR-0',
    employerId: acme,
    planProductId: corpPlanId,
    country: 'FR',
    dateOfBirth: '1960-01-01',
  });
  people.push({ id: lone, country: 'FR' });
  const globexPeople = [];
  for (let index = 0; index < 3; index += 1)
    globexPeople.push(
      await givenEmployee({
        number: `GLOBEX-${index}`,
        employerId: globex,
        planProductId: corpPlanId,
        country: 'ES',
        dateOfBirth: '1990-01-01',
      }),
    );

  // The quarter's requests: 7 in each month; the lone French employee asks in the second month and
  // is contacted late, as are two others; 8 of them rate the service.
  const spanish = people.filter((person) => person.country === 'ES');
  const portuguese = people.filter((person) => person.country === 'PT');
  const day = (month: number, date: number) =>
    new Date(Date.UTC(quarter.year, (quarter.index - 1) * 3 + month, date, 10));
  const asks: { memberId: string; at: Date; late: boolean }[] = [
    ...spanish.slice(0, 7).map((person, i) => ({ memberId: person.id, at: day(0, 3 + i), late: i === 0 })),
    ...spanish.slice(7, 13).map((person, i) => ({ memberId: person.id, at: day(1, 3 + i), late: i === 0 })),
    { memberId: lone, at: day(1, 20), late: true },
    ...spanish.slice(13, 18).map((person, i) => ({ memberId: person.id, at: day(2, 3 + i), late: false })),
    ...portuguese.slice(0, 2).map((person, i) => ({ memberId: person.id, at: day(2, 12 + i), late: false })),
  ];
  const requests = [];
  for (const ask of asks)
    requests.push({
      ...ask,
      caseId: await givenPastRequest(ask.memberId, ask.at, ask.late ? 'late' : 'in_time'),
    });
  const stars = [5, 5, 5, 5, 5, 4, 4];
  for (const [index, given] of stars.entries())
    await givenPastRating(requests[index]!.caseId, requests[index]!.memberId, given, day(2, 25));
  const french = requests.find((request) => request.memberId === lone)!;
  await givenPastRating(french.caseId, lone, 1, day(2, 25));
  // What the opinions changed: 14 of the Spanish requests reviewed (3 diagnoses changed, 6
  // treatments), the lone French one (both changed) and the two Portuguese ones (both confirmed).
  // A panel that disagrees and waits for its case manager is no outcome yet; one reconciled after
  // the quarter counts in the quarter it was decided.
  reviewers.push(await givenNetworkSpecialist(server), await givenNetworkSpecialist(server));
  const reviewedOn = day(2, 20);
  const spanishRequests = requests.filter((request) =>
    spanish.some((person) => person.id === request.memberId),
  );
  for (const [index, request] of spanishRequests.slice(0, 14).entries())
    await givenPastReview(
      request.caseId,
      [[index < 3 ? 'changed' : 'confirmed', index < 12 && index % 2 === 0 ? 'modified' : 'confirmed']],
      reviewedOn,
    );
  await givenPastReview(french.caseId, [['changed', 'changed']], reviewedOn);
  for (const request of requests.filter((request) =>
    portuguese.some((person) => person.id === request.memberId),
  ))
    await givenPastReview(request.caseId, [['confirmed', 'confirmed']], reviewedOn);
  const disagreeing: [DiagnosisVerdict, TreatmentVerdict][] = [
    ['changed', 'changed'],
    ['confirmed', 'confirmed'],
  ];
  await givenPastReview(spanishRequests[14]!.caseId, disagreeing, reviewedOn);
  await givenPastReview(spanishRequests[15]!.caseId, disagreeing, reviewedOn, {
    at: new Date(quarter.end.getTime() + DAY),
    verdicts: ['changed', 'changed'],
  });
  // Globex's requests and a request of Acme's from the quarter before are not this quarter's.
  for (const memberId of globexPeople) await givenPastRequest(memberId, day(1, 5), 'in_time');
  await givenPastRequest(spanish[20]!.id, new Date(quarter.start.getTime() - 10 * DAY), 'in_time');
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("Acme's HR reads the quarter's figures", () => {
  it('sees the company as a whole, with every count under 5 hidden and what would give it away withheld', async () => {
    const answer = await figures(hr, `quarter=${quarter.label}`);
    expect(answer.status).toBe(200);
    const hub = answer.body;
    expect(hub.employer).toEqual({ id: acme, name: 'Acme Ltd' });
    expect(hub.groups).toEqual([]);
    expect(hub.eligibleMembers.total).toEqual(count(32));
    expect(hub.uptake.service).toBe('second_medical_opinion');
    expect(hub.uptake.months.map((month) => month.row.total)).toEqual([count(7), count(7), count(7)]);
    expect(hub.uptake.total.total).toEqual(count(21));
    // Three late contacts are fewer than 5: the kept ones would give them away, so they are withheld.
    expect(hub.firstContact.missed.total).toEqual(fewer);
    expect(hub.firstContact.kept.total).toEqual({ kind: 'withheld' });
    expect(hub.firstContact.decided.total).toEqual(count(21));
    expect(hub.firstContact.keptShare).toBeNull();
    expect(hub.reviews.distribution).toEqual({ 5: count(5), 4: fewer, 3: fewer, 2: fewer, 1: fewer });
    expect(hub.reviews.count).toEqual(count(8));
    // An average beside hidden star counts could give them away.
    expect(hub.reviews.average).toBeNull();
    // What the opinions changed: 17 cases with an outcome, 4 diagnoses changed (fewer than 5, and
    // so the 13 that stood are withheld), 7 treatment plans modified or changed.
    expect(hub.outcomes.cases.total).toEqual(count(17));
    expect(hub.outcomes.diagnosisChanged.total).toEqual(fewer);
    expect(hub.outcomes.diagnosisNotChanged.total).toEqual({ kind: 'withheld' });
    expect(hub.outcomes.treatmentChanged.total).toEqual(count(7));
    expect(hub.outcomes.treatmentNotChanged.total).toEqual(count(10));
    expect(hub.outcomes.diagnosisChangedShare).toBeNull();
    expect(hub.outcomes.treatmentChangedShare).toBe(0.412);
  });

  it('sees the lone employee in France as "fewer than 5", and Portugal withheld so France cannot be worked out', async () => {
    const answer = await figures(hr, `quarter=${quarter.label}&breakdown=country`);
    expect(answer.status).toBe(200);
    const hub = answer.body;
    expect(hub.groups.map((group) => group.key)).toEqual(['ES', 'FR', 'PT']);
    expect(hub.eligibleMembers).toEqual({
      byGroup: [count(25), fewer, { kind: 'withheld' }],
      total: count(32),
    });
    const secondMonth = hub.uptake.months[1]!.row;
    expect(secondMonth.byGroup[1]).toEqual(fewer);
    // The French outcome too: one case, whose diagnosis and treatment both changed.
    expect(hub.outcomes.cases.byGroup[1]).toEqual(fewer);
    expect(hub.outcomes.diagnosisChanged.byGroup[1]).toEqual(fewer);
    expect(JSON.stringify(hub)).not.toMatch(/"value":1\b/);
  });

  it('splits by plan and by age band with the same totals', async () => {
    const byPlan = (await figures(hr, `quarter=${quarter.label}&breakdown=plan`)).body;
    expect(byPlan.groups).toEqual([
      { key: 'CORP', name: 'CORP' },
      { key: 'EXEC', name: 'Executive Health' },
    ]);
    expect(byPlan.eligibleMembers.byGroup).toEqual([count(26), count(6)]);
    const byAge = (await figures(hr, `quarter=${quarter.label}&breakdown=age_band`)).body;
    expect(byAge.groups.map((group) => group.key)).toEqual([
      'under_18',
      '18_29',
      '30_44',
      '45_59',
      '60_plus',
    ]);
    expect(byAge.eligibleMembers.total).toEqual(byPlan.eligibleMembers.total);
    expect(byAge.uptake.total.total).toEqual(byPlan.uptake.total.total);
  });

  it('leaves one line in the access trail per read, naming the quarter and the breakdown, and no person', async () => {
    const before = await server.sql.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'employer_hub.read'`,
    );
    await figures(hr, `quarter=${quarter.label}&breakdown=plan`);
    const rows = await server.sql.query(
      `SELECT entity_type, entity_id, subject_member_id, subject_member_ids, details, purpose
         FROM audit_event WHERE action = 'employer_hub.read' ORDER BY occurred_at DESC, id DESC LIMIT 1`,
    );
    const after = await server.sql.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'employer_hub.read'`,
    );
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
    expect(rows.rows[0]).toEqual({
      entity_type: 'employer',
      entity_id: acme,
      subject_member_id: null,
      subject_member_ids: null,
      details: { quarter: quarter.label, breakdown: 'plan' },
      purpose: 'administration',
    });
  });
});

describe('what the hub refuses', () => {
  const hubReads = async () =>
    (await server.sql.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'employer_hub.read'`))
      .rows[0].n;

  it("Acme's HR asking for Globex's figures finds nothing there, and Globex's HR nothing of Acme's", async () => {
    const reads = await hubReads();
    const asked = await figures(hr, `quarter=${quarter.label}`, globex);
    expect(asked.status).toBe(404);
    expect((await figures(globexHr, `quarter=${quarter.label}`)).status).toBe(404);
    expect((await hr.get(`/api/v1/employer-hub/${globex}`)).status).toBe(404);
    expect((await figures(fatima, `quarter=${quarter.label}`)).status).toBe(404);
    expect(await hubReads()).toBe(reads);
  });

  it('a single member is never a breakdown, a filter or a path', async () => {
    const reads = await hubReads();
    const asMember = await figures(hr, `quarter=${quarter.label}&breakdown=member`);
    expect(asMember.status).toBe(422);
    expect(asMember.body.code).toBe('employer_hub.breakdown_not_allowed');
    const filtered = await figures(hr, `quarter=${quarter.label}&memberId=${people[0]!.id}`);
    expect(filtered.status).toBe(400);
    expect((await hr.get(`/api/v1/employer-hub/${acme}/members/${people[0]!.id}`)).status).toBe(404);
    expect(await hubReads()).toBe(reads);
  });

  it('a day, a month or a quarter shifted by a month is not a period the hub serves', async () => {
    const reads = await hubReads();
    const first = quarter.start.toISOString().slice(0, 10);
    for (const query of [
      `from=${first}&to=${first}`,
      `from=${first}&to=${quarter.months[0]}-28`,
      `from=${quarter.months[1]}-01&to=${quarterOf(quarter.year + (quarter.index === 4 ? 1 : 0), (quarter.index % 4) + 1).months[0]}-28`,
      'quarter=2026-Q5',
      '',
    ]) {
      const answer = await figures(hr, query);
      expect(answer.status, query).toBe(422);
      expect(answer.body.code).toBe('employer_hub.period_not_a_quarter');
    }
    expect(await hubReads()).toBe(reads);
  });

  it('the quarter under way is not published until it is over and settled', async () => {
    const now = server.clock.now();
    const current = quarterOf(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) + 1);
    const answer = await figures(hr, `quarter=${current.label}`);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('employer_hub.quarter_not_published');
  });
});

/**
 * The attacker holds every table the API serves for the quarter (each breakdown) and knows how
 * they add up: each hidden cell between 0 and 4 ("fewer than 5") or at least 5 (withheld). From
 * every sum they narrow each hidden cell as far as they can; no "fewer than 5" may come out exact.
 */
describe('differencing finds nothing', () => {
  type Bounds = { low: number; high: number };

  function narrow(lines: { total: PublishedCount; parts: PublishedCount[] }[]) {
    const bounds = new Map<PublishedCount, Bounds>();
    const of = (cell: PublishedCount): Bounds => {
      if (cell.kind === 'count') return { low: cell.value, high: cell.value };
      let found = bounds.get(cell);
      if (!found) {
        found = cell.kind === 'fewer_than_5' ? { low: 0, high: 4 } : { low: 5, high: 1_000_000 };
        bounds.set(cell, found);
      }
      return found;
    };
    for (let round = 0; round < 20; round += 1) {
      for (const line of lines) {
        const total = of(line.total);
        const parts = line.parts.map(of);
        const sumLow = parts.reduce((sum, part) => sum + part.low, 0);
        const sumHigh = parts.reduce((sum, part) => sum + part.high, 0);
        total.low = Math.max(total.low, sumLow);
        total.high = Math.min(total.high, sumHigh);
        for (const part of parts) {
          part.low = Math.max(part.low, total.low - (sumHigh - part.high));
          part.high = Math.min(part.high, total.high - (sumLow - part.low));
        }
      }
    }
    return bounds;
  }

  it('neither a total minus its parts nor one breakdown against another gives a hidden count away', async () => {
    const tables = await Promise.all(
      ['none', 'country', 'plan', 'age_band'].map(async (breakdown) => {
        const answer = await figures(hr, `quarter=${quarter.label}&breakdown=${breakdown}`);
        expect(answer.status).toBe(200);
        return answer.body;
      }),
    );
    const [whole] = tables;
    // The totals every breakdown shares are one figure, shown or hidden alike everywhere.
    for (const table of tables) {
      expect(table.eligibleMembers.total).toEqual(whole!.eligibleMembers.total);
      expect(table.uptake.total.total).toEqual(whole!.uptake.total.total);
      expect(table.uptake.months.map((month) => month.row.total)).toEqual(
        whole!.uptake.months.map((month) => month.row.total),
      );
      expect(table.firstContact.decided.total).toEqual(whole!.firstContact.decided.total);
      expect(table.outcomes.cases.total).toEqual(whole!.outcomes.cases.total);
      expect(table.outcomes.diagnosisChanged.total).toEqual(whole!.outcomes.diagnosisChanged.total);
    }

    // The attacker's equations: one unknown per distinct figure (a shared total is one unknown).
    const shared = new Map<string, PublishedCount>();
    const cell = (key: string, published: PublishedCount) => {
      if (published.kind === 'count') return published;
      const found = shared.get(key);
      if (found) return found;
      const fresh = { ...published };
      shared.set(key, fresh);
      return fresh;
    };
    const lines: { total: PublishedCount; parts: PublishedCount[] }[] = [];
    const small: PublishedCount[] = [];
    for (const table of tables.slice(1)) {
      const rowLines = (
        measure: string,
        rows: { name: string; row: { byGroup: PublishedCount[]; total: PublishedCount } }[],
      ) => {
        const grid = rows.map(({ name, row }) => ({
          total: cell(`${measure}|${name}|*`, row.total),
          parts: row.byGroup.map((published, index) =>
            cell(`${measure}|${name}|${table.breakdown}:${table.groups[index]!.key}`, published),
          ),
        }));
        lines.push(...grid);
        for (const line of grid)
          small.push(...[line.total, ...line.parts].filter((c) => c.kind === 'fewer_than_5'));
        return grid;
      };
      rowLines('eligible', [{ name: '*', row: table.eligibleMembers }]);
      const months = rowLines('uptake', [
        ...table.uptake.months.map((month) => ({ name: month.month, row: month.row })),
        { name: '*', row: table.uptake.total },
      ]);
      const outcomes = rowLines('outcomes', [
        { name: 'diagnosis_changed', row: table.outcomes.diagnosisChanged },
        { name: 'diagnosis_not_changed', row: table.outcomes.diagnosisNotChanged },
        { name: 'treatment_changed', row: table.outcomes.treatmentChanged },
        { name: 'treatment_not_changed', row: table.outcomes.treatmentNotChanged },
        { name: '*', row: table.outcomes.cases },
      ]);
      // The diagnosis and the treatment each split the same cases: two sums per column.
      const cases = outcomes.at(-1)!;
      for (const split of [outcomes.slice(0, 2), outcomes.slice(2, 4)]) {
        lines.push({ total: cases.total, parts: split.map((line) => line.total) });
        cases.parts.forEach((column, index) =>
          lines.push({ total: column, parts: split.map((line) => line.parts[index]!) }),
        );
      }
      const promise = rowLines('promise', [
        { name: 'kept', row: table.firstContact.kept },
        { name: 'missed', row: table.firstContact.missed },
        { name: '*', row: table.firstContact.decided },
      ]);
      for (const grid of [months, promise]) {
        const totalRow = grid.at(-1)!;
        const inner = grid.slice(0, -1);
        lines.push({ total: totalRow.total, parts: inner.map((line) => line.total) });
        totalRow.parts.forEach((column, index) =>
          lines.push({ total: column, parts: inner.map((line) => line.parts[index]!) }),
        );
      }
    }
    const bounds = narrow(lines);
    expect(small.length).toBeGreaterThan(0);
    for (const hidden of new Set(small)) {
      const { low, high } = bounds.get(hidden)!;
      const key = [...shared].find(([, value]) => value === hidden)?.[0];
      expect(high - low, `the hidden count ${key} was pinned to ${low}`).toBeGreaterThan(0);
    }
  });

  it('two overlapping periods are never both served: only the quarters themselves', async () => {
    const whole = await figures(hr, `quarter=${quarter.label}`);
    expect(whole.status).toBe(200);
    const twoMonths = await figures(hr, `from=${quarter.months[0]}-01&to=${quarter.months[1]}-28`);
    expect(twoMonths.body.code).toBe('employer_hub.period_not_a_quarter');
    const sameQuarter = await figures(
      hr,
      `from=${quarter.start.toISOString().slice(0, 10)}&to=${new Date(quarter.end.getTime() - DAY).toISOString().slice(0, 10)}`,
    );
    expect(sameQuarter.body).toEqual(whole.body);
  });

  it('a filter by one country or plan against another is not offered: only whole breakdowns', async () => {
    expect((await figures(hr, `quarter=${quarter.label}&country=FR`)).status).toBe(400);
    expect((await figures(hr, `quarter=${quarter.label}&plan=CORP`)).status).toBe(400);
    expect((await figures(hr, `quarter=${quarter.label}&breakdown=country,plan`)).body.code).toBe(
      'employer_hub.breakdown_not_allowed',
    );
  });
});

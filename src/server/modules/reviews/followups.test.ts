import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import {
  caseNow,
  givenContactedCase,
  givenDelivered,
  givenOpinion,
  type CaseActors,
} from '../../../../test/support/outcomes.js';
import { extractPdfText } from '../../../../test/support/pdf.js';
import { givenSpecialistAtDesk, type SpecialistAtDesk } from '../../../../test/support/reviews.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { systemContext } from '../../platform/context.js';
import { fireDueClocks } from '../sla/service.js';
import { eraseReviewsOfCases } from './erasure.js';

const HOUR = 3_600_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const QUESTION = '¿Puedo empezar la quimioterapia en Madrid en lugar de Bilbao?';
const ANSWER = 'Sí: el mismo esquema neoadyuvante puede darse en Madrid, con el mismo seguimiento.';
const SUMMARY = 'Puede recibir el mismo tratamiento en Madrid. Nada cambia en sus controles.';

let server: TestServer;
let dataDir: string;
let alice: Browser;
let bob: Browser;
let manager: Browser;
let otherManager: Browser;
let actors: CaseActors;
let gave: SpecialistAtDesk;
let declined: SpecialistAtDesk;
let next: SpecialistAtDesk;
let caseId: string;
let gaveOffer: string;
let declinedOffer: string;
let nextOffer: string;

const sweep = () => fireDueClocks(systemContext(server.runtime, `sweep-${uuidv7()}`));

async function count(table: string, params: unknown[] = []): Promise<number> {
  return (await server.sql.query(`SELECT count(*)::int AS n FROM ${table}`, params)).rows[0].n as number;
}

const outbox = (template: string, userId: string) =>
  count('notification_outbox WHERE template = $1 AND recipient_user_id = $2', [template, userId]);

const forward = (offerIds: string[], question = QUESTION, as = manager, id = caseId) =>
  as.post(`/api/v1/cases/${id}/followups`, { offerIds, question });

const summarise = (answerId: string, json: unknown, as = manager) =>
  as.request('PUT', `/api/v1/cases/${caseId}/followup-answers/${answerId}/summary`, { json });

const deskQuestions = async (specialist: SpecialistAtDesk, offerId: string) =>
  (await specialist.browser.get(`/api/v1/desk/offers/${offerId}/followups`)).body.items as {
    id: string;
    status: string;
    question: string;
    addenda: { version: number; body: string }[];
  }[];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-followups-'));
  server = await startTestServer({ DATA_DIR: dataDir });
  await givenRegister(server);
  manager = (
    await givenStaffSignedIn(server, 'case_manager', {
      languages: ['es', 'en'],
      weeklyShifts: allWeek,
      maxOpenCases: 50,
    })
  ).browser;
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@followups.test',
  );
  bob = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@followups.test',
  );
  actors = { server, member: alice, manager };
  caseId = await givenContactedCase(actors);
  [gave, declined, next] = [
    await givenSpecialistAtDesk(server, { name: 'Dra. Carmen Ruiz' }),
    await givenSpecialistAtDesk(server, { name: 'Dr. Pablo Gil' }),
    await givenSpecialistAtDesk(server, { name: 'Dr. Luis Prieto' }),
  ];
  // A panel of two: one declines, the next candidate takes the place; both others give opinions.
  expect((await alice.post(`/api/v1/cases/${caseId}/sharing-consents`, { scope: 'all' })).status).toBe(201);
  const asked = await manager.post(`/api/v1/cases/${caseId}/reviews`, {
    version: (await caseNow(actors, caseId)).version,
    summary: 'Borderline resectable pancreatic tumour; second look at resectability.',
    specialistIds: [gave.id, declined.id],
    candidateIds: [next.id],
    offerNextOnDecline: true,
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const offerOf = async (specialist: SpecialistAtDesk) =>
    ((await specialist.browser.get('/api/v1/desk/offers')).body.items as { offerId: string }[])[0]!.offerId;
  declinedOffer = await offerOf(declined);
  expect(
    (await declined.browser.post(`/api/v1/desk/offers/${declinedOffer}/decline`, { version: 1 })).status,
  ).toBe(200);
  gaveOffer = await offerOf(gave);
  nextOffer = await offerOf(next);
  for (const [specialist, offerId] of [
    [gave, gaveOffer],
    [next, nextOffer],
  ] as const) {
    expect(
      (await specialist.browser.post(`/api/v1/desk/offers/${offerId}/acceptance`, { version: 1 })).status,
    ).toBe(200);
    await givenOpinion(specialist, offerId, 'confirmed', 'modified');
  }
  expect((await caseNow(actors, caseId)).status).toBe('opinion_ready');
  otherManager = (await givenStaffSignedIn(server, 'case_manager', { languages: ['en'] })).browser;
});
afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("the member's follow-up question reaches the specialist who gave the opinion", () => {
  let recipientId: string;

  it('before the recommendations are delivered, a question is refused and nothing is stored', async () => {
    const early = await forward([gaveOffer]);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('followup.not_delivered');
    expect(await count('followup_question')).toBe(0);
    await givenDelivered(actors, caseId);
  });

  it('bad input changes nothing: a declined specialist, an offer of another case, empty or over-long text, another case manager, the member', async () => {
    const refused = await forward([gaveOffer, declinedOffer]);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('followup.specialist_not_on_opinion');
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toEqual(['body.offerIds.1']);
    expect((await forward([uuidv7()])).body.code).toBe('followup.specialist_not_on_opinion');
    const empty = await forward([gaveOffer], '   ');
    expect(empty.status).toBe(400);
    expect((await forward([gaveOffer], 'x'.repeat(4_001))).status).toBe(400);
    expect((await forward([], QUESTION)).status).toBe(400);
    // Another case manager is told the case does not exist; the member may not forward.
    expect((await forward([gaveOffer], QUESTION, otherManager)).status).toBe(404);
    expect((await forward([gaveOffer], QUESTION, alice)).status).toBe(403);
    expect(await count('followup_question')).toBe(0);
    expect(await count('followup_recipient')).toBe(0);
  });

  it('the case manager forwards the question once (a retry answers the same); the specialist is e-mailed without the question', async () => {
    const send = () =>
      manager.request('POST', `/api/v1/cases/${caseId}/followups`, {
        json: { offerIds: [gaveOffer], question: QUESTION },
        headers: { 'idempotency-key': 'followup-alice-1' },
      });
    const forwarded = await send();
    expect(forwarded.status, JSON.stringify(forwarded.body)).toBe(201);
    expect(forwarded.body).toMatchObject({
      question: QUESTION,
      answers: [
        { offerId: gaveOffer, status: 'open', addendum: null, specialist: { name: 'Dra. Carmen Ruiz' } },
      ],
    });
    const due = new Date(forwarded.body.answers[0].dueAt).getTime() - server.clock.now().getTime();
    expect(Math.round(due / HOUR)).toBe(72);
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(forwarded.body.id);
    expect(await count('followup_question')).toBe(1);
    expect(await outbox('followup.question_forwarded', gave.account.userId)).toBe(1);
    const { rows } = await server.sql.query(
      `SELECT params::text AS p FROM notification_outbox WHERE template = 'followup.question_forwarded'`,
    );
    expect(rows[0].p).not.toContain('Madrid');
    const questions = await deskQuestions(gave, gaveOffer);
    expect(questions).toMatchObject([{ question: QUESTION, status: 'open', addenda: [] }]);
    recipientId = questions[0]!.id;
    // While the question is open, the desk shares the review's records again.
    const desk = await gave.browser.get(`/api/v1/desk/offers/${gaveOffer}`);
    expect(desk.body.access).toBe('full');
    // Nobody else answers it: another specialist is told it does not exist.
    const stranger = await next.browser.post(`/api/v1/desk/followups/${recipientId}/addenda`, {
      version: 1,
      body: ANSWER,
      language: 'es',
    });
    expect(stranger.status).toBe(404);
    expect((await next.browser.get(`/api/v1/desk/offers/${gaveOffer}/followups`)).status).toBe(404);
  });

  it('the member sees the question waiting; another member is told the case does not exist', async () => {
    const seen = await alice.get(`/api/v1/cases/${caseId}/followups`);
    expect(seen.status).toBe(200);
    expect(seen.body.items[0]).toMatchObject({ question: QUESTION, answers: [{ status: 'open' }] });
    expect((await bob.get(`/api/v1/cases/${caseId}/followups`)).status).toBe(404);
  });

  it('a day before it is due the specialist is reminded, once; at the due time the case manager is told, once', async () => {
    server.clock.advance(48 * HOUR + 60_000);
    await sweep();
    await sweep();
    expect(await outbox('followup.answer_due_soon', gave.account.userId)).toBe(1);
    server.clock.advance(24 * HOUR);
    await sweep();
    await sweep();
    const { rows } = await server.sql.query(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'followup.answer_overdue'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('the specialist answers in Spanish: an addendum the member reads with its language, and is told of by e-mail', async () => {
    const answer = (body: string, version: number) =>
      gave.browser.post(`/api/v1/desk/followups/${recipientId}/addenda`, { version, body, language: 'es' });
    expect((await answer('  ', 1)).status).toBe(400);
    expect((await answer('x'.repeat(20_001), 1)).status).toBe(400);
    const answered = await answer(ANSWER, 1);
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    expect(answered.body).toMatchObject({
      status: 'answered',
      addenda: [{ version: 1, body: ANSWER, language: 'es' }],
    });
    // Submitted twice: refused, nothing written.
    const twice = await answer(ANSWER, 1);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('followup.addendum_already_submitted');
    const stale = await answer('Otra respuesta', 1);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('resource.version_conflict');
    expect(await count('followup_addendum')).toBe(1);

    // Until the case manager has summarised it, the member is told an answer is being prepared.
    const seen = await alice.get(`/api/v1/cases/${caseId}/followups`);
    expect(seen.body.items[0].answers[0]).toMatchObject({
      status: 'answered',
      addendum: null,
      summary: null,
      preparing: true,
    });
    const staff = await manager.get(`/api/v1/cases/${caseId}/followups`);
    expect(staff.body.items[0].answers[0]).toMatchObject({
      addendum: { version: 1, body: ANSWER, language: 'es' },
      summary: null,
      preparing: true,
    });
    expect(await outbox('followup.answer_arrived', (await memberUserId())!)).toBe(0);
    const audit = await server.sql.query(
      `SELECT details::text AS d FROM audit_event WHERE action LIKE 'followup.%'`,
    );
    expect(audit.rows.length).toBeGreaterThanOrEqual(4);
    for (const row of audit.rows) expect(row.d).not.toContain('Madrid');
  });

  it('bad input to the summary of the answer changes nothing: empty, in English, of a stale version, by anyone else', async () => {
    const empty = await summarise(recipientId, { addendumVersion: 1, language: 'es', body: '   ' });
    expect(empty.status).toBe(400);
    const english = await summarise(recipientId, {
      addendumVersion: 1,
      language: 'en',
      body: 'You can be treated in Madrid.',
    });
    expect([english.status, english.body.code]).toEqual([422, 'review.summary_language_mismatch']);
    expect(english.body.errors.map((error: { path: string }) => error.path)).toEqual(['body.language']);
    const stale = await summarise(recipientId, { addendumVersion: 2, language: 'es', body: SUMMARY });
    expect([stale.status, stale.body.code]).toEqual([409, 'resource.version_conflict']);
    const good = { addendumVersion: 1, language: 'es', body: SUMMARY };
    expect((await summarise(recipientId, good, otherManager)).status).toBe(404);
    expect((await summarise(recipientId, good, bob)).status).toBe(404);
    expect((await summarise(recipientId, good, alice)).status).toBe(403);
    const elsewhere = await summarise(uuidv7(), good);
    expect(elsewhere.status).toBe(404);
    expect(await count('followup_addendum_summary')).toBe(0);
    expect(await outbox('followup.answer_arrived', (await memberUserId())!)).toBe(0);
  });

  it('the case manager summarises the answer in Spanish: the member reads the summary and the original, and is e-mailed once', async () => {
    const written = await summarise(recipientId, {
      addendumVersion: 1,
      language: 'es',
      body: SUMMARY,
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    expect(written.body).toMatchObject({ summary: { addendumVersion: 1, body: SUMMARY }, preparing: false });
    const seen = await alice.get(`/api/v1/cases/${caseId}/followups`);
    expect(seen.body.items[0].answers[0]).toMatchObject({
      addendum: { version: 1, body: ANSWER, language: 'es' },
      summary: { addendumVersion: 1, language: 'es', body: SUMMARY },
      preparing: false,
    });
    // A correction of the summary's words is no second e-mail.
    const again = await summarise(recipientId, {
      addendumVersion: 1,
      language: 'es',
      body: `${SUMMARY} Pregunte lo que necesite.`,
    });
    expect(again.status).toBe(200);
    expect(await count('followup_addendum_summary')).toBe(1);
    expect(await outbox('followup.answer_arrived', (await memberUserId())!)).toBe(1);
    const { rows } = await server.sql.query(
      `SELECT params::text AS p FROM notification_outbox WHERE template = 'followup.answer_arrived'`,
    );
    expect(rows[0].p).not.toContain('Madrid');
    const audit = await server.sql.query(
      `SELECT details::text AS d FROM audit_event WHERE action = 'followup.summary_written'`,
    );
    expect(audit.rows.length).toBe(2);
    for (const row of audit.rows) expect(row.d).not.toContain('Madrid');
  });

  it('an edit of the answer is its next version; the member reads the latest once it is summarised', async () => {
    const edited = await gave.browser.post(`/api/v1/desk/followups/${recipientId}/addenda`, {
      version: 2,
      body: `${ANSWER} Consulte con su oncólogo la fecha de inicio.`,
      language: 'es',
    });
    expect(edited.status).toBe(201);
    expect(edited.body.addenda.map((row: { version: number }) => row.version)).toEqual([1, 2]);
    // The new version needs a summary of its own: meanwhile the member keeps reading the first.
    const meanwhile = await alice.get(`/api/v1/cases/${caseId}/followups`);
    expect(meanwhile.body.items[0].answers[0]).toMatchObject({ addendum: { version: 1 }, preparing: true });
    const summarised = await summarise(recipientId, {
      addendumVersion: 2,
      language: 'es',
      body: `${SUMMARY} Hable con su oncóloga sobre la fecha de inicio.`,
    });
    expect(summarised.status).toBe(200);
    const seen = await alice.get(`/api/v1/cases/${caseId}/followups`);
    expect(seen.body.items[0].answers[0]).toMatchObject({
      addendum: { version: 2 },
      summary: { addendumVersion: 2 },
      preparing: false,
    });
    expect(await outbox('followup.answer_arrived', (await memberUserId())!)).toBe(2);
  });

  it('the written report carries the answer after the opinions, with the language it was written in', async () => {
    const reviews = await manager.get(`/api/v1/cases/${caseId}/reviews`);
    const reviewId = reviews.body.items[0].id as string;
    const report = await manager.post(`/api/v1/cases/${caseId}/reviews/${reviewId}/report`, {});
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const content = await fetch(`${server.url}/api/v1/cases/${caseId}/documents/${report.body.id}/content`, {
      headers: { cookie: alice.cookieHeader(), origin: server.url },
    });
    const text = (await extractPdfText(new Uint8Array(await content.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('Respuestas a las preguntas de seguimiento');
    expect(text).toContain('Consulte con su oncólogo');
    expect(text).toContain('Escrito en español');
    // The summary comes first, then the specialist's words.
    expect(text).toContain('Hable con su oncóloga sobre la fecha de inicio');
    expect(text.indexOf('Hable con su oncóloga')).toBeLessThan(text.indexOf('Consulte con su oncólogo'));
    expect(text.indexOf('Respuestas a las preguntas de seguimiento')).toBeGreaterThan(
      text.indexOf('Dra. Carmen Ruiz'),
    );
  });

  it('on a closed case a question is refused, and an open one takes no answer', async () => {
    const open = await forward([nextOffer], '¿Y la radioterapia?');
    expect(open.status).toBe(201);
    const closed = await manager.post(`/api/v1/cases/${caseId}/closure`, {
      version: (await caseNow(actors, caseId)).version,
      reason: 'The member has what she needs.',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    const late = await forward([gaveOffer], '¿Otra pregunta?');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('case.transition_not_allowed');
    const ended = await alice.get(`/api/v1/cases/${caseId}/followups`);
    expect(ended.body.items[1].answers[0].status).toBe('ended');
    // The specialist no longer reaches the case at all.
    const answer = await next.browser.post(`/api/v1/desk/followups/${open.body.answers[0].id}/addenda`, {
      version: 1,
      body: 'No.',
      language: 'es',
    });
    expect(answer.status).toBe(404);
    expect(await count('followup_question')).toBe(2);
  });

  it("the member's erasure, once the case has ended, blanks the questions and the answers", async () => {
    await server.runtime.db.transaction((tx) => eraseReviewsOfCases(tx, [caseId]));
    const { rows } = await server.sql.query(
      `SELECT q.question, a.body FROM followup_question q
         LEFT JOIN followup_recipient r ON r.question_id = q.id
         LEFT JOIN followup_addendum a ON a.recipient_id = r.id WHERE q.case_id = $1`,
      [caseId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.question).toBe('[erased]');
      if (row.body !== null) expect(row.body).toBe('[erased]');
    }
    const summaries = await server.sql.query(
      'SELECT body FROM followup_addendum_summary WHERE case_id = $1',
      [caseId],
    );
    expect(summaries.rows.map((row) => row.body)).toEqual(['[erased]', '[erased]']);
  });
});

async function memberUserId(): Promise<string | undefined> {
  const { rows } = await server.sql.query(
    'SELECT requested_by_user_id AS id FROM opinion_case WHERE id = $1',
    [caseId],
  );
  return rows[0]?.id;
}

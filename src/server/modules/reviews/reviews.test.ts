import { randomBytes } from 'node:crypto';
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
  type StaffAccount,
} from '../../../../test/support/factories.js';
import {
  givenNetworkSpecialist,
  givenSpecialistAtDesk,
  type SpecialistAtDesk,
} from '../../../../test/support/reviews.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { systemContext } from '../../platform/context.js';
import { fireDueClocks } from '../sla/service.js';
import { extractPdfText } from '../../../../test/support/pdf.js';

const HOUR = 60 * 60 * 1000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const MARKER = 'PATIENT-MARKER-91c2';

let server: TestServer;
let dataDir: string;
let alice: Browser;
let fatima: Browser;
let manager: { browser: Browser; account: StaffAccount };
let otherManager: { browser: Browser; account: StaffAccount };
let ops: { browser: Browser; account: StaffAccount };
let employerAdmin: { browser: Browser; account: StaffAccount };

const sweep = () => fireDueClocks(systemContext(server.runtime, `sweep-${uuidv7()}`));

const pdf = () =>
  Buffer.concat([Buffer.from(`%PDF-1.7\n% ${MARKER}\n`), randomBytes(20_000), Buffer.from('\n%%EOF\n')]);
const png = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(30_000)]);

async function upload(browser: Browser, caseId: string, kind: string, title: string, content: Buffer) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('title', title);
  form.append('file', new Blob([content], { type: 'application/octet-stream' }), 'file.bin');
  const sent = await browser.request('POST', `/api/v1/cases/${caseId}/documents`, { body: form });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return sent.body as { id: string };
}

async function fetchBytes(browser: Browser, url: string) {
  const response = await fetch(`${server.url}${url}`, {
    headers: { cookie: browser.cookieHeader(), origin: server.url },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** A member asks for an opinion; the case manager reaches them: the case is `contacted`. */
async function contactedCase(
  member: Browser,
  questions = ['Is surgery really impossible?', 'Should I try chemotherapy first?'],
) {
  const submitted = await member.post('/api/v1/cases', {
    concern: 'I was told my tumour cannot be operated on.',
    diagnosisReceived: 'Pancreatic adenocarcinoma',
    questions,
    preferredLanguage: 'es',
    contactChannel: 'phone',
    contactPhone: '+34 612 34 56 78',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Bilbao' },
  });
  expect(submitted.body.caseManager?.id, JSON.stringify(submitted.body)).toBe(manager.account.userId);
  const contacted = await manager.browser.post(`/api/v1/cases/${submitted.body.id}/contacts`, {
    version: submitted.body.version,
    channel: 'phone',
    contactedAt: server.clock.now().toISOString(),
    outcome: 'reached',
  });
  expect(contacted.body.status).toBe('contacted');
  return contacted.body as { id: string; version: number };
}

async function caseNow(caseId: string) {
  return (await manager.browser.get(`/api/v1/cases/${caseId}`)).body as { version: number; status: string };
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const result = await server.sql.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return result.rows[0].n as number;
}

async function activeReviews(specialistId: string): Promise<number> {
  const result = await server.sql.query('SELECT active_reviews FROM specialist WHERE id = $1', [
    specialistId,
  ]);
  return result.rows[0].active_reviews as number;
}

async function outbox(template: string, recipientUserId: string): Promise<number> {
  return count(`notification_outbox WHERE template = $1 AND recipient_user_id = $2`, [
    template,
    recipientUserId,
  ]);
}

const opinion = (overrides: Record<string, unknown> = {}) => ({
  version: 1,
  diagnosis: { verdict: 'refined', proposedCode: 'C25.1' },
  treatment: { verdict: 'modified' },
  furtherTests: ['Contrast-enhanced CT of the pancreas'],
  answers: ['Surgery may be possible after neoadjuvant treatment.', 'Yes, FOLFIRINOX first.'],
  narrative: 'The tumour is borderline resectable. Vascular involvement is limited.',
  references: ['NCCN Guidelines, Pancreatic Adenocarcinoma, 2026'],
  ...overrides,
});

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-reviews-'));
  server = await startTestServer({ DATA_DIR: dataDir });
  const register = await givenRegister(server);
  manager = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['es', 'en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  });
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@reviews.test',
  );
  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@reviews.test',
  );
  otherManager = await givenStaffSignedIn(server, 'case_manager', { languages: ['fr'], weeklyShifts: [] });
  ops = await givenStaffSignedIn(server, 'ops');
  employerAdmin = await givenStaffSignedIn(server, 'employer_admin', { employerId: register.employerId });
});
afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('a specialist review, from the request to the written report', () => {
  let caseId: string;
  let report: { id: string };
  let scan: { id: string };
  let letter: { id: string };
  let first: SpecialistAtDesk;
  let second: SpecialistAtDesk;
  let third: SpecialistAtDesk;
  let full: SpecialistAtDesk;
  let reviewId: string;
  let offerId: string;

  beforeAll(async () => {
    caseId = (await contactedCase(alice)).id;
    report = await upload(alice, caseId, 'report', 'Oncology report', pdf());
    scan = await upload(alice, caseId, 'imaging', 'CT scan', png());
    letter = await upload(alice, caseId, 'letter', 'Letter from my GP', pdf());
    first = await givenSpecialistAtDesk(server, { name: 'Dr Ana First' });
    second = await givenSpecialistAtDesk(server, { name: 'Dr Bea Second' });
    third = await givenSpecialistAtDesk(server, { name: 'Dr Carla Third', weeklyCapacity: 1 });
    full = await givenSpecialistAtDesk(server, { name: 'Dr Full', weeklyCapacity: 0 });
  });

  const request = async (body: Record<string, unknown>, as = manager.browser) =>
    as.post(`/api/v1/cases/${caseId}/reviews`, {
      version: (await caseNow(caseId)).version,
      summary: 'Borderline resectable pancreatic tumour; second look at resectability.',
      documentIds: [report.id, scan.id],
      ...body,
    });

  it('without the member’s consent to share on file, the request is refused and nothing changes', async () => {
    const refused = await request({ specialistIds: [first.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('review.consent_missing');
    expect(await count('review')).toBe(0);
    expect(await count('review_offer')).toBe(0);
    expect((await caseNow(caseId)).status).toBe('contacted');
  });

  it('the consent must cover each record chosen', async () => {
    const consent = await alice.post(`/api/v1/cases/${caseId}/sharing-consents`, {
      scope: 'selected',
      documentIds: [report.id, letter.id],
    });
    expect(consent.status).toBe(201);
    const refused = await request({ specialistIds: [first.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('review.consent_missing');
    expect(refused.body.errors[0].path).toBe('body.documentIds');
    // The member widens the consent to every record.
    expect((await alice.post(`/api/v1/cases/${caseId}/sharing-consents`, { scope: 'all' })).status).toBe(201);
  });

  it('an offer to a specialist without room is refused (review.no_capacity), nothing written', async () => {
    const refused = await request({ specialistIds: [first.id, full.id] });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('review.no_capacity');
    expect(refused.body.specialistIds).toEqual([full.id]);
    expect(await count('review')).toBe(0);
    expect(await count('review_offer')).toBe(0);
  });

  it('a request based on an old version of the case is refused with the case as it is', async () => {
    const stale = await manager.browser.post(`/api/v1/cases/${caseId}/reviews`, {
      version: (await caseNow(caseId)).version - 1,
      summary: 'Second look.',
      specialistIds: [first.id],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('resource.version_conflict');
    expect(stale.body.current.id).toBe(caseId);
  });

  it('an unknown specialist, a document of another case, or someone else asking are refused', async () => {
    const unknown = await request({ specialistIds: [uuidv7()] });
    expect(unknown.body.code).toBe('review.specialist_unknown');
    const withoutDesk = await request({ specialistIds: [await givenNetworkSpecialist(server)] });
    expect(withoutDesk.body.code).toBe('review.specialist_unknown');
    const otherDocument = await request({ specialistIds: [first.id], documentIds: [uuidv7()] });
    expect(otherDocument.body.code).toBe('review.document_unknown');
    expect((await request({ specialistIds: [first.id] }, alice)).status).toBe(403);
    expect((await request({ specialistIds: [first.id] }, otherManager.browser)).status).toBe(404);
    expect((await request({ specialistIds: [first.id] }, first.browser)).status).toBe(404);
    expect(await count('review')).toBe(0);
  });

  it('the case manager asks one specialist, with two candidates next; the case is under review', async () => {
    const asked = await request({
      specialistIds: [first.id],
      candidateIds: [second.id, third.id],
      offerNextOnDecline: true,
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({
      status: 'open',
      panelSize: 1,
      candidatesLeft: 2,
      // The member's own questions, by default.
      questions: ['Is surgery really impossible?', 'Should I try chemotherapy first?'],
      offers: [{ specialist: { id: first.id }, status: 'offered' }],
    });
    reviewId = asked.body.id;
    expect((await caseNow(caseId)).status).toBe('under_review');
    expect(await outbox('review.offered', first.account.userId)).toBe(1);
    const again = await request({ specialistIds: [second.id] });
    expect(again.body.code).toBe('review.already_open');
  });

  it('the offer shows the summary, but no record until it is accepted', async () => {
    const desk = await first.browser.get('/api/v1/desk/offers');
    expect(desk.status).toBe(200);
    expect(desk.body.items).toHaveLength(1);
    offerId = desk.body.items[0].offerId;
    const offer = await first.browser.get(`/api/v1/desk/offers/${offerId}`);
    expect(offer.body).toMatchObject({ access: 'summary', status: 'offered', documents: [] });
    expect(offer.body.summary).toContain('Borderline resectable');
    const content = await fetchBytes(
      first.browser,
      `/api/v1/desk/offers/${offerId}/documents/${report.id}/content`,
    );
    expect(content.status).toBe(404);
  });

  it('an offer left unanswered expires on the clock sweep and goes to the next candidate', async () => {
    server.clock.advance(12 * HOUR + 60_000);
    // Three sweeps at once, as several instances run them: the expiry is fired by exactly one, and
    // exactly one offer goes to the next candidate.
    await Promise.all([sweep(), sweep(), sweep()]);
    expect(await count(`review_offer WHERE review_id = $1`, [reviewId])).toBe(2);
    const expired = await first.browser.get(`/api/v1/desk/offers/${offerId}`);
    expect(expired.status).toBe(404);
    expect(
      (await first.browser.post(`/api/v1/desk/offers/${offerId}/acceptance`, { version: 1 })).status,
    ).toBe(404);
    const next = await second.browser.get('/api/v1/desk/offers');
    expect(next.body.items).toHaveLength(1);
    expect(await outbox('review.offered', second.account.userId)).toBe(1);
    // The sweep fires each clock once.
    await sweep();
    expect(await count(`review_offer WHERE review_id = $1`, [reviewId])).toBe(2);
  });

  it('a declined offer goes to the next candidate too', async () => {
    const [item] = (await second.browser.get('/api/v1/desk/offers')).body.items;
    const declinedAfter = server.clock.now().toISOString();
    const declined = await second.browser.post(`/api/v1/desk/offers/${item.offerId}/decline`, {
      version: 1,
      reason: 'On leave this week',
    });
    expect(declined.status).toBe(200);
    expect((await second.browser.get(`/api/v1/desk/offers/${item.offerId}`)).status).toBe(404);
    // The case manager reads the specialist's reason beside the declined offer, and only there,
    // and when each ended offer ended.
    const [review] = (await manager.browser.get(`/api/v1/cases/${caseId}/reviews`)).body.items;
    type Offer = { id: string; status: string; declineReason: string | null; endedAt: string | null };
    const offers: Offer[] = review.offers;
    const declinedOffer = offers.find((offer) => offer.id === item.offerId)!;
    expect(declinedOffer).toMatchObject({ status: 'declined', declineReason: 'On leave this week' });
    expect(Date.parse(declinedOffer.endedAt!)).toBeGreaterThanOrEqual(Date.parse(declinedAfter));
    expect(offers.filter((offer) => offer.declineReason !== null)).toEqual([declinedOffer]);
    const expired = offers.find((offer) => offer.status === 'expired')!;
    expect(expired.endedAt).not.toBeNull();
    expect(offers.filter((offer) => offer.endedAt === null).map((offer) => offer.status)).toEqual([
      'offered',
    ]);
    const next = (await third.browser.get('/api/v1/desk/offers')).body.items;
    expect(next).toHaveLength(1);
    offerId = next[0].offerId;
  });

  it('accepting takes a review place; the shared records open, and only those', async () => {
    const stale = await third.browser.post(`/api/v1/desk/offers/${offerId}/acceptance`, { version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('resource.version_conflict');
    const accepted = await third.browser.post(`/api/v1/desk/offers/${offerId}/acceptance`, { version: 1 });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ access: 'full', status: 'accepted' });
    expect(accepted.body.documents.map((d: { id: string }) => d.id).sort()).toEqual(
      [report.id, scan.id].sort(),
    );
    expect(await activeReviews(third.id)).toBe(1);
    expect(
      (await third.browser.post(`/api/v1/desk/offers/${offerId}/acceptance`, { version: 2 })).body.code,
    ).toBe('review.offer_closed');

    const shared = await fetchBytes(
      third.browser,
      `/api/v1/desk/offers/${offerId}/documents/${report.id}/content`,
    );
    expect(shared.status).toBe(200);
    expect(shared.headers.get('content-type')).toBe('application/pdf');
    expect(shared.headers.get('content-disposition')).toMatch(/^inline/);
    // The desk's viewer frames it: this site may, no other (helmet's default forbids any frame).
    expect(shared.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(shared.headers.get('content-security-policy')).not.toContain("frame-ancestors 'none'");
    expect(shared.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(shared.bytes.toString('latin1')).toContain(MARKER);
    // In the member's consent, but not chosen for this review; an id that is not a record at all.
    for (const id of [letter.id, uuidv7()]) {
      const hidden = await fetchBytes(
        third.browser,
        `/api/v1/desk/offers/${offerId}/documents/${id}/content`,
      );
      expect(hidden.status).toBe(404);
    }
    const audited = await count(
      `audit_event WHERE action = 'review.document_downloaded' AND entity_id = $1`,
      [report.id],
    );
    expect(audited).toBe(1);
  });

  it('nobody else reaches the review through the desk', async () => {
    const strangers = [
      first.browser,
      second.browser,
      alice,
      manager.browser,
      ops.browser,
      employerAdmin.browser,
    ];
    for (const browser of strangers) {
      expect((await browser.get(`/api/v1/desk/offers/${offerId}`)).status).toBe(404);
      const content = await fetchBytes(
        browser,
        `/api/v1/desk/offers/${offerId}/documents/${report.id}/content`,
      );
      expect(content.status).toBe(404);
      expect((await browser.post(`/api/v1/desk/offers/${offerId}/opinions`, opinion())).status).toBe(404);
    }
    for (const browser of [alice, manager.browser, ops.browser, employerAdmin.browser]) {
      expect((await browser.get('/api/v1/desk/offers')).status).toBe(404);
    }
    // A specialist never reads the case through the case endpoints.
    expect((await third.browser.get(`/api/v1/cases/${caseId}`)).status).toBe(404);
    expect((await third.browser.get(`/api/v1/cases/${caseId}/documents/${report.id}/content`)).status).toBe(
      404,
    );
  });

  it('an opinion missing an answer to one of the questions is refused with its path', async () => {
    const missing = await third.browser.post(
      `/api/v1/desk/offers/${offerId}/opinions`,
      opinion({ answers: ['Only one.'] }),
    );
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('review.answer_missing');
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'body.answers.1' })]);
    const badCode = await third.browser.post(
      `/api/v1/desk/offers/${offerId}/opinions`,
      opinion({ diagnosis: { verdict: 'changed', proposedCode: 'Z99.99.9' } }),
    );
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].path).toBe('body.diagnosis.proposedCode');
    const noCode = await third.browser.post(
      `/api/v1/desk/offers/${offerId}/opinions`,
      opinion({ diagnosis: { verdict: 'changed' } }),
    );
    expect(noCode.status).toBe(400);
    expect(await count('review_opinion')).toBe(0);
  });

  it('the opinion is submitted once, whatever the retries; the case is then opinion_ready', async () => {
    const headers = { 'idempotency-key': `opinion-${uuidv7()}` };
    const sent = await third.browser.request('POST', `/api/v1/desk/offers/${offerId}/opinions`, {
      json: opinion(),
      headers,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({
      version: 1,
      diagnosis: { verdict: 'refined', proposedCode: 'C25.1' },
      answers: [
        { question: 'Is surgery really impossible?' },
        { question: 'Should I try chemotherapy first?' },
      ],
    });
    const retried = await third.browser.request('POST', `/api/v1/desk/offers/${offerId}/opinions`, {
      json: opinion(),
      headers,
    });
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(sent.body.id);
    // The same opinion sent again without the key is a second submission: refused, nothing written.
    const writes = () =>
      Promise.all([
        count('review_opinion'),
        count(`case_event WHERE case_id = $1`, [caseId]),
        count(`audit_event WHERE action = 'review.opinion_submitted'`),
      ]);
    const before = await writes();
    const same = await third.browser.post(`/api/v1/desk/offers/${offerId}/opinions`, opinion());
    expect(same.status).toBe(409);
    expect(same.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(same.body.code).toBe('review.opinion_already_submitted');
    expect(same.body.current.id).toBe(sent.body.id);
    expect(await writes()).toEqual(before);
    // The same version with other content: a stale write.
    const stale = await third.browser.post(
      `/api/v1/desk/offers/${offerId}/opinions`,
      opinion({ narrative: 'Something else entirely.' }),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('resource.version_conflict');
    expect(stale.body.current.id).toBe(sent.body.id);
    expect(await count('review_opinion')).toBe(1);

    expect((await caseNow(caseId)).status).toBe('opinion_ready');
    expect(await activeReviews(third.id)).toBe(0);
    expect(await outbox('review.opinions_ready', manager.account.userId)).toBe(1);
  });

  it('once the review is complete the specialist keeps their opinion, not the case', async () => {
    const after = await third.browser.get(`/api/v1/desk/offers/${offerId}`);
    expect(after.body).toMatchObject({ access: 'own_opinion', summary: null, questions: [], documents: [] });
    expect(after.body.opinions).toHaveLength(1);
    const content = await fetchBytes(
      third.browser,
      `/api/v1/desk/offers/${offerId}/documents/${report.id}/content`,
    );
    expect(content.status).toBe(404);
  });

  it('a correction is a new version with a reason; the first stays as it was', async () => {
    const noReason = await third.browser.post(
      `/api/v1/desk/offers/${offerId}/opinions`,
      opinion({ version: 2, diagnosis: { verdict: 'changed', proposedCode: 'C25.0' } }),
    );
    expect(noReason.body.code).toBe('review.correction_reason_required');
    const corrected = await third.browser.post(
      `/api/v1/desk/offers/${offerId}/opinions`,
      opinion({
        version: 2,
        diagnosis: { verdict: 'changed', proposedCode: 'C25.0' },
        treatment: { verdict: 'changed' },
        correctionReason: 'The head of the pancreas is involved, not the body.',
      }),
    );
    expect(corrected.status).toBe(201);
    const versions = (await third.browser.get(`/api/v1/desk/offers/${offerId}`)).body.opinions;
    expect(
      versions.map((v: { version: number; diagnosis: { proposedCode: string } }) => [
        v.version,
        v.diagnosis.proposedCode,
      ]),
    ).toEqual([
      [1, 'C25.1'],
      [2, 'C25.0'],
    ]);
    const reviews = await manager.browser.get(`/api/v1/cases/${caseId}/reviews`);
    expect(reviews.body.items[0].opinions).toHaveLength(1);
    expect(reviews.body.items[0].opinions[0].version).toBe(2);
  });

  it('the written report is a PDF among the case records, in Arabic, Chinese and the opinion as written', async () => {
    const before = await manager.browser.post(`/api/v1/cases/${caseId}/reviews/${reviewId}/report`);
    expect(before.body.code).toBe('case.recommendations_missing');
    const written = await manager.browser.request('PUT', `/api/v1/cases/${caseId}/recommendations`, {
      json: {
        version: (await caseNow(caseId)).version,
        language: 'ar',
        body: 'ننصح **بالعلاج الكيميائي** أولاً ثم إعادة التقييم الجراحي.\n\n- مراجعة طبيب الأورام',
        nextSteps: ['موعد مع جرّاح البنكرياس', '与胰腺外科医生预约复诊'],
      },
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    expect((await alice.post(`/api/v1/cases/${caseId}/reviews/${reviewId}/report`)).status).toBe(403);
    const made = await manager.browser.post(`/api/v1/cases/${caseId}/reviews/${reviewId}/report`);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ kind: 'report', mediaType: 'application/pdf', source: 'system' });
    report = made.body;

    // The member downloads it as one of their records; its checksum is the one recorded.
    const download = await fetchBytes(alice, `/api/v1/cases/${caseId}/documents/${made.body.id}/content`);
    expect(download.status).toBe(200);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(download.bytes).digest('hex')).toBe(made.body.sha256);
    const text = await extractPdfText(download.bytes);
    // Arabic letters shaped from the text (the extraction maps glyphs back to letters) and Chinese.
    expect(text.replace(/\s/g, '')).toMatch(/[\u0600-\u06ff]{4,}/);
    expect(text).toContain('胰腺外科医生');
    expect(text).toContain('The tumour is borderline resectable.');
    expect(text).toContain('C25.0');
    expect(text).toContain('التشخيص');
    expect(text).not.toContain('\ufffd');
  });

  it('the per-opinion figures are retired: operations read them per case from the outcomes room', async () => {
    expect((await ops.browser.get('/api/v1/review-outcomes')).status).toBe(404);
    const perCase = await ops.browser.get('/api/v1/outcome-analytics');
    expect(perCase.status).toBe(200);
    // The correction replaced the first verdicts: one case, its diagnosis and treatment changed.
    expect(perCase.body).toMatchObject({
      cases: 1,
      diagnosisChanged: { n: 1, of: 1 },
      treatmentChanged: { n: 1, of: 1 },
    });
  });
});

describe('candidates from the network’s matching', () => {
  it('a declined offer goes to the best match the network found for the case', async () => {
    const oncologist = await givenSpecialistAtDesk(server, {
      name: 'Dr Onco Logist',
      specialtyCodes: ['IM'],
      subspecialtyCodes: ['IM-ONC'],
    });
    const panel = await givenSpecialistAtDesk(server, { name: 'Dr Panel' });
    const kase = await contactedCase(fatima, ['Is chemotherapy needed?']);
    await fatima.post(`/api/v1/cases/${kase.id}/sharing-consents`, { scope: 'all' });
    const unknown = await manager.browser.post(`/api/v1/cases/${kase.id}/reviews`, {
      version: (await caseNow(kase.id)).version,
      summary: 'Second look.',
      specialistIds: [panel.id],
      candidatesFromMatching: { specialty: ['NOT-A-CODE'] },
    });
    expect(unknown.status).toBe(400);
    const asked = await manager.browser.post(`/api/v1/cases/${kase.id}/reviews`, {
      version: (await caseNow(kase.id)).version,
      summary: 'Second look.',
      specialistIds: [panel.id],
      offerNextOnDecline: true,
      candidatesFromMatching: { specialty: ['IM-ONC'], limit: 5 },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body.candidatesLeft).toBeGreaterThan(0);
    const offerId = asked.body.offers[0].id;
    expect((await panel.browser.post(`/api/v1/desk/offers/${offerId}/decline`, { version: 1 })).status).toBe(
      200,
    );
    const desk = await oncologist.browser.get('/api/v1/desk/offers');
    expect(desk.body.items.map((item: { caseNumber: string }) => item.caseNumber)).toContain(
      ((await caseNow(kase.id)) as unknown as { number: string }).number,
    );
  });
});

describe('a panel left short', () => {
  it('after a decline with nobody next, the case manager offers the review to someone else, who completes it', async () => {
    const kase = await contactedCase(fatima, ['Is the dose right?']);
    await fatima.post(`/api/v1/cases/${kase.id}/sharing-consents`, { scope: 'all' });
    const declining = await givenSpecialistAtDesk(server, { name: 'Dr Declines' });
    const busy = await givenSpecialistAtDesk(server, { name: 'Dr No Room', weeklyCapacity: 0 });
    const willing = await givenSpecialistAtDesk(server, { name: 'Dr Willing' });
    const asked = await manager.browser.post(`/api/v1/cases/${kase.id}/reviews`, {
      version: (await caseNow(kase.id)).version,
      summary: 'Dose check.',
      specialistIds: [declining.id],
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const reviewId = asked.body.id as string;
    const offerTo = (specialistId: string, as = manager.browser) =>
      as.post(`/api/v1/cases/${kase.id}/reviews/${reviewId}/offers`, { specialistId });

    // While the only place is held by an offer waiting for its answer, nobody else can be asked.
    const early = await offerTo(willing.id);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('review.panel_full');

    const [item] = (await declining.browser.get('/api/v1/desk/offers')).body.items;
    await declining.browser.post(`/api/v1/desk/offers/${item.offerId}/decline`, { version: 1 });
    expect(await outbox('review.offer_lapsed', manager.account.userId)).toBeGreaterThan(0);

    // Who cannot be asked: the one who said no, one without room, one without a desk, an outsider.
    expect((await offerTo(declining.id)).body.code).toBe('review.already_offered');
    const noRoom = await offerTo(busy.id);
    expect([noRoom.status, noRoom.body.code]).toEqual([409, 'review.no_capacity']);
    const noDesk = await offerTo(await givenNetworkSpecialist(server));
    expect([noDesk.status, noDesk.body.code]).toEqual([422, 'review.specialist_unknown']);
    expect((await offerTo(willing.id, otherManager.browser)).status).toBe(404);
    expect((await offerTo(willing.id, fatima)).status).toBe(403);
    expect(
      (
        await manager.browser.post(`/api/v1/cases/${kase.id}/reviews/${uuidv7()}/offers`, {
          specialistId: willing.id,
        })
      ).status,
    ).toBe(404);
    expect(await count(`review_offer WHERE review_id = $1`, [reviewId])).toBe(1);

    const offered = await offerTo(willing.id);
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    expect(offered.body.offers.map((offer: { status: string }) => offer.status)).toEqual([
      'declined',
      'offered',
    ]);
    expect(await outbox('review.offered', willing.account.userId)).toBe(1);
    expect((await offerTo(willing.id)).body.code).toBe('review.panel_full');

    const [offer] = (await willing.browser.get('/api/v1/desk/offers')).body.items;
    expect(
      (await willing.browser.post(`/api/v1/desk/offers/${offer.offerId}/acceptance`, { version: 1 })).status,
    ).toBe(200);
    const submitted = await willing.browser.post(
      `/api/v1/desk/offers/${offer.offerId}/opinions`,
      opinion({ answers: ['Yes, for your weight.'] }),
    );
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect((await caseNow(kase.id)).status).toBe('opinion_ready');
    const closed = await offerTo(busy.id);
    expect([closed.status, closed.body.code]).toEqual([409, 'review.not_open']);
  });

  it('never the doctor who gave the first opinion, or a colleague at their institution', async () => {
    const submitted = await alice.post('/api/v1/cases', {
      concern: 'My cardiologist wants to operate.',
      diagnosisReceived: 'Aortic stenosis',
      firstOpinion: { doctorName: 'Prof. Dr. Elena Prior', institution: 'Clinica Norte', country: 'ES' },
      questions: ['Is valve replacement needed now?'],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Bilbao' },
    });
    const caseId = submitted.body.id as string;
    await manager.browser.post(`/api/v1/cases/${caseId}/contacts`, {
      version: submitted.body.version,
      channel: 'phone',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
    });
    await alice.post(`/api/v1/cases/${caseId}/sharing-consents`, { scope: 'all' });
    const prior = await givenSpecialistAtDesk(server, { name: 'Elena Prior' });
    const refused = await manager.browser.post(`/api/v1/cases/${caseId}/reviews`, {
      version: (await caseNow(caseId)).version,
      summary: 'Valve, second look.',
      specialistIds: [prior.id],
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'review.first_opinion_conflict']);
    expect(refused.body.specialistIds).toEqual([prior.id]);
    expect(await count(`review WHERE case_id = $1`, [caseId])).toBe(0);
    expect((await caseNow(caseId)).status).toBe('contacted');
  });
});

describe('capacity, consent and the end of a case', () => {
  it('two offers, one place left, accepted at once: one specialist place, never two', async () => {
    const busy = await givenSpecialistAtDesk(server, { name: 'Dr Busy', weeklyCapacity: 1 });
    const offers: string[] = [];
    for (const member of [alice, fatima]) {
      const kase = await contactedCase(member, ['What next?']);
      expect((await member.post(`/api/v1/cases/${kase.id}/sharing-consents`, { scope: 'all' })).status).toBe(
        201,
      );
      const asked = await manager.browser.post(`/api/v1/cases/${kase.id}/reviews`, {
        version: (await caseNow(kase.id)).version,
        summary: 'Second look.',
        specialistIds: [busy.id],
      });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      offers.push(asked.body.offers[0].id);
    }
    const answers = await Promise.all(
      offers.map((id) => busy.browser.post(`/api/v1/desk/offers/${id}/acceptance`, { version: 1 })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.code).toBe('review.no_capacity');
    expect(await activeReviews(busy.id)).toBe(1);
    expect(await count(`review_offer WHERE specialist_id = $1 AND status = 'accepted'`, [busy.id])).toBe(1);
  });

  it('withdrawing the consent ends the specialist’s access at once and gives the place back', async () => {
    const specialist = await givenSpecialistAtDesk(server, { weeklyCapacity: 2 });
    const kase = await contactedCase(alice, ['Is it benign?']);
    const record = await upload(alice, kase.id, 'report', 'Biopsy', pdf());
    const consent = await alice.post(`/api/v1/cases/${kase.id}/sharing-consents`, { scope: 'all' });
    const asked = await manager.browser.post(`/api/v1/cases/${kase.id}/reviews`, {
      version: (await caseNow(kase.id)).version,
      summary: 'Biopsy second read.',
      specialistIds: [specialist.id],
      documentIds: [record.id],
    });
    const offerId = asked.body.offers[0].id;
    expect(
      (await specialist.browser.post(`/api/v1/desk/offers/${offerId}/acceptance`, { version: 1 })).status,
    ).toBe(200);
    const url = `/api/v1/desk/offers/${offerId}/documents/${record.id}/content`;
    expect((await fetchBytes(specialist.browser, url)).status).toBe(200);

    const withdrawn = await alice.post(
      `/api/v1/cases/${kase.id}/sharing-consents/${consent.body.id}/withdrawal`,
    );
    expect(withdrawn.status).toBe(201);
    expect((await fetchBytes(specialist.browser, url)).status).toBe(404);
    expect((await specialist.browser.get(`/api/v1/desk/offers/${offerId}`)).status).toBe(404);
    expect((await specialist.browser.get('/api/v1/desk/offers')).body.items).toEqual([]);
    expect(await activeReviews(specialist.id)).toBe(0);
    expect((await caseNow(kase.id)).status).toBe('gathering_information');
  });

  it('a withdrawn case ends the offer; a reminder comes once before an accepted review is due', async () => {
    const specialist = await givenSpecialistAtDesk(server);
    const kase = await contactedCase(fatima, ['Do I need surgery?']);
    await fatima.post(`/api/v1/cases/${kase.id}/sharing-consents`, { scope: 'all' });
    const asked = await manager.browser.post(`/api/v1/cases/${kase.id}/reviews`, {
      version: (await caseNow(kase.id)).version,
      summary: 'Knee, second look.',
      specialistIds: [specialist.id],
    });
    const offerId = asked.body.offers[0].id;
    expect(
      (await specialist.browser.post(`/api/v1/desk/offers/${offerId}/acceptance`, { version: 1 })).status,
    ).toBe(200);
    // Due in 48 hours; the reminder goes 12 hours before, once.
    server.clock.advance(36 * HOUR + 60_000);
    await sweep();
    await sweep();
    expect(await outbox('review.due_soon', specialist.account.userId)).toBe(1);

    const withdrawn = await fatima.post(`/api/v1/cases/${kase.id}/withdrawal`, {
      version: (await fatima.get(`/api/v1/cases/${kase.id}`)).body.version,
      reason: 'I feel better',
    });
    expect(withdrawn.status).toBe(201);
    expect((await specialist.browser.get(`/api/v1/desk/offers/${offerId}`)).status).toBe(404);
    expect(await activeReviews(specialist.id)).toBe(0);
  });
});

describe('a panel of two specialists, and their records', () => {
  let caseId: string;
  let reviewId: string;
  let record: { id: string };
  let ana: SpecialistAtDesk;
  let ben: SpecialistAtDesk;
  let anaOffer: string;
  let benOffer: string;

  const specialistRecord = async (id: string) =>
    (await manager.browser.get(`/api/v1/specialists/${id}`)).body.record as {
      reviewsCompleted: number;
      medianTurnaroundHours: number | null;
      ratingAverage: number | null;
      ratingCount: number;
    };
  // A specialist's version moves with every change of what is shown of them, their record and
  // places included, so that a client holding one can tell it is out of date.
  const versionOf = async (id: string) =>
    (await manager.browser.get(`/api/v1/specialists/${id}`)).body.version as number;
  const rate = (body: Record<string, unknown>, as = manager.browser, review = reviewId) =>
    as.post(`/api/v1/cases/${caseId}/reviews/${review}/ratings`, body);

  beforeAll(async () => {
    // Ana came with a record from her import: one review in 10 hours, two ratings averaging 4.
    ana = await givenSpecialistAtDesk(server, {
      name: 'Dr Ana Panel',
      record: { reviewsCompleted: 1, medianTurnaroundHours: 10, ratingAverage: 4, ratingCount: 2 },
    });
    ben = await givenSpecialistAtDesk(server, { name: 'Dr Ben Panel' });
    caseId = (await contactedCase(fatima, ['Is radiotherapy enough?'])).id;
    record = await upload(fatima, caseId, 'report', 'Pathology report', pdf());
    await fatima.post(`/api/v1/cases/${caseId}/sharing-consents`, { scope: 'all' });
  });

  it('the case manager offers the review to both; both accept', async () => {
    const asked = await manager.browser.post(`/api/v1/cases/${caseId}/reviews`, {
      version: (await caseNow(caseId)).version,
      summary: 'Early breast cancer after lumpectomy; is radiotherapy alone enough?',
      specialistIds: [ana.id, ben.id],
      documentIds: [record.id],
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body.panelSize).toBe(2);
    reviewId = asked.body.id;
    const offerOf = (id: string) =>
      asked.body.offers.find((offer: { specialist: { id: string } }) => offer.specialist.id === id).id;
    anaOffer = offerOf(ana.id);
    benOffer = offerOf(ben.id);
    expect(
      (await ana.browser.post(`/api/v1/desk/offers/${anaOffer}/acceptance`, { version: 1 })).status,
    ).toBe(200);
    server.clock.advance(2 * HOUR);
    expect(
      (await ben.browser.post(`/api/v1/desk/offers/${benOffer}/acceptance`, { version: 1 })).status,
    ).toBe(200);
    expect((await caseNow(caseId)).status).toBe('under_review');
  });

  it('a rating before the opinion is in is refused', async () => {
    const early = await rate({ offerId: anaOffer, score: 4 });
    expect([early.status, early.body.code]).toEqual([409, 'review.opinion_not_submitted']);
    expect(await count(`review_rating WHERE offer_id = $1`, [anaOffer])).toBe(0);
  });

  it('the first submits six hours after accepting: the case stays under review, she keeps the records', async () => {
    server.clock.advance(4 * HOUR);
    const versionBefore = await versionOf(ana.id);
    const sent = await ana.browser.post(
      `/api/v1/desk/offers/${anaOffer}/opinions`,
      opinion({
        answers: ['No: add endocrine therapy.'],
        narrative: 'ANA-NARRATIVE: add endocrine therapy.',
      }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect((await caseNow(caseId)).status).toBe('under_review');
    // docs/api.md: submitted while the rest of the panel is still writing, she still holds the review.
    const desk = await ana.browser.get(`/api/v1/desk/offers/${anaOffer}`);
    expect(desk.body).toMatchObject({ access: 'full', status: 'submitted' });
    expect(desk.body.documents.map((d: { id: string }) => d.id)).toEqual([record.id]);
    expect(
      (await fetchBytes(ana.browser, `/api/v1/desk/offers/${anaOffer}/documents/${record.id}/content`))
        .status,
    ).toBe(200);
    // Her record: the imported review and this one; the median of 10 h and 6 h.
    expect(await specialistRecord(ana.id)).toMatchObject({
      reviewsCompleted: 2,
      medianTurnaroundHours: 8,
      ratingAverage: 4,
      ratingCount: 2,
    });
    expect(await activeReviews(ana.id)).toBe(0);
    expect(await versionOf(ana.id)).toBeGreaterThan(versionBefore);
  });

  it('the second submits: the case is opinion_ready, both records count the review', async () => {
    server.clock.advance(16 * HOUR);
    const sent = await ben.browser.post(
      `/api/v1/desk/offers/${benOffer}/opinions`,
      opinion({
        diagnosis: { verdict: 'confirmed' },
        treatment: { verdict: 'confirmed' },
        answers: ['Yes, radiotherapy alone is enough.'],
        narrative: 'BEN-NARRATIVE: radiotherapy alone.',
      }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect((await caseNow(caseId)).status).toBe('opinion_ready');
    expect(await outbox('review.opinions_ready', manager.account.userId)).toBeGreaterThan(0);
    // Accepted at hour 2, submitted at hour 22: 20 hours.
    expect(await specialistRecord(ben.id)).toMatchObject({
      reviewsCompleted: 1,
      medianTurnaroundHours: 20,
      ratingAverage: null,
      ratingCount: 0,
    });
    expect((await specialistRecord(ana.id)).reviewsCompleted).toBe(2);
    // The review is complete: each keeps their own opinion, not the case.
    const desk = await ana.browser.get(`/api/v1/desk/offers/${anaOffer}`);
    expect(desk.body).toMatchObject({ access: 'own_opinion', documents: [] });
    const reviews = await manager.browser.get(`/api/v1/cases/${caseId}/reviews`);
    expect(reviews.body.items[0]).toMatchObject({ status: 'complete' });
    expect(reviews.body.items[0].opinions).toHaveLength(2);
  });

  it('a correction is no new review: the records stay as they are', async () => {
    const corrected = await ben.browser.post(
      `/api/v1/desk/offers/${benOffer}/opinions`,
      opinion({
        version: 2,
        diagnosis: { verdict: 'confirmed' },
        treatment: { verdict: 'confirmed' },
        answers: ['Yes, radiotherapy alone is enough.'],
        narrative: 'BEN-NARRATIVE: radiotherapy alone, hypofractionated.',
        correctionReason: 'The schedule was missing.',
      }),
    );
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    expect(await specialistRecord(ben.id)).toMatchObject({ reviewsCompleted: 1, medianTurnaroundHours: 20 });
  });

  it('the written report carries both opinions, and names the patient for their treating doctor', async () => {
    const kase = (await manager.browser.get(`/api/v1/cases/${caseId}`)).body as {
      version: number;
      number: string;
    };
    const written = await manager.browser.request('PUT', `/api/v1/cases/${caseId}/recommendations`, {
      json: {
        version: kase.version,
        language: 'en',
        body: '## Our advice\n\nBoth specialists agree **radiotherapy** is needed; one adds [endocrine therapy](https://example.org/endocrine_(therapy)).',
        nextSteps: ['See the radiation oncologist'],
      },
    });
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    const made = await manager.browser.post(`/api/v1/cases/${caseId}/reviews/${reviewId}/report`);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const download = await fetchBytes(fatima, `/api/v1/cases/${caseId}/documents/${made.body.id}/content`);
    const text = await extractPdfText(download.bytes);
    expect(text).toContain('ANA-NARRATIVE');
    expect(text).toContain('BEN-NARRATIVE: radiotherapy alone, hypofractionated.');
    expect(text).toContain('Our advice');
    expect(text).not.toMatch(/##|\*\*/);
    // Fatima's register entry: her name as the product writes it, her birth date in the report's language.
    expect(text).toContain('Patient: Fatima Tester');
    expect(text).toContain('Date of birth: December 12, 1992');
    expect(text).toContain(`Case: ${kase.number}`);
    expect(text).toMatch(/Date of the opinion: \w+ \d{1,2}, \d{4}/);
  });

  it('the case manager rates an opinion; rating it again replaces the first; the record follows', async () => {
    const versionBefore = await versionOf(ana.id);
    const first = await rate({ offerId: anaOffer, score: 5, comment: '  Clear and quick.  ' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      offerId: anaOffer,
      score: 5,
      comment: 'Clear and quick.',
      ratedByUserId: manager.account.userId,
      opinionVersion: 1,
    });
    // Two imported ratings averaging 4, and a 5: 13 / 3.
    expect(await specialistRecord(ana.id)).toMatchObject({ ratingAverage: 4.33, ratingCount: 3 });
    expect(await versionOf(ana.id)).toBe(versionBefore + 1);

    const again = await rate({ offerId: anaOffer, score: 2 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, score: 2, comment: null });
    expect(await specialistRecord(ana.id)).toMatchObject({ ratingAverage: 3.33, ratingCount: 3 });

    // Operations rate too, once each.
    expect((await rate({ offerId: anaOffer, score: 5 }, ops.browser)).status).toBe(201);
    expect((await rate({ offerId: benOffer, score: 4 })).body.opinionVersion).toBe(2);
    expect(await specialistRecord(ana.id)).toMatchObject({ ratingAverage: 3.75, ratingCount: 4 });
    expect(await specialistRecord(ben.id)).toMatchObject({ ratingAverage: 4, ratingCount: 1 });
    expect(await count(`audit_event WHERE action = 'review.opinion_rated'`)).toBe(4);

    const reviews = await manager.browser.get(`/api/v1/cases/${caseId}/reviews`);
    expect(reviews.body.items[0].ratings).toHaveLength(3);
  });

  it('a rating out of 1–5, not whole, or with a long comment is refused with its path; nothing changes', async () => {
    const before = await count('review_rating');
    for (const score of [0, 6, 3.5, 'five', null]) {
      const refused = await rate({ offerId: anaOffer, score });
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe('request.validation_failed');
      expect(refused.body.errors[0].path).toBe('body.score');
    }
    const long = await rate({ offerId: anaOffer, score: 3, comment: 'x'.repeat(1_001) });
    expect([long.status, long.body.errors[0].path]).toEqual([400, 'body.comment']);
    expect(await count('review_rating')).toBe(before);
    expect(await specialistRecord(ana.id)).toMatchObject({ ratingAverage: 3.75, ratingCount: 4 });
  });

  it('nobody but the case manager and operations rates: the rest get 404', async () => {
    for (const browser of [otherManager.browser, fatima, alice, ana.browser, employerAdmin.browser]) {
      const refused = await rate({ offerId: anaOffer, score: 1 }, browser);
      expect(refused.status).toBe(404);
    }
    // An offer that is not of this review, a review that is not of this case.
    expect((await rate({ offerId: uuidv7(), score: 3 })).status).toBe(404);
    expect((await rate({ offerId: anaOffer, score: 3 }, manager.browser, uuidv7())).status).toBe(404);
    expect(
      await count(`review_rating WHERE rated_by_user_id <> $1 AND rated_by_user_id <> $2`, [
        manager.account.userId,
        ops.account.userId,
      ]),
    ).toBe(0);
  });
});

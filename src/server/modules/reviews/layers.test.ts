import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import {
  caseNow as caseNowOf,
  givenEnglishOpinionForChineseReader,
  type CaseActors,
} from '../../../../test/support/outcomes.js';
import { extractPdfText } from '../../../../test/support/pdf.js';
import { givenSpecialistAtDesk, type SpecialistAtDesk } from '../../../../test/support/reviews.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';

/*
 * The opinion in three layers, told as its people live it: a member in Shanghai who reads
 * Chinese asks for an opinion; a specialist writes it in English; the case manager cannot deliver
 * it until the summary for the member is written in Chinese, enters a translation (who, when), and
 * delivers; the member reads summary, translation and original, each labelled, in the report
 * too; she downloads the letter for her treating doctor in German and sends it to the doctor's
 * e-mail, which carries a link, never the letter; the doctor opens it with the link.
 */

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

let server: TestServer;
let dataDir: string;
let li: Browser;
let other: Browser;
let manager: Browser;
let specialist: SpecialistAtDesk;
let caseId: string;
let reviewId: string;
let offerId: string;

const actors = (): CaseActors => ({ server, member: li, manager });
const caseNow = () => caseNowOf(actors(), caseId);
const count = async (table: string) =>
  (await server.sql.query(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`, [caseId])).rows[0]
    .n as number;
const deliver = async (body: Record<string, unknown> = {}) =>
  manager.post(`/api/v1/cases/${caseId}/recommendations/delivery`, {
    version: (await caseNow()).version,
    ...body,
  });
const writeSummary = async (language: string, body: string) => {
  const layers = (await manager.get(`/api/v1/cases/${caseId}/opinion-layers`)).body;
  return manager.request('PUT', `/api/v1/cases/${caseId}/reviews/${reviewId}/summary`, {
    json: { version: layers.summary?.version ?? 0, language, body },
  });
};

async function pdf(browser: Browser | null, url: string, init: { method?: string; json?: unknown } = {}) {
  const response = await fetch(`${server.url}${url}`, {
    method: init.method ?? 'GET',
    headers: {
      origin: server.url,
      ...(browser && { cookie: browser.cookieHeader() }),
      ...(init.json !== undefined && { 'content-type': 'application/json' }),
    },
    body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: response.ok ? await extractPdfText(bytes) : '',
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-layers-'));
  server = await startTestServer({ DATA_DIR: dataDir });
  await givenRegister(server);
  ({ browser: manager } = await givenStaffSignedIn(server, 'case_manager', {
    languages: ['zh-CN', 'en'],
    weeklyShifts: allWeek,
    maxOpenCases: 50,
  }));
  li = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'li.na@layers.test',
  );
  other = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'other@layers.test',
  );
  specialist = await givenSpecialistAtDesk(server, { name: 'Dr Ana Ruiz', specialtyCodes: ['oncology'] });
});
afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the opinion of a member who reads Chinese, written by a specialist in English', () => {
  it('reaches the case manager labelled with the language the specialist wrote in', async () => {
    ({ caseId, offerId } = await givenEnglishOpinionForChineseReader(actors(), specialist));
    expect((await caseNow()).status).toBe('opinion_ready');

    const layers = await manager.get(`/api/v1/cases/${caseId}/opinion-layers`);
    expect(layers.status).toBe(200);
    reviewId = layers.body.reviewId;
    expect(layers.body).toMatchObject({ memberLanguage: 'zh-CN', delivered: false, summary: null });
    expect(layers.body.opinions[0]).toMatchObject({
      original: { language: 'en', diagnosis: { proposedCode: 'C25.0' } },
      translationNeeded: true,
      translation: null,
    });
    // Before delivery the member sees no layer: an empty answer, not an error.
    expect(await li.get(`/api/v1/cases/${caseId}/opinion-layers`)).toMatchObject({ status: 200, body: null });
  });

  it('cannot be delivered without the summary, empty, or in another language than hers; nothing changes', async () => {
    await manager.request('PUT', `/api/v1/cases/${caseId}/recommendations`, {
      json: { version: (await caseNow()).version, body: '先做化疗，再评估手术。' },
    });
    const before = await caseNow();

    const none = await deliver();
    expect([none.status, none.body.code]).toEqual([422, 'review.summary_missing']);
    expect(none.body.errors[0].path).toBe('summary.body');

    expect((await writeSummary('zh-CN', '   ')).status).toBe(200);
    const empty = await deliver();
    expect([empty.status, empty.body.code]).toEqual([422, 'review.summary_missing']);

    expect((await writeSummary('en', 'Chemotherapy first, then surgery may be possible.')).status).toBe(200);
    const english = await deliver();
    expect([english.status, english.body.code]).toEqual([422, 'review.summary_language_mismatch']);
    expect(english.body.errors[0].path).toBe('summary.language');

    // A reason for going without a review does not apply to a reviewed case.
    expect((await writeSummary('zh-CN', '先做化疗。化疗后，手术可能可行。')).status).toBe(200);
    const reason = await deliver({ withoutReviewReason: 'answered_by_case_manager' });
    expect([reason.status, reason.body.code]).toEqual([422, 'case.without_review_reason_not_applicable']);

    expect(await caseNow()).toMatchObject({ status: 'opinion_ready', version: before.version });
    const delivered = await server.sql.query(
      'SELECT delivered_at FROM case_recommendation WHERE case_id = $1',
      [caseId],
    );
    expect(delivered.rows[0].delivered_at).toBeNull();
  });

  it('is translated into her language as a tracked step; a translation into another language is refused', async () => {
    const url = `/api/v1/cases/${caseId}/reviews/${reviewId}/offers/${offerId}/translation`;
    const french = await manager.request('PUT', url, {
      json: { language: 'fr', body: 'La chirurgie pourrait être possible après une chimiothérapie.' },
    });
    expect([french.status, french.body.code]).toEqual([422, 'review.translation_language_mismatch']);
    expect(french.body.errors[0].path).toBe('body.language');
    expect(await count('review_translation')).toBe(0);
    // The member cannot enter one.
    expect((await li.request('PUT', url, { json: { language: 'zh-CN', body: '译文' } })).status).toBe(404);

    const chinese = await manager.request('PUT', url, {
      json: {
        language: 'zh-CN',
        body: '新辅助化疗后可以考虑手术。胰头肿瘤处于临界可切除状态。',
        translatedBy: '王芳',
      },
    });
    expect(chinese.status, JSON.stringify(chinese.body)).toBe(200);
    expect(chinese.body).toMatchObject({ language: 'zh-CN', translatedBy: '王芳' });
    expect(chinese.body.enteredBy).toBeTruthy();
  });

  it('is delivered with the summary; she reads summary, translation and original, each labelled', async () => {
    const delivered = await deliver();
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(201);
    const layers = await li.get(`/api/v1/cases/${caseId}/opinion-layers`);
    expect(layers.body).toMatchObject({
      delivered: true,
      summary: { language: 'zh-CN', body: '先做化疗。化疗后，手术可能可行。' },
    });
    expect(layers.body.opinions[0]).toMatchObject({
      original: { language: 'en', narrative: 'Borderline resectable tumour of the head of the pancreas.' },
      translation: { language: 'zh-CN', translatedBy: '王芳' },
    });
    const timeline = (await li.get(`/api/v1/cases/${caseId}/events`)).body.items.map(
      (event: { type: string }) => event.type,
    );
    expect(timeline).toContain('review_translation_entered');
    const audited = await server.sql.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'review.layers_read' AND entity_id = $1`,
      [caseId],
    );
    expect(audited.rows[0].n).toBeGreaterThan(0);
  });

  it('the written report shows the summary first, the translation next, the original last', async () => {
    const report = await manager.post(`/api/v1/cases/${caseId}/reviews/${reviewId}/report`);
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    const { text, status } = await pdf(li, `/api/v1/cases/${caseId}/documents/${report.body.id}/content`);
    expect(status).toBe(200);
    const summary = text.indexOf('给您的摘要');
    const translation = text.indexOf('专科医生意见（译文）');
    const original = text.indexOf('Borderline resectable tumour');
    expect(summary).toBeGreaterThanOrEqual(0);
    expect(translation).toBeGreaterThan(summary);
    expect(original).toBeGreaterThan(translation);
    expect(text).toContain('语言：英语');
  });
});

describe('the letter for her treating doctor', () => {
  it('she downloads it in the doctor’s language: the questions, the verdicts with ICD-10 codes, tests, references', async () => {
    const letter = await pdf(li, `/api/v1/cases/${caseId}/doctor-letter?language=de`);
    expect([letter.status, letter.type]).toEqual([200, 'application/pdf']);
    for (const words of [
      'Ärztliche Zweitmeinung',
      'ICD-10 C25.0',
      'präzisiert',
      'Endoscopic ultrasound',
      'NCCN Pancreatic Adenocarcinoma 2026',
      '手术真的不可能吗？',
    ])
      expect(letter.text).toContain(words);
    const audited = await server.sql.query(
      `SELECT details FROM audit_event WHERE action = 'review.doctor_letter_read' AND entity_id = $1`,
      [caseId],
    );
    expect(audited.rows.map((row) => row.details)).toContainEqual({ language: 'de' });
  });

  it('she sends it to the doctor’s e-mail: a link goes, never the letter; an invalid address changes nothing', async () => {
    const url = `/api/v1/cases/${caseId}/doctor-letter-sendings`;
    const invalid = await li.post(url, { email: 'dr.wang-at-hospital', language: 'zh-CN' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].path).toBe('body.email');
    expect(await count('doctor_letter_link')).toBe(0);
    // The case manager may read the letter, not send it in the member's name.
    const byManager = await manager.post(url, { email: 'dr.wang@hospital.test', language: 'zh-CN' });
    expect([byManager.status, byManager.body.code]).toEqual([403, 'case.action_not_permitted']);

    const sent = await li.post(url, {
      email: 'dr.wang@hospital.test',
      language: 'zh-CN',
      doctorName: '王医生',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const outbox = await server.sql.query(
      `SELECT recipient_address, locale, params FROM notification_outbox WHERE template = 'review.doctor_letter'`,
    );
    expect(outbox.rows).toHaveLength(1);
    const [mail] = outbox.rows;
    expect(mail.recipient_address).toBe('dr.wang@hospital.test');
    expect(mail.locale).toBe('zh-CN');
    expect(Object.keys(mail.params).sort()).toEqual(['doctorLetterId', 'expiresAt', 'linkToken']);
    expect(JSON.stringify(mail.params)).not.toMatch(/C25|胰|Li|Borderline/);

    const wrong = await pdf(null, `/api/v1/doctor-letters/${sent.body.id}/content`, {
      method: 'POST',
      json: { token: 'A'.repeat(43) },
    });
    expect(wrong.status).toBe(404);
    const opened = await pdf(null, `/api/v1/doctor-letters/${sent.body.id}/content`, {
      method: 'POST',
      json: { token: mail.params.linkToken },
    });
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('王医生');
    expect(opened.text).toContain('ICD-10 C25.0');
    const timeline = (await li.get(`/api/v1/cases/${caseId}/events`)).body.items.map(
      (event: { type: string }) => event.type,
    );
    expect(timeline).toContain('doctor_letter_sent');
  });

  it('another member reaches none of it (404, as for a case that does not exist)', async () => {
    expect((await other.get(`/api/v1/cases/${caseId}/opinion-layers`)).status).toBe(404);
    expect((await other.get(`/api/v1/cases/${caseId}/doctor-letter`)).status).toBe(404);
    const send = await other.post(`/api/v1/cases/${caseId}/doctor-letter-sendings`, {
      email: 'someone@hospital.test',
      language: 'en',
    });
    expect(send.status).toBe(404);
    expect(await count('doctor_letter_link')).toBe(1);
  });
});

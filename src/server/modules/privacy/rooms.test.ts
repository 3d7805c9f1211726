import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBytes, unzip } from '../../../../test/support/archive.js';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenPersonInRegister,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import {
  caseNow,
  givenContactedCase,
  givenDelivered,
  givenOpinion,
  givenReviewAskedOf,
  type CaseActors,
} from '../../../../test/support/outcomes.js';
import { givenSpecialistAtDesk, type SpecialistAtDesk } from '../../../../test/support/reviews.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { systemContext } from '../../platform/context.js';
import { replayErasureLedger } from './erasure.js';
import { buildExport } from './service.js';

/*
 * Svenja's case went through every room: her case manager asked her doctor for records and she
 * signed the release, a specialist answered her follow-up question, she told us at a check-in what
 * she did, and she rated the service. Her archive holds all of it; once her case is past its
 * retention (Sweden's records, in this story, may go as soon as the case has ended), erasure takes
 * her words, names and signature out of each of those rooms, and the rating's figures do not move.
 */

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const QUESTION = 'ROOMS-QUESTION-5d1: can I travel during the chemotherapy?';
const ADDENDUM = 'ROOMS-ADDENDUM-5d1: yes, between cycles, with your oncologist’s agreement.';
const TREATMENT = 'ROOMS-TREATMENT-5d1: three cycles of FOLFIRINOX';
const MEMBER_NOTE = 'ROOMS-NOTE-5d1: tired but eating well';
const CALL_NOTE = 'ROOMS-CALL-5d1: the member called, the scan was clear';
const PROVIDER_NAME = 'Dr Ingrid Bergman-Holm';
const PROVIDER_INSTITUTION = 'Karolinska Sjukhuset';
const PROVIDER_EMAIL = 'ingrid.holm@karolinska.test';
const SIGNED_NAME = 'Svenja Lindqvist';
const REVIEW_TITLE = 'ROOMS-TITLE-5d1 Tack så mycket';
const REVIEW_TEXT = 'ROOMS-TEXT-5d1 They called me the next day and explained everything.';
const REPLY = 'ROOMS-REPLY-5d1 Thank you for telling us.';
/** The summary the case manager writes for her at delivery (`givenDelivered`). */
const SUMMARY = 'El tumor podría operarse después de un tratamiento previo.';

let server: TestServer;
let dataDir: string;
let svenja: Browser;
let manager: Browser;
let moderator: Browser;
let ops: Browser;
let officer: Browser;
let specialist: SpecialistAtDesk;
let caseId: string;

const PERSONAL = [
  QUESTION,
  ADDENDUM,
  TREATMENT,
  MEMBER_NOTE,
  CALL_NOTE,
  PROVIDER_NAME,
  PROVIDER_INSTITUTION,
  PROVIDER_EMAIL,
  SIGNED_NAME,
  REVIEW_TITLE,
  REVIEW_TEXT,
  REPLY,
  SUMMARY,
];
const ROOM_TABLES = [
  'service_review',
  'outcome_answer',
  'case_outcome',
  'case_provider',
  'record_release',
  'provider_record_request',
  'followup_question',
  'followup_addendum',
  'review_summary',
];

/** Every row of the case in the newer rooms' tables, as JSON text. */
async function roomRows(): Promise<string[]> {
  const rows: string[] = [];
  for (const table of ROOM_TABLES) {
    const found = await server.sql.query(
      `SELECT row_to_json(t)::text AS row FROM ${table} t WHERE case_id = $1`,
      [caseId],
    );
    rows.push(...found.rows.map((row) => row.row as string));
  }
  return rows;
}

const actors = (): CaseActors => ({ server, member: svenja, manager });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-privacy-rooms-'));
  server = await startTestServer({
    DATA_DIR: dataDir,
    ERASURE_LEDGER_FILE: path.join(dataDir, 'erasure-ledger.jsonl'),
    RECORD_RETENTION_YEARS: '10',
    RECORD_RETENTION_BY_COUNTRY: 'SE=0',
  });
  await givenRegister(server);
  manager = (
    await givenStaffSignedIn(server, 'case_manager', {
      languages: ['es', 'en'],
      weeklyShifts: allWeek,
      maxOpenCases: 50,
    })
  ).browser;
  moderator = (await givenStaffSignedIn(server, 'moderator')).browser;
  ops = (await givenStaffSignedIn(server, 'ops')).browser;
  officer = (await givenStaffSignedIn(server, 'privacy_officer')).browser;
  specialist = await givenSpecialistAtDesk(server, { name: 'Dr Ana Oncóloga', specialtyCodes: ['oncology'] });
  await givenPersonInRegister(server, {
    membershipNumber: 'SE-7100',
    givenName: 'Svenja',
    familyName: 'Lindqvist',
    dateOfBirth: '1971-04-05',
    country: 'SE',
    preferredLanguage: 'en',
  });
  svenja = await givenMemberSignedIn(
    server,
    { membershipNumber: 'SE-7100-01', dateOfBirth: '1971-04-05' },
    'svenja@rooms.test',
  );
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a member's data in the newer rooms: in the archive, then erased", () => {
  it('her case goes through records, review, follow-up question, check-in and rating, then closes', async () => {
    caseId = await givenContactedCase(actors());
    // Records: her doctor is added, asked for a report, and she signs the release.
    const provider = await manager.post(`/api/v1/cases/${caseId}/providers`, {
      name: PROVIDER_NAME,
      institution: PROVIDER_INSTITUTION,
      country: 'SE',
      email: PROVIDER_EMAIL,
      language: 'en',
    });
    expect(provider.status, JSON.stringify(provider.body)).toBe(201);
    const asked = await manager.post(`/api/v1/cases/${caseId}/provider-requests`, {
      providerId: provider.body.id,
      kinds: ['report'],
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const signed = await svenja.post(`/api/v1/cases/${caseId}/releases`, {
      providerId: provider.body.id,
      kinds: ['report'],
      validUntil: '2099-12-31',
      signedName: SIGNED_NAME,
      agreed: true,
      language: 'en',
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);

    // The opinion, the recommendations, and her question to the specialist, answered.
    const [offerId] = await givenReviewAskedOf(actors(), caseId, [specialist]);
    await givenOpinion(specialist, offerId!, 'confirmed', 'modified');
    await givenDelivered(actors(), caseId);
    const forwarded = await manager.post(`/api/v1/cases/${caseId}/followups`, {
      offerIds: [offerId],
      question: QUESTION,
    });
    expect(forwarded.status, JSON.stringify(forwarded.body)).toBe(201);
    const [part] = (await specialist.browser.get(`/api/v1/desk/offers/${offerId}/followups`)).body.items;
    const answered = await specialist.browser.post(`/api/v1/desk/followups/${part.id}/addenda`, {
      version: 1,
      body: ADDENDUM,
      language: 'en',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);

    // What she did after the opinion: at her first check-in, and later on a call.
    const [checkIn] = (await svenja.get(`/api/v1/cases/${caseId}/follow-ups`)).body.items;
    const told = await svenja.post(`/api/v1/cases/${caseId}/follow-ups/${checkIn.id}/outcome-answer`, {
      action: 'partly_followed',
      treatmentReceived: TREATMENT,
      wellbeing: 'better',
      note: MEMBER_NOTE,
    });
    expect(told.status, JSON.stringify(told.body)).toBe(201);
    const called = await manager.post(`/api/v1/cases/${caseId}/outcome-answers`, {
      action: 'followed',
      wellbeing: 'much_better',
      note: CALL_NOTE,
    });
    expect(called.status, JSON.stringify(called.body)).toBe(201);

    // She rates the service; the words are published and the service replies.
    const rated = await svenja.post(`/api/v1/cases/${caseId}/service-review`, {
      stars: 2,
      title: REVIEW_TITLE,
      text: REVIEW_TEXT,
      language: 'en',
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    const published = await moderator.post(`/api/v1/service-reviews/${rated.body.id}/moderation-decisions`, {
      decision: 'publish',
      version: rated.body.version,
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const replied = await ops.request('PUT', `/api/v1/service-reviews/${rated.body.id}/reply`, {
      json: { text: REPLY },
    });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);

    const closed = await manager.post(`/api/v1/cases/${caseId}/closure`, {
      version: (await caseNow(actors(), caseId)).version,
      reason: 'Treatment under way; the member feels well.',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
  });

  it('her archive holds each room’s part of her case, and nothing of staff beyond her case page', async () => {
    const asked = await svenja.post('/api/v1/me/data-exports', {});
    expect(asked.status).toBe(202);
    await buildExport(server.runtime, asked.body.id);
    const ready = (await svenja.get(`/api/v1/me/data-exports/${asked.body.id}`)).body;
    const download = await fetchBytes(server.url, svenja, ready.downloadPath);
    expect(download.status).toBe(200);
    const entries = await unzip(download.bytes);
    const data = JSON.parse(entries.get('consilium-export/data.json')!.toString('utf8'));
    const [kase] = data.cases;

    expect(kase.providers).toEqual([
      expect.objectContaining({
        name: PROVIDER_NAME,
        institution: PROVIDER_INSTITUTION,
        email: PROVIDER_EMAIL,
      }),
    ]);
    expect(kase.releases).toEqual([
      expect.objectContaining({ signedName: SIGNED_NAME, kinds: ['report'], validUntil: '2099-12-31' }),
    ]);
    expect(kase.releases[0].providerId).toBe(kase.providers[0].id);
    expect(kase.recordRequests).toEqual([
      expect.objectContaining({ providerId: kase.providers[0].id, kinds: ['report'] }),
    ]);
    expect(kase.questionsToSpecialists).toEqual([
      expect.objectContaining({
        question: QUESTION,
        answers: [
          expect.objectContaining({
            specialist: expect.objectContaining({ name: 'Dr Ana Oncóloga' }),
            addendum: expect.objectContaining({ body: ADDENDUM, version: 1 }),
          }),
        ],
      }),
    ]);
    expect(kase.outcomeAnswers).toEqual([
      expect.objectContaining({ source: 'member_check_in', treatmentReceived: TREATMENT, note: MEMBER_NOTE }),
      expect.objectContaining({ source: 'case_manager_call', note: CALL_NOTE }),
    ]);
    // The opinion as the specialist wrote it, labelled with its language, and her summary.
    expect(kase.opinions).toEqual([expect.objectContaining({ language: expect.any(String) })]);
    expect(kase.opinionSummaries).toEqual([expect.objectContaining({ body: SUMMARY, language: 'es' })]);
    expect(kase.referrals).toEqual([]);
    expect(kase.serviceReview).toMatchObject({
      stars: 2,
      title: REVIEW_TITLE,
      text: REVIEW_TEXT,
      status: 'published',
      replyText: REPLY,
    });
    // Nothing of who moderated or who asked, and no link's secret.
    const text = JSON.stringify(data);
    for (const staffOnly of ['decidedByUserId', 'replyByUserId', 'requestedByUserId', 'tokenHash'])
      expect(text).not.toContain(staffOnly);
    expect(entries.get('consilium-export/README.txt')!.toString()).toContain('releases you signed');
  });

  it('erasure leaves none of her words, names or signature in those rooms; the trail verifies and the rating holds', async () => {
    const ratingBefore = (await svenja.get('/api/v1/service-reviews/rating')).body;
    expect(ratingBefore.count).toBeGreaterThanOrEqual(1);
    const request = await svenja.post('/api/v1/me/privacy-requests', { kind: 'erasure' });
    expect(request.status).toBe(201);
    const decided = await officer.post(`/api/v1/privacy-requests/${request.body.id}/decision`, {
      outcome: 'granted',
      answer: 'Your data has been erased.',
      version: request.body.version,
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);

    const rows = await roomRows();
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const everything = rows.join('\n');
    for (const personal of PERSONAL) expect(everything).not.toContain(personal);
    // The client address the release was signed from is gone too; the link's secret with it.
    const release = await server.sql.query('SELECT client_address FROM record_release WHERE case_id = $1', [
      caseId,
    ]);
    expect(release.rows).toEqual([{ client_address: '' }]);
    const links = await server.sql.query(
      'SELECT token_hash FROM provider_record_request WHERE case_id = $1',
      [caseId],
    );
    expect(links.rows).toEqual([{ token_hash: null }]);
    // What the figures count stays: the stars, the check-in's action and wellbeing.
    const kept = await server.sql.query('SELECT stars, status FROM service_review WHERE case_id = $1', [
      caseId,
    ]);
    expect(kept.rows).toEqual([{ stars: 2, status: 'published' }]);

    const ratingAfter = (await officer.get('/api/v1/service-reviews/rating')).body;
    expect(ratingAfter).toEqual(ratingBefore);
    const verified = await officer.post('/api/v1/audit-trail/verification');
    expect(verified.body).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('a database restored from before the erasure loses her words again when the ledger is replayed', async () => {
    // The backup still holds what she wrote: put it back as a restore would, without the ledger's row.
    await server.sql.query(
      `UPDATE service_review SET title = $2, text = $3, reply_text = $4 WHERE case_id = $1`,
      [caseId, REVIEW_TITLE, REVIEW_TEXT, REPLY],
    );
    await server.sql.query(`UPDATE outcome_answer SET note = $2 WHERE case_id = $1`, [caseId, MEMBER_NOTE]);
    await server.sql.query(`UPDATE case_provider SET name = $2, email = $3 WHERE case_id = $1`, [
      caseId,
      PROVIDER_NAME,
      PROVIDER_EMAIL,
    ]);
    await server.sql.query(`UPDATE record_release SET signed_name = $2 WHERE case_id = $1`, [
      caseId,
      SIGNED_NAME,
    ]);
    await server.sql.query(`UPDATE followup_question SET question = $2 WHERE case_id = $1`, [
      caseId,
      QUESTION,
    ]);
    await server.sql.query('DELETE FROM erasure_ledger');
    expect((await roomRows()).join('\n')).toContain(SIGNED_NAME);

    expect(
      await replayErasureLedger(server.runtime, systemContext(server.runtime, 'erasure-ledger-replay')),
    ).toBe(1);
    const rows = (await roomRows()).join('\n');
    for (const personal of PERSONAL) expect(rows).not.toContain(personal);
    const verified = await officer.post('/api/v1/audit-trail/verification');
    expect(verified.body).toMatchObject({ ok: true, firstBrokenSeq: null });
  });
});

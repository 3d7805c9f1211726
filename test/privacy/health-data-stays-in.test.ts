import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../support/client.js';
import { givenMemberSignedIn, givenRegister, givenStaffSignedIn } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { createLogger } from '../../src/server/platform/logger.js';
import { systemContext } from '../../src/server/platform/context.js';
import { importCoverageFile } from '../../src/server/modules/coverage/service.js';
import { BENEFIT_RULES_FORMAT } from '../../src/shared/coverage.js';

/**
 * "Health information appears in an e-mail, a log line or a URL": never. A member and their case
 * manager go through a case with words no one else would write (each carries a marker of its own),
 * bad requests included, with the server logging everything it logs at its most talkative level and
 * its job workers sending the e-mails to a real relay. Then every log line, every e-mail, the audit
 * trail, the e-mail outbox, the metrics page and every span of the traces are searched for each of
 * those words; the metrics and the spans for the ids of the case and the member and the member's
 * e-mail address too.
 */

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const marker = () => randomBytes(4).toString('hex');
const metricsToken = randomBytes(24).toString('hex');

/** What the member and the case manager write, each with its own marker. */
const words = {
  concern: `Me dijeron que el tumor no se puede operar ${marker()}`,
  diagnosis: `Glioblastoma multiforme grado IV ${marker()}`,
  treatment: `Temozolomida con radioterapia ${marker()}`,
  firstDoctor: `Dra. Olmedo ${marker()}`,
  firstInstitution: `Clínica del Norte ${marker()}`,
  question: `¿Es realmente inoperable? ${marker()}`,
  message: `Tengo convulsiones desde el martes ${marker()}`,
  reply: `Le llamo mañana para hablar de las convulsiones ${marker()}`,
  documentTitle: `Informe de resonancia ${marker()}`,
  documentText: `Lesión frontal izquierda de 4 cm ${marker()}`,
  contactNote: `Muy angustiada, llora durante la llamada ${marker()}`,
  recommendations: `Pedir una segunda biopsia estereotáctica ${marker()}`,
  nextStep: `Cita en neurocirugía del hospital universitario ${marker()}`,
  refusedMessage: `Mensaje demasiado largo sobre la epilepsia ${marker()}`,
  refusedQuestion: `Pregunta sobre la quimioterapia ${marker()}`,
  staleNote: `Nota escrita sobre una versión vieja ${marker()}`,
  reviewTitle: `Me trataron bien con mi glioma ${marker()}`,
  reviewText: `La Dra. me explicó la resonancia ${marker()}`,
  reviewEdit: `Me explicaron todo con calma ${marker()}`,
  refusedReview: `Valoración sin estrellas sobre mi tumor ${marker()}`,
  referralReason: `Resección guiada por fluorescencia ${marker()}`,
  receivingDoctor: `Dr. Serrano ${marker()}`,
  assessorQuestion: `¿Hay informe del comité de tumores? ${marker()}`,
  assessorAnswer: `Sí, el comité recomendó cirugía ${marker()}`,
  declineReason: `Tratamiento experimental excluido ${marker()}`,
  withdrawalReason: `Prefiero operarme del glioma en casa ${marker()}`,
};
const markers = [
  ...Object.entries(words).map(([field, text]) => ({ field, marker: text.slice(-8) })),
  // The number to call, as written and as kept (E.164).
  { field: 'the phone number as written', marker: '699 88 77 66' },
  { field: 'the phone number', marker: '699887766' },
  // The condition the case manager looks for a specialist for: an ICD-10 code, no room for a marker.
  { field: 'the condition searched for', marker: 'C71.1' },
];

describe('a member’s health information stays in the case', () => {
  const logLines: string[] = [];
  let smtp: TestSmtpServer;
  let server: TestServer;
  let member: Browser;
  let manager: Browser;
  let moderator: Browser;
  let assessor: Browser;
  const spans = new InMemorySpanExporter();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const log = createLogger('trace', { write: (line: string) => void logLines.push(line) });
    server = await startTestServer(
      { SMTP_URL: smtp.url, METRICS_TOKEN: metricsToken },
      { workers: true, log, spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] },
    );
    await givenRegister(server);
    manager = (
      await givenStaffSignedIn(server, 'case_manager', {
        languages: ['es', 'en'],
        weeklyShifts: allWeek,
        maxOpenCases: 20,
      })
    ).browser;
    member = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
      'paciente@privacy.test',
    );
    moderator = (await givenStaffSignedIn(server, 'moderator')).browser;
    assessor = (await givenStaffSignedIn(server, 'cover_assessor')).browser;
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('is in no log line, e-mail, audit record, outbox row, metric or span, from the request to the recommendations', async () => {
    const request = {
      concern: words.concern,
      diagnosisReceived: words.diagnosis,
      treatmentPlanReceived: words.treatment,
      firstOpinion: { doctorName: words.firstDoctor, institution: words.firstInstitution, country: 'ES' },
      questions: [words.question],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '699 88 77 66',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Oviedo' },
    };
    const submitted = await member.post('/api/v1/cases', request);
    expect(submitted.status).toBe(201);
    const caseId: string = submitted.body.id;
    expect(submitted.body.caseManager).not.toBeNull();

    // Refused on the way: eleven questions, a message of 20,000 characters.
    const tooMany = await member.post('/api/v1/cases', {
      ...request,
      questions: Array.from({ length: 11 }, () => words.refusedQuestion),
    });
    expect(tooMany.status).toBe(400);
    const tooLong = await member.post(`/api/v1/cases/${caseId}/messages`, {
      body: `${words.refusedMessage} ${'x'.repeat(20_000)}`,
    });
    expect(tooLong.status).toBe(400);

    expect((await member.post(`/api/v1/cases/${caseId}/messages`, { body: words.message })).status).toBe(201);
    expect((await manager.post(`/api/v1/cases/${caseId}/messages`, { body: words.reply })).status).toBe(201);

    const form = new FormData();
    form.append('kind', 'report');
    form.append('title', words.documentTitle);
    form.append(
      'file',
      new Blob([Buffer.from(`${words.documentText}\n`)], { type: 'text/plain' }),
      'mri.txt',
    );
    const uploaded = await member.request('POST', `/api/v1/cases/${caseId}/documents`, { body: form });
    expect(uploaded.status).toBe(201);

    const contacted = await manager.post(`/api/v1/cases/${caseId}/contacts`, {
      version: (await manager.get(`/api/v1/cases/${caseId}`)).body.version,
      channel: 'phone',
      contactedAt: server.clock.now().toISOString(),
      outcome: 'reached',
      privateNote: words.contactNote,
    });
    expect(contacted.status).toBe(201);

    // Looking for a specialist for the member's condition; a client that puts it in the address
    // finds nothing there, and the address it asked for is not kept either.
    const search = await manager.post(`/api/v1/cases/${caseId}/specialist-matches`, { condition: 'C71.1' });
    expect(search.status).toBe(200);
    expect((await manager.get(`/api/v1/cases/${caseId}/specialist-matches?condition=C71.1`)).status).toBe(
      404,
    );

    // A write on a version that is no longer the case's: 409, and its words stay out too.
    const stale = await manager.request('PUT', `/api/v1/cases/${caseId}/recommendations`, {
      json: { version: submitted.body.version, body: words.staleNote },
    });
    expect(stale.status).toBe(409);

    const current = (await manager.get(`/api/v1/cases/${caseId}`)).body;
    const written = await manager.request('PUT', `/api/v1/cases/${caseId}/recommendations`, {
      json: { version: current.version, body: words.recommendations, nextSteps: [words.nextStep] },
    });
    expect(written.status).toBe(200);
    const delivered = await manager.post(`/api/v1/cases/${caseId}/recommendations/delivery`, {
      version: (await manager.get(`/api/v1/cases/${caseId}`)).body.version,
      withoutReviewReason: 'answered_by_case_manager',
    });
    expect(delivered.status).toBe(201);

    // The case manager refers her to a neurosurgeon; a cover assessor asks a question, is answered,
    // and declines; she downloads the referral letter.
    const covered = { clause: '3', covered: true };
    const rules = await importCoverageFile(systemContext(server.runtime, 'privacy-rules'), {
      kind: 'benefits',
      dryRun: false,
      content: JSON.stringify({
        format: BENEFIT_RULES_FORMAT,
        plans: [
          {
            planCode: 'IND',
            versions: [
              {
                label: '2026',
                effectiveFrom: '2019-01-01',
                effectiveTo: null,
                currency: 'USD',
                clauses: { membership: '1.1', preExistingConditions: '5.1' },
                areaOfCover: { clause: '1.2', include: ['WORLDWIDE'], exclude: [] },
                exclusions: [],
                benefits: {
                  outpatient_consultation: covered,
                  diagnostics_imaging: covered,
                  day_case_surgery: covered,
                  inpatient_surgery: covered,
                  cancer_treatment: { ...covered, preauthorisation: { when: 'always' } },
                  physiotherapy: covered,
                  mental_health: covered,
                  second_opinion: covered,
                },
              },
            ],
          },
        ],
      }),
    });
    expect(rules.problems).toEqual([]);
    const referred = await manager.post(`/api/v1/cases/${caseId}/referrals`, {
      version: (await manager.get(`/api/v1/cases/${caseId}`)).body.version,
      receivingDoctor: words.receivingDoctor,
      country: 'ES',
      service: 'NS',
      benefit: 'cancer_treatment',
      icd10: 'C71.1',
      reason: words.referralReason,
      urgency: 'urgent',
      treatmentDate: '2026-09-10',
      estimatedCost: { amount: 2_000_000, currency: 'USD' },
    });
    expect(referred.status, JSON.stringify(referred.body)).toBe(201);
    const requestId = referred.body.preauthorisation.id;
    const asked = await assessor.post(`/api/v1/preauthorisations/${requestId}/decisions`, {
      decision: 'request_information',
      version: 1,
      question: words.assessorQuestion,
    });
    expect(asked.status).toBe(200);
    const answered = await manager.post(
      `/api/v1/cases/${caseId}/preauthorisations/${requestId}/information`,
      {
        version: 2,
        answer: words.assessorAnswer,
      },
    );
    expect(answered.status).toBe(200);
    const declined = await assessor.post(`/api/v1/preauthorisations/${requestId}/decisions`, {
      decision: 'decline',
      version: 3,
      reason: words.declineReason,
    });
    expect(declined.status).toBe(200);
    const letter = await fetch(`${server.url}/api/v1/cases/${caseId}/referrals/${referred.body.id}/letter`, {
      headers: { cookie: member.cookieHeader(), origin: server.url },
    });
    expect(letter.status).toBe(200);
    // She withdraws the referral, saying why: the timeline keeps her words, nothing else does.
    const withdrawn = await member.post(`/api/v1/cases/${caseId}/referrals/${referred.body.id}/withdrawal`, {
      reason: words.withdrawalReason,
    });
    expect(withdrawn.status).toBe(200);

    // The member rates the service (a refusal first); the moderator withholds the words, she
    // changes them, and they are published: the invitation and both outcomes are e-mailed.
    const refusedReview = await member.post(`/api/v1/cases/${caseId}/service-review`, {
      stars: 0,
      title: words.refusedReview,
      text: words.refusedReview,
      language: 'es',
    });
    expect(refusedReview.status).toBe(400);
    const review = await member.post(`/api/v1/cases/${caseId}/service-review`, {
      stars: 4,
      title: words.reviewTitle,
      text: words.reviewText,
      language: 'es',
    });
    expect(review.status).toBe(201);
    const withheld = await moderator.post(`/api/v1/service-reviews/${review.body.id}/moderation-decisions`, {
      decision: 'withhold',
      version: review.body.version,
      reason: 'health_details',
    });
    expect(withheld.status).toBe(201);
    const edited = await member.request('PUT', `/api/v1/cases/${caseId}/service-review`, {
      json: {
        stars: 4,
        title: words.reviewTitle,
        text: words.reviewEdit,
        language: 'es',
        version: withheld.body.version,
      },
    });
    expect(edited.status).toBe(200);
    const published = await moderator.post(`/api/v1/service-reviews/${review.body.id}/moderation-decisions`, {
      decision: 'publish',
      version: edited.body.version,
    });
    expect(published.status).toBe(201);

    // Every e-mail the story queued has left through the relay.
    await expect
      .poll(
        async () =>
          (
            await server.sql.query(
              `SELECT count(*)::int AS n FROM notification_outbox WHERE status <> 'sent'`,
            )
          ).rows[0].n,
        { timeout: 15_000 },
      )
      .toBe(0);
    const sent = (await server.sql.query(`SELECT count(*)::int AS n FROM notification_outbox`)).rows[0].n;
    const mails = await smtp.waitFor(sent);
    // The e-mails of the story: the case taken on, both messages, the recommendations.
    expect(sent).toBeGreaterThanOrEqual(4);

    // The search would find them: the server logged every request, with its address and outcome.
    const logged = logLines.map((line) => JSON.parse(line) as { msg?: string; req?: { url?: string } });
    expect(logged.filter((line) => line.msg === 'incoming request').length).toBeGreaterThanOrEqual(12);
    expect(logged.some((line) => line.req?.url === `/api/v1/cases/${caseId}/messages`)).toBe(true);

    const audit = (await server.sql.query(`SELECT row_to_json(a)::text AS row FROM audit_event a`)).rows;
    const outbox = (await server.sql.query(`SELECT row_to_json(o)::text AS row FROM notification_outbox o`))
      .rows;
    expect(audit.length).toBeGreaterThan(0);
    const scraped = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    expect(scraped.status).toBe(200);
    const metrics = await scraped.text();
    expect(metrics).toContain('route="/api/v1/cases/:id/messages"');
    const traced = JSON.stringify(
      spans
        .getFinishedSpans()
        .map((span) => ({ name: span.name, attributes: span.attributes, events: span.events })),
    );
    expect(traced).toContain('POST /api/v1/cases/:id/documents');
    // Neither says whose case it is, or which.
    const memberId = (await server.sql.query(`SELECT id FROM "user" WHERE email = 'paciente@privacy.test'`))
      .rows[0].id as string;
    for (const [place, text] of Object.entries({ metrics, spans: traced }))
      for (const [what, value] of Object.entries({ caseId, memberId, email: 'paciente@privacy.test' }))
        expect(text.includes(value), `${what} in ${place}`).toBe(false);
    const places = {
      metrics,
      spans: traced,
      logs: logLines.join('\n'),
      emails: mails.map((mail) => mail.raw).join('\n'),
      audit: audit.map((row) => row.row).join('\n'),
      outbox: outbox.map((row) => row.row).join('\n'),
    };
    const found = markers.flatMap(({ field, marker: mark }) =>
      Object.entries(places).flatMap(([place, text]) =>
        text.includes(mark) ? [`${field} in ${place}`] : [],
      ),
    );
    expect(found).toEqual([]);

    // And the words are where they belong: in the case, for the member.
    const thread = await member.get(`/api/v1/cases/${caseId}/messages`);
    expect(thread.body.items.map((item: { body: string }) => item.body)).toEqual(
      expect.arrayContaining([words.message, words.reply]),
    );
  });
});

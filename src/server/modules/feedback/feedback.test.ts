import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  runCli,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { serviceRatingOf } from './index.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const DAY = 86_400_000;

let server: TestServer;
let manager: Browser;
let moderator: Browser;
let ops: Browser;
let alice: Browser;
let carmen: Browser;
let fatima: Browser;
const managerName = 'Lucía Romero';

/** A case of this member (or of a dependant, for a guardian) whose recommendations are, or are not yet, delivered. */
async function caseOf(member: Browser, options: { delivered?: boolean; forMemberId?: string } = {}) {
  const submitted = await member.post('/api/v1/cases', {
    ...(options.forMemberId ? { memberId: options.forMemberId } : {}),
    concern: 'Me dijeron que necesito una operación de rodilla.',
    diagnosisReceived: 'Rotura de menisco',
    questions: ['¿Es necesaria la operación?'],
    preferredLanguage: 'es',
    contactChannel: 'phone',
    contactPhone: '+34 612 34 56 78',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Madrid' },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const id = submitted.body.id as string;
  const contacted = await manager.post(`/api/v1/cases/${id}/contacts`, {
    version: submitted.body.version,
    channel: 'phone',
    contactedAt: server.clock.now().toISOString(),
    outcome: 'reached',
  });
  await manager.request('PUT', `/api/v1/cases/${id}/recommendations`, {
    json: { version: contacted.body.version, body: 'Rehabilitación antes de operar.' },
  });
  if (options.delivered !== false) {
    const current = (await manager.get(`/api/v1/cases/${id}`)).body;
    const delivered = await manager.post(`/api/v1/cases/${id}/recommendations/delivery`, {
      version: current.version,
      withoutReviewReason: 'answered_by_case_manager',
    });
    expect(delivered.body.status).toBe('recommendations_delivered');
  }
  return id;
}

const review = (overrides: Record<string, unknown> = {}) => ({
  stars: 4,
  title: 'Muy buena atención',
  text: 'Me llamaron al día siguiente y me lo explicaron todo en español.',
  language: 'es',
  ...overrides,
});

/** The operator's command line on this server's database, sealing the audit trail with its key. */
function cliSettings() {
  const { databaseUrl, audit } = server.runtime.config;
  return {
    DATABASE_URL: databaseUrl!,
    AUDIT_SIGNING_KEY: audit.signingKey!.export({ format: 'pem', type: 'pkcs8' }).toString(),
    AUDIT_ANCHOR_FILE: audit.anchorFile,
  };
}

const rating = async () => (await new Browser(server.url).get('/api/v1/service-reviews/rating')).body;
const published = async (query = '') =>
  (await new Browser(server.url).get(`/api/v1/service-reviews/published${query}`)).body;
const reviewCount = async () =>
  Number((await server.sql.query('SELECT count(*) FROM service_review')).rows[0].count);
const outbox = async (template: string, caseId: string) =>
  (
    await server.sql.query(
      `SELECT recipient_user_id, params FROM notification_outbox WHERE template = $1 AND params->>'caseId' = $2`,
      [template, caseId],
    )
  ).rows;

beforeAll(async () => {
  server = await startTestServer();
  const register = await givenRegister(server);
  manager = (
    await givenStaffSignedIn(server, 'case_manager', {
      name: managerName,
      languages: ['es', 'en'],
      weeklyShifts: allWeek,
      maxOpenCases: 50,
    })
  ).browser;
  moderator = (await givenStaffSignedIn(server, 'moderator')).browser;
  ops = (await givenStaffSignedIn(server, 'ops')).browser;
  alice = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'alice@fb.test',
  );
  carmen = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-3000-01', dateOfBirth: '1985-10-01' },
    'carmen@fb.test',
  );
  fatima = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
    'fatima@fb.test',
  );
  elenaId = register.members.elena;
});
afterAll(async () => server?.close());

let elenaId: string;

describe('a member rates the service once the recommendations are delivered', () => {
  it('is invited by an e-mail without health data, rates 4 stars once, and a retry does not write twice', async () => {
    const notYet = await caseOf(alice, { delivered: false });
    const early = await alice.post(`/api/v1/cases/${notYet}/service-review`, review());
    expect([early.status, early.body.code]).toEqual([409, 'service_review.not_open_yet']);

    const caseId = await caseOf(alice);
    const invitations = await outbox('feedback.invitation', caseId);
    expect(invitations).toHaveLength(1);
    expect(Object.keys(invitations[0].params).sort()).toEqual(['caseId', 'caseNumber']);

    const key = { 'idempotency-key': `review-${caseId}` };
    const written = await alice.post(`/api/v1/cases/${caseId}/service-review`, review(), key);
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ stars: 4, status: 'pending', language: 'es', editable: true });
    const retried = await alice.post(`/api/v1/cases/${caseId}/service-review`, review(), key);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(written.body.id);

    const second = await alice.post(`/api/v1/cases/${caseId}/service-review`, review({ stars: 1 }));
    expect([second.status, second.body.code]).toEqual([409, 'service_review.already_written']);
    expect((await alice.get(`/api/v1/cases/${caseId}/service-review`)).body.stars).toBe(4);
  });

  it('refuses 0 or 6 stars, half stars, a 10,000-character text and missing words, changing nothing', async () => {
    const caseId = await caseOf(alice);
    const before = await reviewCount();
    for (const bad of [
      review({ stars: 0 }),
      review({ stars: 6 }),
      review({ stars: 3.5 }),
      review({ text: 'a'.repeat(10_000) }),
      review({ title: '' }),
      review({ language: 'xx' }),
      { ...review(), extra: true },
    ]) {
      const refused = await alice.post(`/api/v1/cases/${caseId}/service-review`, bad);
      expect(refused.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.code).toBe('request.validation_failed');
    }
    expect(await reviewCount()).toBe(before);
    expect((await alice.get(`/api/v1/cases/${caseId}/service-review`)).body).toBeNull();
  });

  it('keeps script in any field as the text it is', async () => {
    const caseId = await caseOf(alice);
    const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const written = await alice.post(
      `/api/v1/cases/${caseId}/service-review`,
      review({ title: script, text: `Bien ${script}` }),
    );
    expect(written.status).toBe(201);
    expect(written.body.title).toBe(script);
    expect(written.body.text).toBe(`Bien ${script}`);
  });

  it("is refused (404) on another member's case, to staff, and to the moderator, who sees no case", async () => {
    const caseId = await caseOf(alice);
    const before = await reviewCount();
    for (const stranger of [fatima, manager, ops, moderator]) {
      const attempt = await stranger.post(`/api/v1/cases/${caseId}/service-review`, review());
      expect(attempt.status).toBe(404);
      expect((await stranger.get(`/api/v1/cases/${caseId}/service-review`)).status).toBe(404);
    }
    expect((await moderator.get(`/api/v1/cases/${caseId}`)).status).toBe(404);
    expect(await reviewCount()).toBe(before);
  });

  it("lets a guardian rate the service for their child's case", async () => {
    const caseId = await caseOf(carmen, { forMemberId: elenaId });
    const written = await carmen.post(`/api/v1/cases/${caseId}/service-review`, review({ stars: 5 }));
    expect(written.status).toBe(201);
    expect((await carmen.get(`/api/v1/cases/${caseId}/service-review`)).body.stars).toBe(5);
  });

  it('may be edited for 30 days, not after', async () => {
    const caseId = await caseOf(fatima);
    const written = await fatima.post(`/api/v1/cases/${caseId}/service-review`, review({ stars: 3 }));
    const stale = await fatima.request('PUT', `/api/v1/cases/${caseId}/service-review`, {
      json: { ...review({ stars: 4 }), version: written.body.version + 1 },
    });
    expect(stale.status).toBe(409);
    server.clock.advance(29 * DAY);
    const edited = await fatima.request('PUT', `/api/v1/cases/${caseId}/service-review`, {
      json: { ...review({ stars: 4 }), version: written.body.version },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.stars).toBe(4);
    server.clock.advance(2 * DAY);
    const late = await fatima.request('PUT', `/api/v1/cases/${caseId}/service-review`, {
      json: { ...review({ stars: 5 }), version: edited.body.version },
    });
    expect([late.status, late.body.code]).toEqual([409, 'service_review.edit_window_closed']);
    expect((await fatima.get(`/api/v1/cases/${caseId}/service-review`)).body).toMatchObject({
      stars: 4,
      editable: false,
    });
  });
});

describe('independent moderation: words can be hidden, stars never', () => {
  it('the moderator withholds a text naming the case manager; the stars count; the member edits and it is published', async () => {
    const caseId = await caseOf(alice);
    const before = await rating();
    const written = await alice.post(
      `/api/v1/cases/${caseId}/service-review`,
      review({
        text: `Mi gestora, ${managerName}, me llamó enseguida. Escribidme a ana@example.com o al 612 34 56 78. Lo de mi cáncer lo entendí por fin.`,
      }),
    );
    const reviewId = written.body.id;

    const queue = await moderator.get('/api/v1/service-reviews?status=pending');
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((entry: { id: string }) => entry.id === reviewId);
    expect(item).toBeDefined();
    // The words and the stars; nothing of the case or the member.
    expect(Object.keys(item)).not.toContain('caseId');
    expect(Object.keys(item)).not.toContain('memberId');
    expect(JSON.stringify(queue.body)).not.toContain(caseId);
    const kinds = item.flags.map((flag: { kind: string }) => flag.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['staff_name', 'email_address', 'phone_number', 'health_term']),
    );
    expect(item.flags).toContainEqual({ kind: 'staff_name', field: 'text', match: 'Lucía' });

    const noReason = await moderator.post(`/api/v1/service-reviews/${reviewId}/moderation-decisions`, {
      decision: 'withhold',
      version: item.version,
    });
    expect(noReason.status).toBe(400);
    const badReason = await moderator.post(`/api/v1/service-reviews/${reviewId}/moderation-decisions`, {
      decision: 'withhold',
      version: item.version,
      reason: 'I did not like it',
    });
    expect(badReason.status).toBe(400);
    const byOps = await ops.post(`/api/v1/service-reviews/${reviewId}/moderation-decisions`, {
      decision: 'publish',
      version: item.version,
    });
    expect(byOps.status).toBe(403);

    const withheld = await moderator.post(`/api/v1/service-reviews/${reviewId}/moderation-decisions`, {
      decision: 'withhold',
      version: item.version,
      reason: 'staff_names',
    });
    expect(withheld.status).toBe(201);
    expect(withheld.body).toMatchObject({ status: 'withheld', withheldReason: 'staff_names' });
    const twice = await moderator.post(`/api/v1/service-reviews/${reviewId}/moderation-decisions`, {
      decision: 'publish',
      version: item.version,
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'service_review.stale']);
    const again = await moderator.post(`/api/v1/service-reviews/${reviewId}/moderation-decisions`, {
      decision: 'publish',
      version: withheld.body.version,
    });
    expect([again.status, again.body.code]).toEqual([409, 'service_review.already_decided']);

    // The stars count; the words are not on the public page.
    const after = await rating();
    expect(after.count).toBe(before.count + 1);
    expect(after.distribution[4]).toBe(before.distribution[4] + 1);
    expect((await published()).items.map((entry: { id: string }) => entry.id)).not.toContain(reviewId);

    // The member is told by e-mail (never the words), and reads why on the case page.
    const told = await outbox('feedback.review_withheld', caseId);
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0].params)).not.toMatch(/Lucía|cáncer|612/);
    const mine = (await alice.get(`/api/v1/cases/${caseId}/service-review`)).body;
    expect(mine).toMatchObject({ status: 'withheld', withheldReason: 'staff_names' });

    const edited = await alice.request('PUT', `/api/v1/cases/${caseId}/service-review`, {
      json: {
        ...review({ text: 'Mi gestora me llamó enseguida y me lo explicó todo.' }),
        version: mine.version,
      },
    });
    expect(edited.body).toMatchObject({ status: 'pending', withheldReason: null });
    expect((await rating()).count).toBe(after.count);

    const publish = await moderator.post(`/api/v1/service-reviews/${reviewId}/moderation-decisions`, {
      decision: 'publish',
      version: edited.body.version,
    });
    expect(publish.status).toBe(201);
    expect(await outbox('feedback.review_published', caseId)).toHaveLength(1);
    const page = await published('?language=es&stars=4');
    const shown = page.items.find((entry: { id: string }) => entry.id === reviewId);
    expect(shown).toMatchObject({ stars: 4, language: 'es', verified: true, reply: null });
    expect(shown.text).toBe('Mi gestora me llamó enseguida y me lo explicó todo.');
    expect((await published('?stars=5')).items.map((entry: { id: string }) => entry.id)).not.toContain(
      reviewId,
    );
    expect((await published('?language=fr')).items.map((entry: { id: string }) => entry.id)).not.toContain(
      reviewId,
    );

    // The service replies publicly; the moderator does not speak for the service.
    expect(
      (
        await moderator.request('PUT', `/api/v1/service-reviews/${reviewId}/reply`, {
          json: { text: 'Gracias' },
        })
      ).status,
    ).toBe(403);
    const replied = await ops.request('PUT', `/api/v1/service-reviews/${reviewId}/reply`, {
      json: { text: '¡Gracias por contárnoslo!' },
    });
    expect(replied.status).toBe(200);
    const withReply = (await published('?language=es')).items.find(
      (entry: { id: string }) => entry.id === reviewId,
    );
    expect(withReply.reply.text).toBe('¡Gracias por contárnoslo!');

    // Each decision is in the audit trail, without the words.
    const audit = await server.sql.query(
      `SELECT action, details FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at`,
      [reviewId],
    );
    const actions = audit.rows.map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'service_review.written',
        'service_review.withheld',
        'service_review.published',
      ]),
    );
    expect(JSON.stringify(audit.rows)).not.toMatch(/Lucía|gestora|612/);
  });

  it('a decision on a review that does not exist is 404, and members may not read the queue', async () => {
    const missing = await moderator.post(
      '/api/v1/service-reviews/0190a5a8-7b1c-7d2e-8f3a-123456789abc/moderation-decisions',
      {
        decision: 'publish',
        version: 1,
      },
    );
    expect(missing.status).toBe(404);
    expect((await alice.get('/api/v1/service-reviews')).status).toBe(403);
    expect((await manager.get('/api/v1/service-reviews')).status).toBe(403);
  });
});

describe('integrity of the rating', () => {
  it('test accounts and staff never count; every verified rating does, published or not', async () => {
    const dario = await givenMemberSignedIn(
      server,
      { membershipNumber: 'M-3000-02', dateOfBirth: '1984-03-03' },
      'dario@fb.test',
    );
    const before = await rating();
    const caseId = await caseOf(dario);
    // An operator marks this account as one kept for trying the service out.
    const marked = await runCli(['accounts', 'test-mark', 'dario@fb.test'], cliSettings());
    expect([marked.code, marked.stdout]).toEqual([0, expect.stringContaining('marked as a test account')]);
    const byTestAccount = await dario.post(`/api/v1/cases/${caseId}/service-review`, review({ stars: 1 }));
    expect(byTestAccount.status).toBe(201);
    expect(await rating()).toEqual(before);
    // Published or not, its words stay off the public page too.
    const decided = await moderator.post(
      `/api/v1/service-reviews/${byTestAccount.body.id}/moderation-decisions`,
      {
        decision: 'publish',
        version: byTestAccount.body.version,
      },
    );
    expect(decided.status).toBe(201);
    expect((await published()).items.map((entry: { id: string }) => entry.id)).not.toContain(
      byTestAccount.body.id,
    );
    expect(await rating()).toEqual(before);
    expect((await runCli(['accounts', 'test-mark', 'dario@fb.test', '--off'], cliSettings())).code).toBe(0);
    expect((await published()).items.map((entry: { id: string }) => entry.id)).toContain(
      byTestAccount.body.id,
    );
    expect((await runCli(['accounts', 'test-mark', 'nobody@fb.test'], cliSettings())).code).toBe(1);
    const counted = await rating();
    expect(counted.count).toBe(before.count + 1);
    expect(counted.distribution[1]).toBe(before.distribution[1] + 1);

    // A review whose author is a staff account (written past the API) is not counted either.
    await server.sql.query(
      `UPDATE service_review SET author_user_id = (SELECT user_id FROM user_profile WHERE role = 'case_manager' LIMIT 1) WHERE id = $1`,
      [byTestAccount.body.id],
    );
    expect(await rating()).toEqual(before);
  });

  it('gives other rooms the rating of some cases or plan products', async () => {
    const caseId = await caseOf(fatima);
    await fatima.post(`/api/v1/cases/${caseId}/service-review`, review({ stars: 2 }));
    const ofCase = await serviceRatingOf(server.runtime.db, { caseIds: [caseId] });
    expect(ofCase).toEqual({ count: 1, average: 2, distribution: { 5: 0, 4: 0, 3: 0, 2: 1, 1: 0 } });
    const plan = await server.sql.query(`SELECT id FROM plan_product WHERE code = 'CORP'`);
    const ofPlan = await serviceRatingOf(server.runtime.db, { planProductIds: [plan.rows[0].id] });
    expect(ofPlan.count).toBe(2);
    const none = await serviceRatingOf(server.runtime.db, { caseIds: [] });
    expect(none).toEqual({ count: 0, average: null, distribution: { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 } });
  });
});

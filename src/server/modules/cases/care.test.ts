import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { systemContext } from '../../platform/context.js';
import { sendDueFollowUpReminders } from './follow-ups.js';

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const DAY = 86_400_000;

let server: TestServer;
let member: Browser;
let manager: Browser;

/** A case the case manager has already reached by phone. */
async function contactedCase() {
  const submitted = await member.post('/api/v1/cases', {
    concern: 'My mother was told her tumour cannot be operated on.',
    diagnosisReceived: 'Pancreatic adenocarcinoma',
    questions: ['Is surgery really impossible?'],
    preferredLanguage: 'es',
    contactChannel: 'phone',
    contactPhone: '+34 612 34 56 78',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Bilbao' },
  });
  const contacted = await manager.post(`/api/v1/cases/${submitted.body.id}/contacts`, {
    version: submitted.body.version,
    channel: 'phone',
    contactedAt: server.clock.now().toISOString(),
    outcome: 'reached',
  });
  expect(contacted.body.status).toBe('contacted');
  return contacted.body as { id: string; version: number };
}

beforeAll(async () => {
  server = await startTestServer();
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
    'm@care.test',
  );
});
afterAll(async () => server?.close());

describe('recommendations reach the member', () => {
  it('the case manager writes them (script stripped), delivers them, and the member acknowledges once', async () => {
    const kase = await contactedCase();
    const draft = await manager.request('PUT', `/api/v1/cases/${kase.id}/recommendations`, {
      json: {
        version: kase.version,
        body: '## Lo que recomendamos\n\nPedir una **segunda biopsia**.<script>alert("x")</script><img src=x onerror=alert(1)>',
        nextSteps: ['Pedir cita en oncología', 'Traer el informe de la TAC'],
      },
    });
    expect(draft.status).toBe(200);
    expect(draft.body.language).toBe('es');
    expect(draft.body.markdown).not.toMatch(/<script|onerror|alert/);
    expect(draft.body.html).toContain('<strong>segunda biopsia</strong>');
    expect(draft.body.html).not.toMatch(/<script|onerror|<img/);

    // Not delivered yet: the member cannot see the draft; there is nothing for them, and no error.
    const early = await member.get(`/api/v1/cases/${kase.id}/recommendations`);
    expect([early.status, early.body]).toEqual([200, null]);

    const current = (await manager.get(`/api/v1/cases/${kase.id}`)).body;
    // No specialist reviewed this case: the delivery needs its reason from the list, else nothing changes.
    const unexplained = await manager.post(`/api/v1/cases/${kase.id}/recommendations/delivery`, {
      version: current.version,
    });
    expect([unexplained.status, unexplained.body.code]).toEqual([422, 'case.without_review_reason_required']);
    const offList = await manager.post(`/api/v1/cases/${kase.id}/recommendations/delivery`, {
      version: current.version,
      withoutReviewReason: 'felt_like_it',
    });
    expect(offList.status).toBe(400);
    expect(offList.body.errors[0].path).toBe('body.withoutReviewReason');
    expect((await manager.get(`/api/v1/cases/${kase.id}`)).body).toMatchObject({
      status: current.status,
      version: current.version,
    });
    const delivered = await manager.post(`/api/v1/cases/${kase.id}/recommendations/delivery`, {
      version: current.version,
      withoutReviewReason: 'answered_by_case_manager',
    });
    expect(delivered.status).toBe(201);
    expect(delivered.body.status).toBe('recommendations_delivered');
    // The reason is on the timeline the member reads, and on the recommendations.
    const delivery = (await member.get(`/api/v1/cases/${kase.id}/events`)).body.items.find(
      (event: { type: string }) => event.type === 'deliver_recommendations',
    );
    expect(delivery.reason).toBe('answered_by_case_manager');

    const read = await member.get(`/api/v1/cases/${kase.id}/recommendations`);
    expect(read.status).toBe(200);
    expect(read.body.nextSteps).toEqual(['Pedir cita en oncología', 'Traer el informe de la TAC']);
    expect(read.body.withoutReviewReason).toBe('answered_by_case_manager');
    const first = await member.post(`/api/v1/cases/${kase.id}/recommendations/acknowledgement`);
    const second = await member.post(`/api/v1/cases/${kase.id}/recommendations/acknowledgement`);
    expect(first.body.acknowledgedAt).not.toBeNull();
    expect(second.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
    const timeline = (await member.get(`/api/v1/cases/${kase.id}/events`)).body.items.map(
      (event: { type: string }) => event.type,
    );
    expect(timeline.filter((type: string) => type === 'recommendations_acknowledged')).toHaveLength(1);
    // Delivered recommendations are final.
    const rewrite = await manager.request('PUT', `/api/v1/cases/${kase.id}/recommendations`, {
      json: { version: delivered.body.version, body: 'Changed my mind' },
    });
    expect(rewrite.status).toBe(409);
  });

  it('cannot be delivered before they are written', async () => {
    const kase = await contactedCase();
    const attempt = await manager.post(`/api/v1/cases/${kase.id}/recommendations/delivery`, {
      version: kase.version,
    });
    expect(attempt.status).toBe(409);
    expect(attempt.body.code).toBe('case.recommendations_missing');
    expect((await manager.get(`/api/v1/cases/${kase.id}`)).body.status).toBe('contacted');
  });
});

describe('monitoring for as long as the member needs', () => {
  it('check-ins are planned, the member reports progress, and the case manager closes the case', async () => {
    const kase = await contactedCase();
    await manager.request('PUT', `/api/v1/cases/${kase.id}/recommendations`, {
      json: { version: kase.version, body: 'Seguir el tratamiento y volver en dos semanas.' },
    });
    let current = (await manager.get(`/api/v1/cases/${kase.id}`)).body;
    current = (
      await manager.post(`/api/v1/cases/${kase.id}/recommendations/delivery`, {
        version: current.version,
        withoutReviewReason: 'answered_by_case_manager',
      })
    ).body;

    const past = await manager.post(`/api/v1/cases/${kase.id}/follow-ups`, {
      version: current.version,
      dates: [new Date(server.clock.now().getTime() - DAY).toISOString()],
    });
    expect(past.status).toBe(422);
    expect(past.body.code).toBe('follow_up.date_in_past');

    const planned = await manager.post(`/api/v1/cases/${kase.id}/follow-ups`, {
      version: current.version,
      every: { days: 14, count: 3 },
    });
    expect(planned.status).toBe(201);
    expect(planned.body.case.status).toBe('monitoring');
    expect(planned.body.followUps).toHaveLength(3);

    const [firstCheckIn] = (await member.get(`/api/v1/cases/${kase.id}/follow-ups`)).body.items;
    const reported = await member.post(`/api/v1/cases/${kase.id}/follow-ups/${firstCheckIn.id}/progress`, {
      progress: 'Me encuentro mejor, sin dolor por las noches.',
    });
    expect(reported.status).toBe(201);
    expect(reported.body.status).toBe('completed');

    const closed = await manager.post(`/api/v1/cases/${kase.id}/closure`, {
      version: planned.body.case.version,
      reason: 'Treatment finished; the member feels well.',
    });
    expect(closed.status).toBe(201);
    expect(closed.body.status).toBe('closed');
    const remaining = (await member.get(`/api/v1/cases/${kase.id}/follow-ups`)).body.items.map(
      (item: { status: string }) => item.status,
    );
    expect(remaining).toEqual(['completed', 'cancelled', 'cancelled']);
    const load = await server.sql.query('SELECT sum(open_cases)::int AS n FROM case_manager_load');
    const open = await server.sql.query(
      `SELECT count(*)::int AS n FROM opinion_case WHERE status NOT IN ('closed', 'withdrawn')`,
    );
    expect(load.rows[0].n).toBe(open.rows[0].n);
  });
});

describe('a member who withdraws while being monitored', () => {
  it('is sent no more check-ins: the planned ones are cancelled, as on closure', async () => {
    const kase = await contactedCase();
    await manager.request('PUT', `/api/v1/cases/${kase.id}/recommendations`, {
      json: { version: kase.version, body: 'Repetir la resonancia en un mes.' },
    });
    let current = (await manager.get(`/api/v1/cases/${kase.id}`)).body;
    current = (
      await manager.post(`/api/v1/cases/${kase.id}/recommendations/delivery`, {
        version: current.version,
        withoutReviewReason: 'answered_by_case_manager',
      })
    ).body;
    const planned = await manager.post(`/api/v1/cases/${kase.id}/follow-ups`, {
      version: current.version,
      every: { days: 7, count: 2 },
    });
    expect(planned.status).toBe(201);

    const withdrawn = await member.post(`/api/v1/cases/${kase.id}/withdrawal`, {
      version: planned.body.case.version,
      reason: 'Prefiero seguir con mi médico de siempre.',
    });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body.status).toBe('withdrawn');
    const remaining = (await member.get(`/api/v1/cases/${kase.id}/follow-ups`)).body.items.map(
      (item: { status: string }) => item.status,
    );
    expect(remaining).toEqual(['cancelled', 'cancelled']);
  });
});

describe('a call is scheduled at a time that suits the member', () => {
  it('the case manager proposes slots, the member sees them in Madrid time and confirms one; both get an invitation', async () => {
    const kase = await contactedCase();
    const tomorrow = Math.ceil(server.clock.now().getTime() / DAY) * DAY + DAY;
    const inThePast = await manager.post(`/api/v1/cases/${kase.id}/calls`, {
      channel: 'video',
      meetingUrl: 'https://meet.example.com/smo-call',
      slots: [{ startsAt: new Date(server.clock.now().getTime() - 3_600_000).toISOString() }],
    });
    expect(inThePast.status).toBe(422);
    expect(inThePast.body.code).toBe('call.slot_in_past');

    const proposed = await manager.post(`/api/v1/cases/${kase.id}/calls`, {
      channel: 'video',
      meetingUrl: 'https://meet.example.com/smo-call',
      slots: [
        { startsAt: new Date(tomorrow + 9 * 3_600_000).toISOString(), durationMinutes: 30 },
        { startsAt: new Date(tomorrow + 15 * 3_600_000).toISOString(), durationMinutes: 45 },
      ],
    });
    expect(proposed.status).toBe(201);

    const seen = await member.get(`/api/v1/cases/${kase.id}/calls`);
    const [offer] = seen.body.items;
    expect(offer.status).toBe('proposed');
    expect(offer.timeZone).toBe('Europe/Madrid');
    // 09:00 UTC is 10:00 or 11:00 in Madrid, depending on the season.
    expect(offer.slots[0].startsAtLocal).toMatch(/T1[01]:00:00\.000\+0[12]:00$/);

    const confirmed = await member.post(`/api/v1/cases/${kase.id}/calls/${offer.id}/confirmation`, {
      slot: 1,
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.confirmedStartsAt).toBe(offer.slots[1].startsAt);
    const again = await member.post(`/api/v1/cases/${kase.id}/calls/${offer.id}/confirmation`, { slot: 0 });
    expect(again.status).toBe(409);

    const invitations = await server.sql.query(
      `SELECT recipient_user_id, params FROM notification_outbox WHERE template = 'case.call_scheduled' AND params->>'caseId' = $1`,
      [kase.id],
    );
    expect(invitations.rows).toHaveLength(2);
    expect(JSON.stringify(invitations.rows)).not.toMatch(/tumour|Pancreatic|surgery/i);
  });
});

describe('check-in reminders', () => {
  it('reach both sides once when a check-in falls due, and not for a closed case', async () => {
    const kase = await contactedCase();
    await manager.request('PUT', `/api/v1/cases/${kase.id}/recommendations`, {
      json: { version: kase.version, body: 'Volver a consulta.' },
    });
    let current = (await manager.get(`/api/v1/cases/${kase.id}`)).body;
    current = (
      await manager.post(`/api/v1/cases/${kase.id}/recommendations/delivery`, {
        version: current.version,
        withoutReviewReason: 'answered_by_case_manager',
      })
    ).body;
    const planned = await manager.post(`/api/v1/cases/${kase.id}/follow-ups`, {
      version: current.version,
      every: { days: 7, count: 2 },
    });
    expect(planned.status).toBe(201);
    const reminders = async () =>
      (
        await server.sql.query(
          `SELECT recipient_user_id FROM notification_outbox WHERE template = 'case.follow_up_due' AND params->>'caseId' = $1`,
          [kase.id],
        )
      ).rows;
    const sweep = () => sendDueFollowUpReminders(systemContext(server.runtime, 'reminders'));

    await sweep();
    expect(await reminders()).toHaveLength(0);
    server.clock.advance(7 * DAY + 60_000);
    await sweep();
    await sweep();
    expect(await reminders()).toHaveLength(2);

    await manager.post(`/api/v1/cases/${kase.id}/closure`, {
      version: planned.body.case.version,
      reason: 'The member is well.',
    });
    server.clock.advance(7 * DAY);
    await sweep();
    expect(await reminders()).toHaveLength(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
} from '../../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../../../../test/support/smtp.js';

/**
 * A member who asks to be called gives the number to call: read for the country they are in,
 * kept in E.164, shown to their case manager to dial. A video call carries its meeting link from
 * the proposal to the invitation in the member's inbox and the join link on their case page.
 */

const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const DAY = 86_400_000;

let smtp: TestSmtpServer;
let server: TestServer;
let member: Browser;
let manager: Browser;

const inSingapore = {
  concern: 'I was told I need a heart bypass and I am scared.',
  diagnosisReceived: 'Three-vessel coronary artery disease',
  questions: ['Could stents be enough?'],
  preferredLanguage: 'en',
  contactChannel: 'phone',
  timeZone: 'Asia/Singapore',
  location: { country: 'SG', city: 'Singapore' },
};

const caseCount = async () =>
  (await server.sql.query(`SELECT count(*)::int AS n FROM opinion_case`)).rows[0].n;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url }, { workers: true });
  await givenRegister(server);
  manager = (
    await givenStaffSignedIn(server, 'case_manager', {
      languages: ['en'],
      weeklyShifts: allWeek,
      maxOpenCases: 20,
    })
  ).browser;
  member = await givenMemberSignedIn(
    server,
    { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
    'tan@phone.test',
  );
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

describe('a member who asks to be called by phone', () => {
  it('is asked for the number, and one that is not a number of their country is refused, changing nothing', async () => {
    const before = await caseCount();

    const none = await member.post('/api/v1/cases', inSingapore);
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('request.validation_failed');
    expect(none.body.errors).toEqual([expect.objectContaining({ path: 'body.contactPhone' })]);

    // Singapore numbers have eight digits: five are not a number there.
    const short = await member.post('/api/v1/cases', { ...inSingapore, contactPhone: '91234' });
    expect(short.status).toBe(422);
    expect(short.headers.get('content-type')).toContain('application/problem+json');
    expect(short.body.code).toBe('request.phone_invalid');
    expect(short.body.errors).toEqual([
      expect.objectContaining({ path: 'body.contactPhone', code: 'phone_invalid' }),
    ]);
    // The refusal does not repeat the number back.
    expect(JSON.stringify(short.body)).not.toContain('91234');

    const letters = await member.post('/api/v1/cases', { ...inSingapore, contactPhone: 'call me maybe' });
    expect(letters.status).toBe(400);

    expect(await caseCount()).toBe(before);
  });

  it('gives it the way it is written locally; it is kept in E.164 and the case manager gets it to dial', async () => {
    const submitted = await member.post('/api/v1/cases', { ...inSingapore, contactPhone: '9123 4567' });
    expect(submitted.status).toBe(201);
    expect(submitted.body.contactPhone).toEqual({ e164: '+6591234567', international: '+65 9123 4567' });
    const stored = await server.sql.query(`SELECT contact_phone FROM opinion_case WHERE id = $1`, [
      submitted.body.id,
    ]);
    expect(stored.rows[0].contact_phone).toBe('+6591234567');

    const seen = await manager.get(`/api/v1/cases/${submitted.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.contactPhone).toEqual({ e164: '+6591234567', international: '+65 9123 4567' });
    expect(seen.body.timeZone).toBe('Asia/Singapore');
    // The case manager's read of it, number included, is in the member's access log.
    const reads = await server.sql.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'case.read' AND entity_id = $1`,
      [submitted.body.id],
    );
    expect(reads.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('may give a number of another country with its + code, and none at all for a message', async () => {
    const abroad = await member.post('/api/v1/cases', { ...inSingapore, contactPhone: '+44 20 7946 0958' });
    expect(abroad.status).toBe(201);
    expect(abroad.body.contactPhone.e164).toBe('+442079460958');

    const byMessage = await member.post('/api/v1/cases', { ...inSingapore, contactChannel: 'message' });
    expect(byMessage.status).toBe(201);
    expect(byMessage.body.contactPhone).toBeNull();
  });

  it('may keep a number on their profile, read for the profile’s country, for later requests to start from', async () => {
    const me = (await member.get('/api/v1/me')).body;
    const wrong = await member.request('PATCH', '/api/v1/me', {
      json: { version: me.version, country: 'SG', phone: '0123' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('request.phone_invalid');
    expect((await member.get('/api/v1/me')).body.version).toBe(me.version);

    const saved = await member.request('PATCH', '/api/v1/me', {
      json: { version: me.version, country: 'SG', phone: '8123-4567' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.phone).toEqual({ e164: '+6581234567', international: '+65 8123 4567' });

    const removed = await member.request('PATCH', '/api/v1/me', {
      json: { version: saved.body.version, phone: null },
    });
    expect(removed.body.phone).toBeNull();
  });
});

describe('a video call', () => {
  it('needs an https meeting link, which the invitation e-mail and the member’s case page carry', async () => {
    const submitted = await member.post('/api/v1/cases', {
      ...inSingapore,
      contactChannel: 'video',
    });
    expect(submitted.status).toBe(201);
    const caseId: string = submitted.body.id;
    const tomorrow = Math.ceil(server.clock.now().getTime() / DAY) * DAY + DAY;
    const slots = [{ startsAt: new Date(tomorrow + 2 * 3_600_000).toISOString(), durationMinutes: 30 }];

    const noLink = await manager.post(`/api/v1/cases/${caseId}/calls`, { channel: 'video', slots });
    expect(noLink.status).toBe(422);
    expect(noLink.body.code).toBe('call.meeting_link_required');
    expect(noLink.body.errors).toEqual([expect.objectContaining({ path: 'body.meetingUrl' })]);
    for (const meetingUrl of [
      'http://meet.example.com/abc',
      'javascript:alert(1)',
      'https://10.0.0.7/room',
    ]) {
      const refused = await manager.post(`/api/v1/cases/${caseId}/calls`, {
        channel: 'video',
        meetingUrl,
        slots,
      });
      expect(refused.status).toBe(400);
      expect(new Set(refused.body.errors.map((error: { path: string }) => error.path))).toEqual(
        new Set(['body.meetingUrl']),
      );
    }
    expect((await member.get(`/api/v1/cases/${caseId}/calls`)).body.items).toEqual([]);

    const proposed = await manager.post(`/api/v1/cases/${caseId}/calls`, {
      channel: 'video',
      meetingUrl: 'https://meet.example.com/first-room',
      slots,
    });
    expect(proposed.status).toBe(201);

    // The meeting is the case manager's to set: the member confirms the time, not a link of theirs.
    const memberLink = await member.post(`/api/v1/cases/${caseId}/calls/${proposed.body.id}/confirmation`, {
      slot: 0,
      meetingUrl: 'https://elsewhere.example.com/x',
    });
    expect(memberLink.status).toBe(403);

    // Having agreed the time by phone, the case manager confirms it with the room they booked.
    const confirmed = await manager.post(`/api/v1/cases/${caseId}/calls/${proposed.body.id}/confirmation`, {
      slot: 0,
      meetingUrl: 'https://meet.example.com/booked-room?pwd=abc&x=1',
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.meetingUrl).toBe('https://meet.example.com/booked-room?pwd=abc&x=1');

    const onCasePage = (await member.get(`/api/v1/cases/${caseId}/calls`)).body.items[0];
    expect(onCasePage).toMatchObject({
      status: 'confirmed',
      channel: 'video',
      meetingUrl: 'https://meet.example.com/booked-room?pwd=abc&x=1',
    });

    const invitationTo = () =>
      smtp.received.find(
        (mail) => mail.to.includes('tan@phone.test') && mail.parsed.text?.includes('booked-room'),
      );
    await expect.poll(invitationTo, { timeout: 15_000 }).toBeDefined();
    const invitation = invitationTo();
    expect(invitation!.parsed.text).toContain('https://meet.example.com/booked-room?pwd=abc&x=1');
    expect(invitation!.parsed.html).toContain('href="https://meet.example.com/booked-room?pwd=abc&amp;x=1"');
    const ics = invitation!.parsed.attachments.find((file) => file.filename === 'invitation.ics');
    expect(ics?.content.toString('utf8').replace(/\r\n[ \t]/g, '')).toContain(
      'LOCATION:https://meet.example.com/booked-room?pwd=abc&x=1',
    );
  });

  it('proposed with a link is confirmed by the member and the invitation carries that link', async () => {
    const submitted = await member.post('/api/v1/cases', { ...inSingapore, contactChannel: 'video' });
    const caseId: string = submitted.body.id;
    const tomorrow = Math.ceil(server.clock.now().getTime() / DAY) * DAY + DAY;
    const proposed = await manager.post(`/api/v1/cases/${caseId}/calls`, {
      channel: 'video',
      meetingUrl: 'https://meet.example.com/member-picks',
      slots: [{ startsAt: new Date(tomorrow + 3 * 3_600_000).toISOString() }],
    });
    const confirmed = await member.post(`/api/v1/cases/${caseId}/calls/${proposed.body.id}/confirmation`, {
      slot: 0,
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.meetingUrl).toBe('https://meet.example.com/member-picks');
    // Both invitations, the member's and the case manager's, carry it.
    await expect
      .poll(
        () =>
          smtp.received.filter((mail) => mail.parsed.text?.includes('https://meet.example.com/member-picks'))
            .length,
        { timeout: 15_000 },
      )
      .toBe(2);
  });

  it('without a link, even one proposed before links were asked for, is not confirmed', async () => {
    const submitted = await member.post('/api/v1/cases', { ...inSingapore, contactChannel: 'video' });
    const caseId: string = submitted.body.id;
    const tomorrow = Math.ceil(server.clock.now().getTime() / DAY) * DAY + DAY;
    const proposed = await manager.post(`/api/v1/cases/${caseId}/calls`, {
      channel: 'video',
      meetingUrl: 'https://meet.example.com/old',
      slots: [{ startsAt: new Date(tomorrow + 4 * 3_600_000).toISOString() }],
    });
    // A proposal written before this release has no link.
    await server.sql.query(`UPDATE scheduled_call SET meeting_url = NULL WHERE id = $1`, [proposed.body.id]);

    const byMember = await member.post(`/api/v1/cases/${caseId}/calls/${proposed.body.id}/confirmation`, {
      slot: 0,
    });
    expect(byMember.status).toBe(422);
    expect(byMember.body.code).toBe('call.meeting_link_required');
    const calls = (await member.get(`/api/v1/cases/${caseId}/calls`)).body.items;
    expect(calls[0].status).toBe('proposed');
    const invitations = await server.sql.query(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'case.call_scheduled' AND params->>'caseId' = $1`,
      [caseId],
    );
    expect(invitations.rows[0].n).toBe(0);

    const byManager = await manager.post(`/api/v1/cases/${caseId}/calls/${proposed.body.id}/confirmation`, {
      slot: 0,
      meetingUrl: 'https://meet.example.com/new',
    });
    expect(byManager.status).toBe(201);
    expect(byManager.body.meetingUrl).toBe('https://meet.example.com/new');
  });

  it('by phone carries no link', async () => {
    const submitted = await member.post('/api/v1/cases', { ...inSingapore, contactPhone: '9123 4567' });
    const tomorrow = Math.ceil(server.clock.now().getTime() / DAY) * DAY + DAY;
    const proposed = await manager.post(`/api/v1/cases/${submitted.body.id}/calls`, {
      channel: 'phone',
      meetingUrl: 'https://meet.example.com/not-for-a-phone-call',
      slots: [{ startsAt: new Date(tomorrow + 5 * 3_600_000).toISOString() }],
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body.meetingUrl).toBeNull();
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from '../../../../test/support/client.js';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  runCli,
  runCliProcess,
} from '../../../../test/support/factories.js';
import { createTestDatabase, startTestServer, type TestServer } from '../../../../test/support/server.js';
import { sealAuditTrail, verifyAuditChain } from './service.js';

let server: TestServer;
let register: Awaited<ReturnType<typeof givenRegister>>;
let carmen: Browser;
let carmenUserId: string;
let ops: Browser;

const proofs = {
  carmen: { membershipNumber: 'M-3000-01', dateOfBirth: '1985-10-01' },
  dario: { membershipNumber: 'M-3000-02', dateOfBirth: '1984-03-03' },
  fatima: { membershipNumber: 'M-4000-01', dateOfBirth: '1992-12-12' },
  alice: { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
};

beforeAll(async () => {
  server = await startTestServer();
  register = await givenRegister(server);
  carmen = await givenMemberSignedIn(server, proofs.carmen, 'carmen@example.org');
  carmenUserId = (await carmen.get('/api/v1/me')).body.id;
  ({ browser: ops } = await givenStaffSignedIn(server, 'ops'));
});
afterAll(async () => server?.close());

async function eventsOfRequest(target: TestServer, requestId: string) {
  const result = await target.sql.query(
    `SELECT seq, id, action, actor_user_id, actor_role, subject_member_id, entity_type, entity_id, purpose, outcome, details
       FROM audit_event WHERE request_id = $1 ORDER BY seq`,
    [requestId],
  );
  return result.rows;
}

/**
 * What someone with the database owner's password could do: switch the append-only guard off,
 * change the trail, and switch it on again. The chain must still give them away.
 */
async function tamperAsSuperuser(sql: pg.Pool, statement: string, params: unknown[] = []) {
  const client = await sql.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
    await client.query(statement, params);
    await client.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** What the operator's command needs to check a server's trail: its database, key and anchor file. */
function cliSettingsOf(target: TestServer) {
  const { databaseUrl, audit } = target.runtime.config;
  return {
    DATABASE_URL: databaseUrl!,
    AUDIT_SIGNING_KEY: audit.signingKey!.export({ format: 'pem', type: 'pkcs8' }).toString(),
    AUDIT_ANCHOR_FILE: audit.anchorFile,
  };
}

describe('reads of member data are recorded', () => {
  it("a member reading their Healthcare Hub leaves an event about them, in the same request's trail", async () => {
    const hub = await carmen.get('/api/v1/me/healthcare-hub', { 'x-request-id': 'story-hub-read-0001' });
    expect(hub.status).toBe(200);
    const events = await eventsOfRequest(server, 'story-hub-read-0001');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'healthcare_hub.read',
      actor_user_id: carmenUserId,
      actor_role: 'member',
      subject_member_id: register.members.carmen,
      purpose: 'self_service',
      outcome: 'success',
    });
  });

  it("an operations read of the member's record shows in the member's access log with who, role and purpose", async () => {
    const read = await ops.get(`/api/v1/members/${register.members.carmen}`, {
      'x-request-id': 'story-ops-read-0001',
    });
    expect(read.status).toBe(200);

    const log = await carmen.get('/api/v1/me/access-log');
    expect(log.status).toBe(200);
    const [latest] = log.body.items;
    expect(latest).toMatchObject({
      action: 'member.read',
      actor: { role: 'ops', name: 'Test ops', isYou: false },
      purpose: 'operations',
      outcome: 'success',
    });
    const [event] = await eventsOfRequest(server, 'story-ops-read-0001');
    expect(event).toMatchObject({
      id: latest.id,
      subject_member_id: register.members.carmen,
      purpose: 'operations',
    });
  });

  it("the member's own reads are left out of the access log unless they ask for them", async () => {
    expect((await carmen.get('/api/v1/me/healthcare-hub')).status).toBe(200);
    const others = await carmen.get('/api/v1/me/access-log');
    expect(others.body.items.length).toBeGreaterThan(0);
    expect(others.body.items.every((item: { actor: { isYou: boolean } }) => !item.actor.isYou)).toBe(true);
    expect(others.body.items.map((item: { action: string }) => item.action)).not.toContain(
      'healthcare_hub.read',
    );

    const everything = await carmen.get('/api/v1/me/access-log?includeOwn=true');
    expect(everything.status).toBe(200);
    const own = everything.body.items.filter((item: { actor: { isYou: boolean } }) => item.actor.isYou);
    expect(own.length).toBeGreaterThan(0);
    // The list read just before this one was itself recorded, and is the newest entry.
    expect(everything.body.items[0]).toMatchObject({
      action: 'access_log.read',
      actor: { role: 'member', name: null, isYou: true },
      purpose: 'self_service',
    });
    expect(own.map((item: { action: string }) => item.action)).toContain('healthcare_hub.read');
  });

  it('the access log is read a page at a time, newest first, each entry once', async () => {
    const fatima = await givenMemberSignedIn(server, proofs.fatima, 'fatima@example.org');
    const { browser: privacy } = await givenStaffSignedIn(server, 'privacy_officer');
    for (let read = 0; read < 3; read += 1) {
      expect((await ops.get(`/api/v1/members/${register.members.fatima}`)).status).toBe(200);
    }
    for (let read = 0; read < 2; read += 1) {
      expect((await privacy.get(`/api/v1/members/${register.members.fatima}`)).status).toBe(200);
    }

    const first = await fatima.get('/api/v1/me/access-log?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await fatima.get(`/api/v1/me/access-log?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toEqual(expect.any(String));
    const third = await fatima.get(`/api/v1/me/access-log?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items).toHaveLength(1);
    expect(third.body.nextCursor).toBeNull();

    const entries = [...first.body.items, ...second.body.items, ...third.body.items];
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(5);
    expect(entries.map((entry) => entry.purpose)).toEqual([
      'privacy',
      'privacy',
      'operations',
      'operations',
      'operations',
    ]);
    expect(entries.map((entry) => entry.actor.role)).toEqual([
      'privacy_officer',
      'privacy_officer',
      'ops',
      'ops',
      'ops',
    ]);
    const times = entries.map((entry) => Date.parse(entry.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const nonsense = await fatima.get('/api/v1/me/access-log?cursor=not-a-cursor');
    expect(nonsense.status).toBe(400);
    expect(nonsense.body.code).toBe('request.validation_failed');
  });

  it('only members have an access log of their own; staff are answered as if it did not exist', async () => {
    const reply = await ops.get('/api/v1/me/access-log');
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('resource.not_found');
  });

  it('the events written name records, never the health or identity data in them', async () => {
    const identifying = ['Carmen', 'Fatima', 'Tester', '1985-10-01', '1992-12-12', 'M-3000-01', 'M-4000-01'];
    const trail = await server.sql.query<{ row: string }>(
      `SELECT row_to_json(e)::text AS row FROM audit_event e`,
    );
    expect(trail.rows.length).toBeGreaterThan(5);
    for (const { row } of trail.rows) {
      for (const value of identifying) expect(row).not.toContain(value);
    }
    const log = await carmen.get('/api/v1/me/access-log?includeOwn=true');
    for (const value of identifying) expect(JSON.stringify(log.body)).not.toContain(value);
  });
});

describe('the trail is append-only and chained', () => {
  it('the database refuses UPDATE, DELETE and TRUNCATE of audit events, and moving the chain head', async () => {
    const before = await server.sql.query(`SELECT count(*)::int AS n, max(seq) AS last FROM audit_event`);
    await expect(server.sql.query(`UPDATE audit_event SET purpose = 'care' WHERE seq = 1`)).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(server.sql.query(`DELETE FROM audit_event WHERE seq = 1`)).rejects.toThrow(
      /append-only: DELETE/,
    );
    await expect(server.sql.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(server.sql.query(`UPDATE audit_chain_head SET seq = 0`)).rejects.toThrow(/chain head/);
    const after = await server.sql.query(`SELECT count(*)::int AS n, max(seq) AS last FROM audit_event`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('an intact chain verifies, counting every event', async () => {
    const { rows } = await server.sql.query(`SELECT count(*)::int AS n FROM audit_event`);
    const result = await verifyAuditChain(server.runtime);
    expect(result).toEqual({
      ok: true,
      checked: rows[0].n,
      anchors: expect.any(Number),
      firstBrokenSeq: null,
      reason: null,
    });
    expect(result.anchors).toBeGreaterThan(0);
    expect(result.checked).toBeGreaterThan(5);
  });

  it('20 audited requests at once leave one unbroken chain with no gaps in the sequence', async () => {
    const alice = await givenMemberSignedIn(server, proofs.alice, 'alice@example.org');
    const dario = await givenMemberSignedIn(server, proofs.dario, 'dario@example.org');
    const members = [carmen, alice, dario];
    const before = await server.sql.query(`SELECT coalesce(max(seq), 0)::int AS last FROM audit_event`);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        index % 4 === 3
          ? ops.get(`/api/v1/members/${register.members.elena}`)
          : members[index % 3]!.get('/api/v1/me/healthcare-hub'),
      ),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200));

    const added = await server.sql.query<{ seq: number }>(
      `SELECT seq FROM audit_event WHERE seq > $1 ORDER BY seq`,
      [before.rows[0].last],
    );
    expect(added.rows).toHaveLength(20);
    expect(added.rows.map((row) => row.seq)).toEqual(
      Array.from({ length: 20 }, (_, i) => before.rows[0].last + 1 + i),
    );
    const all = await server.sql.query(
      `SELECT count(*)::int AS n, min(seq) AS first, max(seq) AS last FROM audit_event`,
    );
    expect(all.rows[0]).toMatchObject({ first: 1, last: all.rows[0].n });
    expect(await verifyAuditChain(server.runtime)).toMatchObject({ ok: true, checked: all.rows[0].n });
  });
});

describe('tampering with the trail is detected', () => {
  let witness: TestServer;
  let seqs: number[];

  /** A member reads their hub six times: six events to tamper with. */
  beforeAll(async () => {
    witness = await startTestServer();
    await givenRegister(witness);
    const member = await givenMemberSignedIn(witness, proofs.carmen, 'carmen@example.org');
    for (let read = 0; read < 6; read += 1) {
      expect((await member.get('/api/v1/me/healthcare-hub')).status).toBe(200);
    }
    const rows = await witness.sql.query<{ seq: number }>(
      `SELECT seq FROM audit_event WHERE action = 'healthcare_hub.read' ORDER BY seq`,
    );
    seqs = rows.rows.map((row) => row.seq);
    expect(seqs).toHaveLength(6);
    expect(await verifyAuditChain(witness.runtime)).toMatchObject({ ok: true });
  });
  afterAll(async () => witness?.close());

  it("a changed event's details are found at that event, and putting them back heals the chain", async () => {
    const target = seqs[2]!;
    await tamperAsSuperuser(
      witness.sql,
      `UPDATE audit_event SET details = '{"note":"nothing to see"}' WHERE seq = $1`,
      [target],
    );
    expect(await verifyAuditChain(witness.runtime)).toMatchObject({
      ok: false,
      firstBrokenSeq: target,
      reason: 'content does not match its hash',
    });
    await tamperAsSuperuser(witness.sql, `UPDATE audit_event SET details = '{}' WHERE seq = $1`, [target]);
    expect(await verifyAuditChain(witness.runtime)).toMatchObject({ ok: true, firstBrokenSeq: null });
  });

  it('a changed actor is found at that event', async () => {
    const target = seqs[1]!;
    const original = await witness.sql.query(`SELECT actor_user_id FROM audit_event WHERE seq = $1`, [
      target,
    ]);
    await tamperAsSuperuser(
      witness.sql,
      `UPDATE audit_event SET actor_user_id = NULL, actor_role = 'system' WHERE seq = $1`,
      [target],
    );
    expect(await verifyAuditChain(witness.runtime)).toMatchObject({ ok: false, firstBrokenSeq: target });
    await tamperAsSuperuser(
      witness.sql,
      `UPDATE audit_event SET actor_user_id = $2, actor_role = 'member' WHERE seq = $1`,
      [target, original.rows[0].actor_user_id],
    );
    expect(await verifyAuditChain(witness.runtime)).toMatchObject({ ok: true });
  });

  it('a changed hash that is made to look right still breaks the link to the next event', async () => {
    const target = seqs[3]!;
    // Recompute this row's own hash after changing it: the next event no longer links to it.
    await tamperAsSuperuser(witness.sql, `UPDATE audit_event SET purpose = 'care' WHERE seq = $1;`, [target]);
    await tamperAsSuperuser(
      witness.sql,
      `UPDATE audit_event e SET hash = audit_event_digest(e.prev_hash, e) WHERE seq = $1`,
      [target],
    );
    expect(await verifyAuditChain(witness.runtime)).toMatchObject({
      ok: false,
      firstBrokenSeq: target + 1,
      reason: 'does not link to the event before it',
    });
    await tamperAsSuperuser(witness.sql, `UPDATE audit_event SET purpose = 'self_service' WHERE seq = $1`, [
      target,
    ]);
    await tamperAsSuperuser(
      witness.sql,
      `UPDATE audit_event e SET hash = audit_event_digest(e.prev_hash, e) WHERE seq = $1`,
      [target],
    );
    expect(await verifyAuditChain(witness.runtime)).toMatchObject({ ok: true });
  });

  it('the operator command says intact, then names the event after a removed one', async () => {
    const { rows } = await witness.sql.query(`SELECT count(*)::int AS n FROM audit_event`);
    const intact = await runCli(['audit', 'verify'], cliSettingsOf(witness));
    expect(intact.stdout).toContain(`audit chain intact: ${rows[0].n} events checked`);
    expect(intact.code).toBe(0);

    const removed = seqs[4]!;
    await tamperAsSuperuser(witness.sql, `DELETE FROM audit_event WHERE seq = $1`, [removed]);
    expect(await verifyAuditChain(witness.runtime)).toMatchObject({
      ok: false,
      firstBrokenSeq: removed + 1,
      reason: 'the event before this one is missing',
    });
    // This one as the operator runs it: the command's entry in a process of its own, whose exit code tells.
    const broken = await runCliProcess(['audit', 'verify'], cliSettingsOf(witness));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`audit chain BROKEN at event ${removed + 1}`);
    expect(broken.stdout).toContain('the event before this one is missing');
  }, 90_000);
});

describe('the operator command on a fresh database', () => {
  it('reports an empty trail as intact and exits 0', async () => {
    const databaseUrl = await createTestDatabase();
    const run = await runCli(['audit', 'verify'], { DATABASE_URL: databaseUrl });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('audit chain intact: 0 events checked against 0 signed heads\n');
    expect(run.code).toBe(0);
  }, 60_000);
});

describe('the chain is sealed in batches, without making writers wait for each other', () => {
  it('an event committed late is sealed after those committed before it, and the chain holds', async () => {
    await verifyAuditChain(server.runtime);
    const slow = await server.sql.connect();
    try {
      await slow.query('BEGIN');
      const late = await slow.query<{ seq: string }>(
        `INSERT INTO audit_event (id, occurred_at, actor_role, action, entity_type, purpose, outcome)
         VALUES (gen_random_uuid(), now(), 'system', 'access_log.read', 'test', 'security', 'success') RETURNING seq`,
      );
      // A request that starts later commits first.
      expect((await carmen.get('/api/v1/me/healthcare-hub')).status).toBe(200);
      expect((await sealAuditTrail(server.runtime)) >= 1).toBe(true);
      await slow.query('COMMIT');
      expect(await sealAuditTrail(server.runtime)).toBe(1);
      const positions = await server.sql.query(
        'SELECT seq, chain_pos FROM audit_event WHERE seq >= $1 ORDER BY chain_pos',
        [Number(late.rows[0]!.seq)],
      );
      expect(Number(positions.rows.at(-1)!.seq)).toBe(Number(late.rows[0]!.seq));
      expect(await verifyAuditChain(server.runtime)).toMatchObject({ ok: true });
    } finally {
      slow.release();
    }
  });

  it('an event not yet sealed cannot be changed or sealed with a forged hash', async () => {
    const client = await server.sql.connect();
    try {
      await client.query('BEGIN');
      const row = await client.query<{ seq: string }>(
        `INSERT INTO audit_event (id, occurred_at, actor_role, action, entity_type, purpose, outcome, hash, chain_pos)
         VALUES (gen_random_uuid(), now(), 'system', 'access_log.read', 'test', 'security', 'success', '\\x00', 999999)
         RETURNING seq, hash, chain_pos`,
      );
      expect(row.rows[0]).toMatchObject({ hash: null, chain_pos: null });
      await expect(
        client.query(`UPDATE audit_event SET hash = '\\x01', chain_pos = 999999 WHERE seq = $1`, [
          row.rows[0]!.seq,
        ]),
      ).rejects.toThrow(/append-only/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

/**
 * The audit-tamper story. Someone with every right over the database rewrites history the way a
 * careful forger would: they change the trail, recompute every hash after the change and move the
 * head to match, so that the chain inside the database is consistent again. Only the heads signed
 * outside the database (the anchor file, a key the database never held) give them away.
 */
describe('audit-tamper story: a rewrite with full database rights is caught against the signed heads', () => {
  let trail: TestServer;
  let seqs: number[];

  /** Runs `statements` with every audit trigger off, then recomputes the chain from `fromPos` on. */
  async function rewrite(statements: string[], fromPos: number) {
    const client = await trail.sql.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
      await client.query('ALTER TABLE audit_chain_head DISABLE TRIGGER USER');
      for (const statement of statements) await client.query(statement);
      await client.query(`DO $$
        DECLARE
          previous bytea;
          event audit_event%ROWTYPE;
        BEGIN
          previous := coalesce((SELECT hash FROM audit_event WHERE chain_pos = ${fromPos} - 1), audit_genesis_hash());
          FOR event IN SELECT * FROM audit_event WHERE chain_pos >= ${fromPos} ORDER BY chain_pos LOOP
            UPDATE audit_event SET prev_hash = previous, hash = audit_event_digest(previous, event)
             WHERE seq = event.seq RETURNING hash INTO previous;
          END LOOP;
          UPDATE audit_chain_head
             SET seq = coalesce((SELECT max(chain_pos) FROM audit_event), 0),
                 hash = coalesce((SELECT hash FROM audit_event WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1),
                                 audit_genesis_hash())
           WHERE id = 1;
        END $$`);
      await client.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
      await client.query('ALTER TABLE audit_chain_head ENABLE TRIGGER USER');
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  const chainPosOf = async (seq: number) =>
    Number(
      (await trail.sql.query(`SELECT chain_pos FROM audit_event WHERE seq = $1`, [seq])).rows[0]!.chain_pos,
    );

  /** A member reads their hub six times; the trail is sealed (and its head signed) after each read. */
  beforeEach(async () => {
    trail = await startTestServer();
    await givenRegister(trail);
    const member = await givenMemberSignedIn(trail, proofs.carmen, 'carmen@example.org');
    for (let read = 0; read < 6; read += 1) {
      expect((await member.get('/api/v1/me/healthcare-hub')).status).toBe(200);
      await sealAuditTrail(trail.runtime);
    }
    const rows = await trail.sql.query<{ seq: string }>(
      `SELECT seq FROM audit_event WHERE action = 'healthcare_hub.read' ORDER BY seq`,
    );
    seqs = rows.rows.map((row) => Number(row.seq));
    expect(seqs).toHaveLength(6);
  });
  afterEach(async () => trail?.close());

  it('an untouched trail is reported intact, checked against every signed head', async () => {
    const result = await verifyAuditChain(trail.runtime);
    expect(result).toMatchObject({ ok: true, firstBrokenSeq: null, reason: null });
    expect(result.anchors).toBeGreaterThanOrEqual(6);
  });

  it('an event changed and the chain recomputed after it is caught at that event', async () => {
    const target = seqs[2]!;
    await rewrite(
      [`UPDATE audit_event SET purpose = 'care' WHERE seq = ${target}`],
      await chainPosOf(target),
    );
    // The rewritten chain is consistent in itself: only the signed heads disagree.
    expect(await verifyAuditChain(trail.runtime)).toMatchObject({
      ok: false,
      firstBrokenSeq: target,
      reason: expect.stringContaining('the trail was rewritten'),
    });
  });

  it('an event removed from the middle and the chain closed up is caught at that place', async () => {
    const target = seqs[3]!;
    const pos = await chainPosOf(target);
    await rewrite(
      [
        `DELETE FROM audit_event WHERE seq = ${target}`,
        `UPDATE audit_event SET chain_pos = -chain_pos WHERE chain_pos > ${pos}`,
        `UPDATE audit_event SET chain_pos = -chain_pos - 1 WHERE chain_pos < 0`,
      ],
      pos,
    );
    expect(await verifyAuditChain(trail.runtime)).toMatchObject({
      ok: false,
      firstBrokenSeq: seqs[4],
      reason: expect.stringContaining('the trail was rewritten'),
    });
  });

  it('the last event removed and the head moved back with it is caught, by the operator command too', async () => {
    const last = (await trail.sql.query(`SELECT max(seq)::int AS seq FROM audit_event`)).rows[0]
      .seq as number;
    await rewrite([`DELETE FROM audit_event WHERE seq = ${last}`], await chainPosOf(last));
    expect(await verifyAuditChain(trail.runtime)).toMatchObject({
      ok: false,
      firstBrokenSeq: last,
      reason: expect.stringContaining('the latest events are missing'),
    });
    const run = await runCli(['audit', 'verify'], cliSettingsOf(trail));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`audit chain BROKEN at event ${last}: the latest events are missing`);
    // Sequence numbers and reasons, never what the events were about.
    expect(run.stdout).not.toMatch(/healthcare_hub|self_service|member/);
  }, 90_000);

  it('the head moved back over events left in place is caught', async () => {
    const client = await trail.sql.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE audit_chain_head DISABLE TRIGGER USER');
      await client.query(
        `UPDATE audit_chain_head SET (seq, hash) = (SELECT chain_pos, hash FROM audit_event WHERE seq = $1)`,
        [seqs[1]],
      );
      await client.query('ALTER TABLE audit_chain_head ENABLE TRIGGER USER');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const last = (await trail.sql.query(`SELECT max(seq)::int AS seq FROM audit_event`)).rows[0]
      .seq as number;
    expect(await verifyAuditChain(trail.runtime)).toMatchObject({
      ok: false,
      firstBrokenSeq: last + 1,
      reason: expect.stringContaining('the latest events are missing'),
    });
  });

  it('an event slipped into the middle, and the trail carrying on after it, is caught where it went in', async () => {
    const pos = await chainPosOf(seqs[2]!);
    await rewrite(
      [
        `UPDATE audit_event SET chain_pos = -chain_pos WHERE chain_pos >= ${pos}`,
        `UPDATE audit_event SET chain_pos = -chain_pos + 1 WHERE chain_pos < 0`,
        `INSERT INTO audit_event (seq, id, occurred_at, actor_role, action, entity_type, purpose, outcome, details, chain_pos)
         SELECT nextval('audit_event_seq'), gen_random_uuid(), occurred_at, 'system', 'access_log.read', 'access_log',
                'security', 'success', '{}', ${pos}
           FROM audit_event WHERE seq = ${seqs[2]}`,
      ],
      pos,
    );
    const slipped = Number(
      (await trail.sql.query(`SELECT seq FROM audit_event WHERE chain_pos = $1`, [pos])).rows[0]!.seq,
    );
    // New events keep coming and are sealed and signed on top of the forgery: the heads signed
    // before it still give it away.
    const member = await givenMemberSignedIn(trail, proofs.dario, 'dario@example.org');
    expect((await member.get('/api/v1/me/healthcare-hub')).status).toBe(200);
    expect(await verifyAuditChain(trail.runtime)).toMatchObject({
      ok: false,
      firstBrokenSeq: slipped,
      reason: expect.stringContaining('the trail was rewritten'),
    });
  });

  it('a signed head altered in the anchor file is refused', async () => {
    const file = trail.runtime.config.audit.anchorFile;
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    const forged = { ...JSON.parse(lines[1]!), hash: '0'.repeat(64) };
    lines[1] = JSON.stringify(forged);
    await writeFile(file, `${lines.join('\n')}\n`);
    expect(await verifyAuditChain(trail.runtime)).toMatchObject({
      ok: false,
      firstBrokenSeq: null,
      reason: 'line 2 of the anchor file is an anchor whose signature is not valid',
    });
  });
});

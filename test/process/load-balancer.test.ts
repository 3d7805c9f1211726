import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoAccounts } from '../../src/server/demo/seed.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/server/platform/db/embedded.js';
import { createLogger } from '../../src/server/platform/logger.js';
import { freePort } from '../../src/server/platform/net.js';
import { exited, startAppProcess, type AppProcess } from '../support/app-process.js';
import { Browser } from '../support/client.js';
import { startObjectStore, type TestObjectStore } from '../support/s3-server.js';
import { openSse } from '../support/sse.js';

/**
 * Consilium as an insurer deploys it: two instances behind a real load balancer (nginx, from
 * Debian's packages, configured as docs/deployment.md says), on one PostgreSQL database (the
 * server in DATABASE_URL when there is one, else an embedded one) and one S3-compatible bucket. Whatever instance a request reaches, the member sees one service; when one
 * instance dies, the clients' retries land on the other and nothing acknowledged is lost.
 */
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((file) => existsSync(file));
// Without nginx the story cannot be told; CI installs it (.ci/run) and fails rather than skip.
const withNginx = NGINX !== undefined || process.env.CI === 'true';

/** Calls a client may make a minute, on both instances together. */
const RATE_LIMIT = 200;

const root = mkdtempSync(path.join(os.tmpdir(), 'consilium-balancer-'));
chmodSync(root, 0o755);
const children = new Set<ChildProcess>();
let database: EmbeddedPostgres | undefined;
let databaseUrl: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

/**
 * On a PostgreSQL server (DATABASE_URL, as `.ci/run` gives this story on its PostgreSQL 15 pass):
 * a database of the story's own there, dropped at the end. Otherwise an embedded server.
 */
async function freshDatabaseOn(serverUrl: string): Promise<string> {
  const name = `consilium_balancer_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  dropDatabase = async () => {
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
let bucket: TestObjectStore;
const instances: { port: number; app: AppProcess }[] = [];
let balancer: string;
let accounts: DemoAccounts;

/** The balancer's configuration: the settings docs/deployment.md gives, on this story's ports. */
function nginxConfig(port: number, upstreams: number[], folder: string): string {
  const proxied = `
      proxy_pass http://consilium;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;`;
  return `
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${folder}/nginx.pid;
error_log ${folder}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${folder}/body;
  proxy_temp_path ${folder}/proxy;
  fastcgi_temp_path ${folder}/fastcgi;
  uwsgi_temp_path ${folder}/uwsgi;
  scgi_temp_path ${folder}/scgi;
  upstream consilium {
    ${upstreams.map((upstream) => `server 127.0.0.1:${upstream} max_fails=1 fail_timeout=10s;`).join('\n    ')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 250m;
    location / {${proxied}
    }
    # Live case streams: no buffering, and no timeout shorter than the heartbeat.
    location ~ ^/api/v1/cases/[^/]+/stream$ {${proxied}
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
    # Resumable uploads: the body streams to the instance as it arrives.
    location /api/v1/uploads {${proxied}
      proxy_request_buffering off;
    }
  }
}
`;
}

async function startNginx(port: number, upstreams: number[]): Promise<void> {
  const folder = path.join(root, 'nginx');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'nginx.conf'), nginxConfig(port, upstreams, folder));
  const child = spawn(NGINX!, ['-c', path.join(folder, 'nginx.conf'), '-p', folder], { stdio: 'ignore' });
  children.add(child);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited: ${readFileSync(path.join(folder, 'error.log'), 'utf8')}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('nginx did not answer');
}

beforeAll(async () => {
  if (!withNginx) return;
  databaseUrl = process.env.DATABASE_URL ? await freshDatabaseOn(process.env.DATABASE_URL) : undefined;
  if (!databaseUrl) {
    database = await startEmbeddedPostgres({
      clusterDir: path.join(root, 'postgres'),
      log: createLogger('silent'),
    });
    databaseUrl = database.url;
  }
  bucket = await startObjectStore();
  const [balancerPort, ...ports] = await Promise.all([freePort(), freePort(), freePort()]);
  balancer = `http://127.0.0.1:${balancerPort}`;
  const shared = {
    ...bucket.env,
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: balancer,
    TRUST_PROXY: 'true',
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
  };
  // The first instance migrates the database and seeds the demo; the second finds both done.
  for (const [index, port] of ports.entries()) {
    const dataDir = path.join(root, `instance-${index}`);
    mkdirSync(dataDir, { recursive: true });
    const app = await startAppProcess(dataDir, port!, {
      ...shared,
      SEED_DEMO: index === 0 ? 'true' : 'false',
    });
    children.add(app.child);
    instances.push({ port: port!, app });
  }
  accounts = JSON.parse(
    readFileSync(path.join(root, 'instance-0', 'demo-accounts.json'), 'utf8'),
  ) as DemoAccounts;
  await startNginx(balancerPort!, ports as number[]);
}, 240_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all([...children].map((child) => exited(child)));
  await bucket?.stop();
  await database?.stop();
  await dropDatabase?.();
  rmSync(root, { recursive: true, force: true });
});

const direct = (index: number) => `http://127.0.0.1:${instances[index]!.port}`;

/** A request to one instance, past the balancer, as the person signed in through it. */
function onInstance(index: number, person: Browser, method: string, url: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('cookie', person.cookieHeader());
  headers.set('origin', balancer);
  return fetch(new URL(url, direct(index)), { ...init, method, headers });
}

/** A member of the demo, signed in through the balancer, with a case of their own. */
async function memberWithCase(): Promise<{ member: Browser; caseId: string }> {
  const account = accounts.accounts.find((entry) => entry.role === 'member')!;
  const member = new Browser(balancer);
  expect((await member.signIn(account.email, accounts.password)).status).toBe(200);
  const submitted = await member.post('/api/v1/cases', {
    concern: 'A second opinion on my knee, please.',
    diagnosisReceived: 'Suspected meniscus tear',
    questions: ['Do I need surgery?'],
    preferredLanguage: 'en',
    contactChannel: 'message',
    timeZone: 'Asia/Singapore',
    preferredContactWindows: [],
    location: { country: 'SG', city: 'Singapore' },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  return { member, caseId: submitted.body.id as string };
}

describe.runIf(withNginx)('two instances behind nginx, on one database and one bucket', () => {
  let member: Browser;
  let caseId: string;

  it(
    "a member's live stream, held through the balancer, gets the messages posted through either instance",
    { timeout: 60_000 },
    async () => {
      ({ member, caseId } = await memberWithCase());
      const stream = await openSse(member, `/api/v1/cases/${caseId}/stream`);
      expect(stream.status).toBe(200);
      try {
        for (const index of [0, 1]) {
          const posted = await onInstance(index, member, 'POST', `/api/v1/cases/${caseId}/messages`, {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ body: `Posted through instance ${index + 1}` }),
          });
          expect(posted.status).toBe(201);
          const { id } = (await posted.json()) as { id: string };
          const event = await stream.next(
            (candidate) => candidate.event === 'message.created' && candidate.data?.id === id,
          );
          expect(event.data.id).toBe(id);
        }
      } finally {
        stream.close();
      }
    },
  );

  it(
    'a resumable upload through the balancer goes in pieces to both instances, and downloads from either',
    { timeout: 60_000 },
    async () => {
      const scan = Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), randomBytes(900_000)]);
      const metadata = Object.entries({ caseId, kind: 'imaging', title: 'Knee MRI', filename: 'knee.dcm' })
        .map(([name, value]) => `${name} ${Buffer.from(value).toString('base64')}`)
        .join(',');
      const created = await member.request('POST', '/api/v1/uploads', {
        headers: {
          'tus-resumable': '1.0.0',
          'upload-length': String(scan.length),
          'upload-metadata': metadata,
        },
      });
      expect(created.status).toBe(201);
      const location = created.headers.get('location')!;
      // Four PATCHes of about 230 kB: the balancer sends them round the two instances.
      const piece = Math.ceil(scan.length / 4);
      let answer: Awaited<ReturnType<Browser['request']>> | undefined;
      for (let offset = 0; offset < scan.length; offset += piece) {
        answer = await member.request('PATCH', location, {
          headers: {
            'tus-resumable': '1.0.0',
            'upload-offset': String(offset),
            'content-type': 'application/offset+octet-stream',
          },
          body: scan.subarray(offset, offset + piece),
        });
        expect(answer.status).toBe(204);
      }
      const documentPath = answer!.headers.get('content-location')!;
      for (const index of [0, 1]) {
        const fetched = await onInstance(index, member, 'GET', `${documentPath}/content`);
        expect(fetched.status).toBe(200);
        expect(Buffer.from(await fetched.arrayBuffer()).equals(scan)).toBe(true);
      }
    },
  );

  it(
    "the API's rate limit holds across both: one client gets the limit once, not once per instance",
    { timeout: 60_000 },
    async () => {
      // One client, as the balancer names it to the instances (TRUST_PROXY): an address of its own,
      // so that the other stories' calls do not count against it.
      const client = { 'x-forwarded-for': `203.0.113.${1 + Math.floor(Math.random() * 250)}` };
      let allowed = 0;
      for (let call = 0; call < RATE_LIMIT; call += 1) {
        const answer = await onInstance(call % 2, member, 'GET', '/api/v1/me', { headers: client });
        if (answer.status === 200) allowed += 1;
      }
      expect(allowed).toBe(RATE_LIMIT);
      const refused = await member.request('GET', '/api/v1/me', { headers: client });
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('request.rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    },
  );

  it(
    'one instance killed mid-way through a burst: every message the clients were told of is there, once',
    { timeout: 120_000 },
    async () => {
      const sent = new Map<string, string>();
      let acknowledged = 0;
      /** A client that retries until the service says yes, with the same Idempotency-Key each time. */
      const send = async (text: string) => {
        const key = randomUUID();
        for (let attempt = 0; attempt < 40; attempt += 1) {
          const answer = await member
            .request('POST', `/api/v1/cases/${caseId}/messages`, {
              json: { body: text },
              headers: { 'idempotency-key': key },
            })
            .catch(() => undefined);
          if (answer && (answer.status === 201 || answer.status === 200)) {
            sent.set(text, answer.body.id as string);
            acknowledged += 1;
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        throw new Error(`"${text}" was never acknowledged`);
      };
      const texts = Array.from({ length: 60 }, (_, index) => `Burst message ${index + 1}`);
      const killer = (async () => {
        while (acknowledged < 15) await new Promise((resolve) => setTimeout(resolve, 20));
        instances[1]!.app.child.kill('SIGKILL');
        await exited(instances[1]!.app.child);
      })();
      // Four clients at once, each sending its share in turn.
      await Promise.all(
        [0, 1, 2, 3].map(async (client) => {
          for (const text of texts.filter((_, index) => index % 4 === client)) await send(text);
        }),
      );
      await killer;
      expect(instances[1]!.app.child.signalCode).toBe('SIGKILL');
      expect(sent.size).toBe(60);

      const thread = await member.get(`/api/v1/cases/${caseId}/messages?limit=100`);
      expect(thread.status).toBe(200);
      const bodies = (thread.body.items as { id: string; body: string }[]).map((message) => message.body);
      for (const text of texts) expect(bodies.filter((body) => body === text)).toHaveLength(1);
    },
  );
});

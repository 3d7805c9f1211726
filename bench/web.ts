/**
 * The member's web app in Chromium against the real server: how much JavaScript the member pages
 * need before they show anything (gzip), and how long the case page takes to become interactive,
 * measured in the page with the Performance API, against a static empty page in the same browser.
 */
import { readFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PACKAGES, CHROMIUM_PATH, chromiumAvailable } from '../e2e/support/chromium.js';
import { DEMO_PASSWORD } from '../src/server/demo/seed.js';
import { createLogger } from '../src/server/platform/logger.js';
import { freePort } from '../src/server/platform/net.js';
import { ensureWebBuild, webDistDir } from '../src/server/platform/web/build.js';
import { BenchFailure, type Bench, type BenchContext } from './support/bench.js';
import { provisionDemoDatabase } from './support/database.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const MEMBER_EMAIL = 'carlos.ruiz@demo.consilium.test';
const RUNS = 5;
const INITIAL_JS_TARGET_KB = 180;
const INTERACTIVE_TARGET_MS = 1000;
/** The mark the case page sets once the case, its timeline and its messages are on screen. */
const MARK = 'consilium:case-interactive';
const UNLIMITED = '1000000000';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The gzip size of a built file: the .gz the build wrote beside it, else compressed here (small files). */
function gzipBytes(assetPath: string): number {
  const file = path.join(webDistDir, assetPath);
  if (existsSync(`${file}.gz`)) return readFileSync(`${file}.gz`).length;
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** The JavaScript the entry page itself names: its module script and its modulepreloads. */
function entryScripts(): string[] {
  const html = readFileSync(path.join(webDistDir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((match) => match[1]!);
}

/** A script of the built app (the service worker is not part of a page, and is blocked here). */
const isAppScript = (file: string) => file !== 'sw.js' && existsSync(path.join(webDistDir, file));

/** The empty page the timing is compared with: the same browser, the same loopback, no app. */
function startBaselineServer(port: number): Promise<http.Server> {
  const page =
    '<!doctype html><html><head><meta charset="utf-8"><title>empty</title></head><body>' +
    `<script>addEventListener('DOMContentLoaded', () => performance.mark('${MARK}'))</script></body></html>`;
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(page);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function signIn(server: ServerProcess): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify({ email: MEMBER_EMAIL, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
  const pair = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((cookie) => cookie.startsWith('consilium.session_token='));
  if (!pair) throw new Error('sign-in set no session cookie');
  return pair.slice('consilium.session_token='.length);
}

/** A case with a little history: submitted, and two messages from the member. */
async function seedCase(server: ServerProcess, token: string): Promise<string> {
  const headers = {
    origin: server.url,
    cookie: `consilium.session_token=${token}`,
    'content-type': 'application/json',
  };
  const created = await fetch(`${server.url}/api/v1/cases`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      concern: 'I was told I need knee surgery and would like another view.',
      diagnosisReceived: 'Meniscus tear',
      questions: ['Is surgery needed?', 'What are the alternatives?'],
      preferredLanguage: 'es',
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'Europe/Madrid',
      location: { country: 'ES', city: 'Zaragoza' },
    }),
  });
  const text = await created.text();
  if (created.status !== 201) throw new Error(`the case submission answered ${created.status}: ${text}`);
  const { id } = JSON.parse(text) as { id: string };
  for (const body of ['Hello, I have the MRI report.', 'When can we talk?']) {
    const sent = await fetch(`${server.url}/api/v1/cases/${id}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ body }),
    });
    if (sent.status !== 201) throw new Error(`a message answered ${sent.status}`);
  }
  return id;
}

interface Visit {
  interactiveMs: number;
  /** Every request of the page before the mark: path, start and end (ms from navigation). */
  waterfall: { path: string; start: number; end: number }[];
  /** The JavaScript files the page fetched before it was interactive (paths under the build). */
  scripts: string[];
}

/**
 * A page in a fresh context (nothing cached, service workers blocked) as a member on a phone in
 * Spanish, signed in when a session token is given; the context is closed after `use`.
 */
async function withFreshPage<T>(
  browser: Browser,
  url: string,
  token: string | null,
  use: (page: Page) => Promise<T>,
): Promise<T> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 375, height: 812 },
    locale: 'es-ES',
    timezoneId: 'Europe/Madrid',
    serviceWorkers: 'block',
  });
  try {
    if (token) {
      const { hostname } = new URL(url);
      await context.addCookies([
        { name: 'consilium.session_token', value: token, domain: hostname, path: '/', httpOnly: true },
      ]);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return await use(page);
  } finally {
    await context.close();
  }
}

/** One visit in a fresh context (nothing cached, no service worker): time to the mark, scripts fetched. */
async function visit(
  browser: Browser,
  url: string,
  token: string | null,
  traceFile?: string,
): Promise<Visit> {
  return withFreshPage(browser, url, token, async (page) => {
    if (traceFile) await browser.startTracing(page, { path: traceFile, screenshots: false });
    await page.goto(url);
    await page
      .waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK)
      .catch((error: unknown) => {
        throw new BenchFailure(`${url} never became interactive (at ${page.url()}): ${String(error)}`);
      });
    if (traceFile) await browser.stopTracing();
    return await page.evaluate((mark) => {
      const at = performance.getEntriesByName(mark)[0]!.startTime;
      const entries = (
        performance.getEntriesByType('resource') as unknown as {
          name: string;
          startTime: number;
          responseEnd: number;
        }[]
      ).filter((entry) => entry.startTime <= at);
      const scripts = entries
        .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
        .map((entry) => new URL(entry.name).pathname.slice(1));
      const waterfall = entries.map((entry) => ({
        path: new URL(entry.name).pathname,
        start: Math.round(entry.startTime),
        end: Math.round(entry.responseEnd),
      }));
      return { interactiveMs: at, scripts, waterfall };
    }, MARK);
  });
}

/**
 * The member pages other than the case page, each visited in a fresh context until the network has
 * been quiet for half a second, with their heading on screen: every script fetched by then, the
 * page's lazily loaded parts included, so an upper bound of what the page needs before it is useful.
 */
const MEMBER_PAGES: { name: string; path: string; signedIn: boolean }[] = [
  { name: 'sign_in', path: '/sign-in', signedIn: false },
  { name: 'sign_up', path: '/sign-up', signedIn: false },
  { name: 'hub', path: '/', signedIn: true },
  { name: 'request', path: '/cases/new', signedIn: true },
  { name: 'access_log', path: '/me/access-log', signedIn: true },
  { name: 'profile', path: '/me/profile', signedIn: true },
];

async function scriptsOfPage(browser: Browser, url: string, token: string | null): Promise<string[]> {
  return withFreshPage(browser, url, token, async (page) => {
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('h1').first().waitFor();
    if (new URL(page.url()).pathname !== new URL(url).pathname) {
      throw new BenchFailure(`${url} went to ${page.url()} instead of showing its page`);
    }
    return await page
      .evaluate(() =>
        (performance.getEntriesByType('resource') as unknown as { name: string }[])
          .map((entry) => new URL(entry.name).pathname)
          .filter((pathname) => pathname.endsWith('.js'))
          .map((pathname) => pathname.slice(1)),
      )
      .then((scripts) => scripts.filter(isAppScript));
  });
}

async function run(ctx: BenchContext): Promise<void> {
  if (!chromiumAvailable()) throw new BenchFailure(`no Chromium at ${CHROMIUM_PATH} (${CHROMIUM_PACKAGES})`);
  const log = createLogger('warn', pino.destination({ dest: 2, sync: true }));
  const built = performance.now();
  await ensureWebBuild((line) => ctx.progress(line));
  ctx.progress(`web app ready in ${Math.round(performance.now() - built)} ms`);
  const { databaseUrl, secrets } = await provisionDemoDatabase(ctx, log, MEMBER_EMAIL);

  const port = await freePort();
  const server = await startServerProcess(ctx, {
    name: 'consilium server',
    entry: 'src/server/main.ts',
    port,
    healthPath: '/api/health',
    env: {
      ...secrets,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      // Built above; the server serves it as it is.
      WEB_BUILD: 'auto',
      RATE_LIMIT_PER_MINUTE: UNLIMITED,
      SIGN_IN_ATTEMPTS_PER_MINUTE: UNLIMITED,
    },
  });
  const baselinePort = await freePort();
  const baseline = await startBaselineServer(baselinePort);
  ctx.defer(() => new Promise((resolve) => baseline.close(resolve)));

  const token = await signIn(server);
  const caseId = await seedCase(server, token);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  ctx.defer(() => browser.close());

  const caseUrl = `${server.url}/cases/${caseId}`;
  const emptyUrl = `http://127.0.0.1:${baselinePort}/`;
  // Unmeasured: one visit of each (the server's first requests, the browser's first process).
  await visit(browser, caseUrl, token);
  await visit(browser, emptyUrl, null);

  const casePage: Visit[] = [];
  const empty: Visit[] = [];
  for (let round_ = 0; round_ < RUNS; round_ += 1) {
    const traceFile = round_ === RUNS - 1 ? process.env.BENCH_WEB_TRACE_FILE : undefined;
    casePage.push(await visit(browser, caseUrl, token, traceFile));
    empty.push(await visit(browser, emptyUrl, null));
    ctx.progress(
      `round ${round_ + 1}: case page ${Math.round(casePage.at(-1)!.interactiveMs)} ms, ` +
        `empty page ${Math.round(empty.at(-1)!.interactiveMs)} ms`,
    );
  }

  // Every script of the app counts, the page's first plain script (early-reads.js) as well.
  const scripts = [...new Set(casePage.flatMap((entry) => entry.scripts))].filter(isAppScript);
  const caseKb = scripts.reduce((sum, file) => sum + gzipBytes(file), 0) / 1024;
  const entryKb = entryScripts().reduce((sum, file) => sum + gzipBytes(file), 0) / 1024;
  ctx.progress(
    `the case page fetched ${scripts.length} scripts before it was interactive; the largest (KB gzip): ${scripts
      .map((file) => [file, gzipBytes(file) / 1024] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([file, kb]) => `${path.basename(file)} ${round(kb)}`)
      .join(', ')}`,
  );
  const last = casePage.at(-1)!;
  const nav = last.waterfall.filter((entry) => !entry.path.startsWith('/assets/'));
  const assetsDone = Math.max(
    0,
    ...last.waterfall.filter((e) => e.path.startsWith('/assets/')).map((e) => e.end),
  );
  ctx.progress(
    `last visit: scripts done at ${assetsDone} ms; API ${nav
      .map((entry) => `${entry.path.replace(/[0-9a-f-]{36}/, ':id')} ${entry.start}-${entry.end}`)
      .join(', ')}; interactive at ${Math.round(last.interactiveMs)} ms`,
  );

  ctx.report({
    metric: 'web.case_page_initial_js_gzip_kb',
    value: round(caseKb),
    unit: 'KB',
    baseline: round(entryKb),
    target: `value <= ${INITIAL_JS_TARGET_KB}`,
    met: caseKb <= INITIAL_JS_TARGET_KB,
  });
  ctx.report({
    metric: 'web.entry_js_gzip_kb',
    value: round(entryKb),
    unit: 'KB',
    baseline: null,
    target: `value <= ${INITIAL_JS_TARGET_KB}`,
    met: entryKb <= INITIAL_JS_TARGET_KB,
  });
  for (const memberPage of MEMBER_PAGES) {
    const fetched = [
      ...new Set(
        await scriptsOfPage(browser, `${server.url}${memberPage.path}`, memberPage.signedIn ? token : null),
      ),
    ];
    const kb = fetched.reduce((sum, file) => sum + gzipBytes(file), 0) / 1024;
    ctx.progress(
      `${memberPage.path}: ${fetched.length} scripts, ${round(kb)} KB gzip until the network was quiet; ` +
        `the largest beyond the entry: ${fetched
          .filter((file) => !entryScripts().includes(file))
          .map((file) => [file, gzipBytes(file) / 1024] as const)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6)
          .map(([file, size]) => `${path.basename(file)} ${round(size)}`)
          .join(', ')}`,
    );
    ctx.report({
      metric: `web.${memberPage.name}_page_js_gzip_kb`,
      value: round(kb),
      unit: 'KB',
      baseline: round(entryKb),
      target: `value <= ${INITIAL_JS_TARGET_KB}`,
      met: kb <= INITIAL_JS_TARGET_KB,
    });
  }
  const interactive = median(casePage.map((entry) => entry.interactiveMs));
  ctx.report({
    metric: 'web.case_page_interactive_ms',
    value: round(interactive),
    unit: 'ms',
    baseline: round(median(empty.map((entry) => entry.interactiveMs))),
    target: `value < ${INTERACTIVE_TARGET_MS}`,
    met: interactive < INTERACTIVE_TARGET_MS,
  });
}

export const webBench: Bench = {
  name: 'web',
  description: "the member's case page in Chromium: initial JavaScript (gzip) and time to interactive",
  run,
};

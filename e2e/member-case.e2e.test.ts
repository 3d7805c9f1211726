import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser as ApiClient } from '../test/support/client.js';
import {
  givenAddressConfirmed,
  givenRegister,
  givenStaffSignedIn,
  PASSWORD,
} from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../test/support/smtp.js';
import {
  artefactPath,
  chromiumAvailable,
  expectAccessible,
  expectFitsWidth,
  launchChromium,
  openWatchedPage,
} from './support/browser.js';

/**
 * A member's case, in a real browser against a real server: asking for an opinion (in Spanish,
 * and with the keyboard alone), sending records (one of them over a connection that drops), the
 * recommendations set up by the case manager through the API and acknowledged by the member,
 * the Arabic case page right to left, and an ended session that comes back to the case. Every
 * page is seen on a phone's 375 px and must fit it, with nothing to scroll sideways.
 */
const JOURNEY_TIMEOUT = 120_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const MAX_BYTES = 3 * 1024 * 1024;

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)]);
const png = (size: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, 1)]);

describe.skipIf(!chromiumAvailable())('a member and their case, in Chromium', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let browser: Browser;
  let manager: ApiClient;
  let dataDir: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-e2e-'));
    // A real relay, so that the member who signs up confirms their address from the e-mail itself.
    smtp = await startSmtpServer();
    server = await startTestServer(
      { DATA_DIR: dataDir, DOCUMENT_MAX_BYTES: String(MAX_BYTES), SMTP_URL: smtp.url },
      { workers: true },
    );
    await givenRegister(server);
    manager = (
      await givenStaffSignedIn(server, 'case_manager', {
        name: 'Dra. Lucía Moreno',
        languages: ['es', 'en', 'ar'],
        weeklyShifts: allWeek,
        maxOpenCases: 50,
      })
    ).browser;
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await smtp?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function openPage(options: { locale?: string; timezoneId?: string } = {}) {
    return openWatchedPage(browser, contexts, {
      viewport: { width: 375, height: 812 },
      locale: options.locale ?? 'en-US',
      timezoneId: options.timezoneId ?? 'Europe/Madrid',
    });
  }

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' });
  /** The case page's heading; the case number is isolated (U+2068…U+2069) to read whole in any direction. */
  const caseHeading = (page: Page, word: string, number: string) =>
    heading(page, new RegExp(`^${word} \u2068?${number}\u2069?$`));

  async function register(membershipNumber: string, dateOfBirth: string, email: string, locale: string) {
    const visitor = new ApiClient(server.url);
    const reply = await visitor.post('/api/v1/member-registrations', {
      membershipNumber,
      dateOfBirth,
      email,
      password: PASSWORD,
      locale,
      timeZone: 'America/Mexico_City',
    });
    expect(reply.status).toBe(201);
    await givenAddressConfirmed(server, email);
    const member = new ApiClient(server.url);
    expect((await member.signIn(email, PASSWORD)).status).toBe(200);
    return member;
  }

  async function signIn(
    page: Page,
    email: string,
    labels = { email: 'E-mail address', password: /^Password/, submit: 'Sign in' },
  ) {
    await page.getByLabel(labels.email).fill(email);
    await page.getByLabel(labels.password).fill(PASSWORD);
    await page.getByRole('button', { name: labels.submit }).click();
  }

  /** Alice (an individual plan), registered by the first test that needs her, signed in anew. */
  let aliceRegistered: Promise<unknown> | null = null;
  async function aliceSignedIn(): Promise<ApiClient> {
    aliceRegistered ??= register('M-1000-01', '1980-02-29', 'alice.case@example.org', 'en');
    await aliceRegistered;
    const alice = new ApiClient(server.url);
    expect((await alice.signIn('alice.case@example.org', PASSWORD)).status).toBe(200);
    return alice;
  }

  /** A case submitted through the API, as the member's own earlier request. */
  async function submittedCase(member: ApiClient, language = 'es') {
    const reply = await member.post('/api/v1/cases', {
      concern: 'Me dijeron que necesito una operación de rodilla.',
      diagnosisReceived: 'Rotura del menisco',
      questions: ['¿Es necesaria la operación?'],
      preferredLanguage: language,
      contactChannel: 'phone',
      contactPhone: '+34 612 34 56 78',
      timeZone: 'America/Mexico_City',
      location: { country: 'MX', city: 'Guadalajara' },
    });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; number: string; version: number };
  }

  it(
    'a member signs up, asks for an opinion in Spanish, sends two records and sees when they will be contacted, in their time zone, and finds the case in their Healthcare Hub',
    async () => {
      const { page, problems } = await openPage({ locale: 'es-MX', timezoneId: 'America/Mexico_City' });
      await page.goto(`${server.url}/sign-up`);
      await heading(page, 'Cree su cuenta').waitFor();
      await expectFitsWidth(page, 'sign-up (es)');
      await page.getByLabel('Número de afiliación').fill('M-4000-01');
      await page.getByLabel('Fecha de nacimiento').fill('1992-12-12');
      await page.getByLabel('Correo electrónico').fill('fatima.case@example.org');
      await page.getByLabel(/^Contraseña/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Crear mi cuenta' }).click();
      await heading(page, 'Su Portal de Salud').waitFor();

      // The address is confirmed first, with the link from the e-mail the relay received.
      const mails = await smtp.waitFor(1);
      const link = /https?:\/\/\S*\/verify-email#token=[A-Za-z0-9_.-]+/.exec(mails[0]!.parsed.text ?? '')![0];
      await page.goto(link);
      await page
        .getByText('Gracias: su dirección de correo electrónico está confirmada.', { exact: false })
        .waitFor();
      await page.getByRole('link', { name: 'Solicitar una segunda opinión' }).click();
      await heading(page, 'Solicitar una segunda opinión').waitFor();
      await expectAccessible(page, 'request, step 1 (es)');
      await expectFitsWidth(page, 'request, step 1 (es)');

      // Nothing filled in: the server's own rule, in Spanish, and the form stays on this step.
      await page.getByRole('button', { name: 'Continuar' }).click();
      await page.getByText('Rellene este campo.').waitFor();
      await expectFitsWidth(page, 'request, step 1 with an error (es)');
      await page
        .getByLabel('¿Qué le preocupa?')
        .fill('Me han propuesto una operación de corazón y tengo dudas.');
      await page.getByRole('button', { name: 'Continuar' }).click();

      await page.getByText('Paso 2 de 5').waitFor();
      await page.getByRole('button', { name: 'Continuar' }).click();
      await page.getByText('Indique el diagnóstico, el plan de tratamiento o ambos.').waitFor();
      await expectFitsWidth(page, 'request, step 2 with an error (es)');
      await page.getByLabel('El diagnóstico que recibió').fill('Estenosis aórtica grave');
      await page.getByLabel('Quién lo emitió: profesional o centro (opcional)').fill('Dr. Pérez');
      await page.getByRole('button', { name: 'Continuar' }).click();

      await page.getByText('Paso 3 de 5').waitFor();
      await page.getByRole('textbox', { name: 'Pregunta 1' }).fill('¿Hay alternativas a la cirugía abierta?');
      await page.getByRole('button', { name: 'Añadir una pregunta' }).click();
      await page.getByRole('textbox', { name: 'Pregunta 2' }).fill('¿Cuánto dura la recuperación?');
      await expectAccessible(page, 'request, questions (es)');
      await expectFitsWidth(page, 'request, step 3 (es)');
      await page.getByRole('button', { name: 'Continuar' }).click();

      await page.getByText('Paso 4 de 5').waitFor();
      // The time zone was found from the device.
      expect(await page.getByLabel('Su zona horaria').inputValue()).toBe('America/Mexico_City');
      await expectFitsWidth(page, 'request, step 4 (es)');
      await page.getByLabel('Por videollamada').check();
      await page.getByRole('button', { name: 'Continuar' }).click();

      await page.getByText('Paso 5 de 5').waitFor();
      // The draft is kept on the device: a reload loses nothing.
      await page.reload();
      await page.getByText('Paso 5 de 5').waitFor();
      await expectFitsWidth(page, 'request, step 5 (es)');
      await page.getByRole('combobox', { name: /^País/ }).selectOption('MX');
      await page.getByLabel('Ciudad').fill('Guadalajara');
      await page.getByRole('button', { name: 'Enviar mi solicitud' }).click();

      await heading(page, 'Su solicitud ha sido enviada').waitFor();
      await page
        .getByTestId('case-reference')
        .getByText(/^Referencia de su caso: \u2068?SMO-/)
        .waitFor();
      await page.getByTestId('case-manager').getByText('Dra. Lucía Moreno', { exact: false }).waitFor();
      // Contacted within 24 hours, said in Mexico City's time and in Spanish.
      const promised = await page.getByTestId('promised-contact').textContent();
      const cases: any = await page.evaluate(async () => (await fetch('/api/v1/cases')).json());
      const kase = cases.items[0];
      const expected = new Intl.DateTimeFormat('es', {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'America/Mexico_City',
      }).format(new Date(kase.firstContactDueAt));
      expect(promised).toContain(expected);
      // The zone is named in Spanish, not given as an IANA id.
      expect(promised).toContain('hora estándar central');
      expect(promised).not.toContain('America/Mexico_City');
      await expectAccessible(page, 'request sent (es)');
      await expectFitsWidth(page, 'request sent (es)');
      // Sent: the draft is gone from the device.
      const drafts = await page.evaluate(() =>
        Object.keys((globalThis as any).localStorage).filter((key: string) => key.includes('requestDraft')),
      );
      expect(drafts).toEqual([]);

      await page.getByRole('link', { name: 'Abrir mi caso' }).click();
      await caseHeading(page, 'Caso', kase.number).waitFor();
      await page.getByTestId('promised-time').getByText(expected, { exact: false }).waitFor();
      await page.getByText('En directo', { exact: false }).waitFor();

      // A Word file is refused before anything is sent, with the reason.
      const fileInput = page.locator('#case-records').locator('..').locator('input[type="file"]').last();
      await page.getByLabel('Un título breve').last().fill('Informe de cardiología');
      await fileInput.setInputFiles({
        name: 'informe.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: Buffer.from('PK not really a document'),
      });
      await page.getByText('Este tipo de archivo no se acepta.', { exact: false }).waitFor();
      await fileInput.setInputFiles({
        name: 'informe.pdf',
        mimeType: 'application/pdf',
        buffer: pdf(4 * 1024 * 1024),
      });
      await page.getByText('Este archivo es demasiado grande', { exact: false }).waitFor();

      // The record goes up in pieces of 1 MB; each is held on its way until let through here, so
      // that the progress can be read as it rises: 2.5 MB, the first piece is 41 %, two are 83 %.
      const held: (() => void)[] = [];
      await page.route('**/api/v1/uploads/**', async (route) => {
        if (route.request().method() !== 'PATCH') return route.continue();
        await new Promise<void>((release) => held.push(release));
        return route.continue();
      });
      await fileInput.setInputFiles({
        name: 'informe.pdf',
        mimeType: 'application/pdf',
        buffer: pdf(2_500_000),
      });
      await page.getByRole('button', { name: 'Enviar este documento' }).click();
      const progress = page.getByRole('progressbar', { name: 'Progreso del envío' });
      const percent = async () => Number(await progress.getAttribute('aria-valuenow'));
      await expect.poll(() => held.length).toBe(1);
      const first = await percent();
      expect(first).toBeLessThanOrEqual(41);
      await expectAccessible(page, 'a record on its way (es)');
      held[0]!();
      await expect.poll(() => held.length).toBe(2);
      // The first piece is in: the bar has moved, the second is on its way.
      const second = await percent();
      expect(second).toBeGreaterThanOrEqual(41);
      expect(second).toBeLessThanOrEqual(83);
      expect(await progress.getAttribute('aria-valuetext')).toBe(`${second} % enviado`);
      held[1]!();
      await expect.poll(() => held.length).toBe(3);
      const third = await percent();
      expect(third).toBeGreaterThanOrEqual(83);
      expect(third).toBeGreaterThan(first);
      held[2]!();
      await page.getByText('Documento recibido').waitFor();
      await progress.waitFor({ state: 'detached' });
      await page.unroute('**/api/v1/uploads/**');
      // The record is in the case's list.
      await page.getByText(/Informe de cardiología\u2069? \(Informe médico\)/).waitFor();

      await page.getByLabel('¿Qué tipo de documento es?').selectOption('imaging');
      await page.getByLabel('Un título breve').last().fill('Ecocardiograma');
      await fileInput.setInputFiles({ name: 'eco.png', mimeType: 'image/png', buffer: png(600_000) });
      await page.getByRole('button', { name: 'Enviar este documento' }).click();
      await page.getByText(/Ecocardiograma\u2069? \(Imagen médica/).waitFor();
      const documents: any = await page.evaluate(
        async (id) => (await fetch(`/api/v1/cases/${id}/documents`)).json(),
        kase.id,
      );
      expect(documents.items.map((item: any) => item.kind).sort()).toEqual(['imaging', 'report']);
      await expectAccessible(page, 'case page with two records (es)');
      await expectFitsWidth(page, 'case page with two records (es)');

      // The Healthcare Hub lists the case: its reference, where it stands, and the way back to it.
      await page
        .getByRole('navigation', { name: 'Sus páginas' })
        .getByRole('link', { name: 'Portal de Salud' })
        .click();
      await heading(page, 'Su Portal de Salud').waitFor();
      const yourCases = page.getByRole('region', { name: 'Sus casos' });
      await yourCases.getByText('Tiene 1 caso.').waitFor();
      const listed = yourCases.getByRole('listitem');
      expect(await listed.count()).toBe(1);
      await listed.getByText('Caso asignado', { exact: true }).waitFor();
      await listed.getByText('Su responsable de caso: Dra. Lucía Moreno').waitFor();
      await expectAccessible(page, 'Healthcare Hub with a case (es)');
      await expectFitsWidth(page, 'Healthcare Hub with a case (es)');
      await listed.getByRole('link', { name: `Caso ${kase.number}` }).click();
      await caseHeading(page, 'Caso', kase.number).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/cases/${kase.id}`);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the member reads the recommendations the case manager delivered, says so, and sees a new message arrive live',
    async () => {
      const member = await aliceSignedIn();
      const kase = await submittedCase(member, 'en');
      const contacted = await manager.post(`/api/v1/cases/${kase.id}/contacts`, {
        version: kase.version,
        channel: 'phone',
        contactedAt: server.clock.now().toISOString(),
        outcome: 'reached',
      });
      expect(contacted.status).toBe(201);
      const written = await manager.request('PUT', `/api/v1/cases/${kase.id}/recommendations`, {
        json: {
          version: contacted.body.version,
          body: '## What we recommend\n\nAsk for a **second MRI** before any surgery.',
          nextSteps: ['Book the MRI', 'Bring the report to your surgeon'],
        },
      });
      expect(written.status).toBe(200);
      const current = (await manager.get(`/api/v1/cases/${kase.id}`)).body;
      expect(
        (
          await manager.post(`/api/v1/cases/${kase.id}/recommendations/delivery`, {
            version: current.version,
            withoutReviewReason: 'answered_by_case_manager',
          })
        ).status,
      ).toBe(201);

      const { page, problems } = await openPage();
      await page.goto(`${server.url}/cases/${kase.id}`);
      await signIn(page, 'alice.case@example.org');
      await caseHeading(page, 'Case', kase.number).waitFor();
      const panel = page.getByRole('region', { name: 'Your recommendations' });
      await panel.getByRole('heading', { name: 'What we recommend' }).waitFor();
      await panel.getByText('second MRI').waitFor();
      await panel.getByText('Book the MRI').waitFor();
      await page.getByText('Promise kept').waitFor();
      await expectAccessible(page, 'recommendations (en)');

      await panel.getByRole('button', { name: 'I have read this' }).click();
      await panel.getByText('You said you read these on', { exact: false }).waitFor();
      const read = (await manager.get(`/api/v1/cases/${kase.id}/recommendations`)).body;
      expect(read.acknowledgedAt).not.toBeNull();

      // A follow-up question goes to the message box.
      await panel.getByRole('button', { name: 'Ask a question about them' }).click();
      expect(await page.evaluate(() => (globalThis as any).document.activeElement?.tagName)).toBe('TEXTAREA');
      await page.keyboard.type('Should I stop running until the MRI?');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByText('Sent, not read yet').waitFor();

      // The case manager answers: it appears without a reload, and the member's is marked read.
      await page.getByText('Live: new messages', { exact: false }).waitFor();
      const answer = await manager.post(`/api/v1/cases/${kase.id}/messages`, {
        body: 'Yes, please rest the knee until then.',
      });
      expect(answer.status).toBe(201);
      await page.getByText('Yes, please rest the knee until then.').waitFor();
      // On screen, so read: the case manager's message carries the member's read receipt.
      await page.getByText('No unread messages.').waitFor();
      const thread = (await manager.get(`/api/v1/cases/${kase.id}/messages`)).body;
      const answered = thread.items.find((item: any) => item.id === answer.body.id);
      expect(answered.readByOther).toBe(true);
      expect(thread.items.find((item: any) => !item.mine)?.body).toBe('Should I stop running until the MRI?');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the Arabic case page is laid out right to left',
    async () => {
      const member = await register('M-3000-01', '1985-10-01', 'carmen.case@example.org', 'ar');
      const kase = await submittedCase(member, 'ar');
      const { page, problems } = await openPage();
      await page.goto(`${server.url}/cases/${kase.id}`);
      await signIn(page, 'carmen.case@example.org');
      await caseHeading(page, 'الحالة', kase.number).waitFor();
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      const direction = await page.evaluate(
        () =>
          (globalThis as any).getComputedStyle((globalThis as any).document.querySelector('main')).direction,
      );
      expect(direction).toBe('rtl');
      await page.getByText('وعدنا خلال 24 ساعة').waitFor();
      // The case manager's languages joined as Arabic joins a list, never with a Latin comma.
      const speaks = (await page.getByText('اللغات:', { exact: false }).first().textContent()) ?? '';
      expect(speaks).toContain('والعربية');
      expect(speaks).not.toContain(',');
      await expectAccessible(page, 'case page (ar)');
      await expectFitsWidth(page, 'case page (ar)');
      await page.screenshot({ path: artefactPath('case-page-ar.png'), fullPage: true });

      // Installable: a manifest, and a worker that keeps the shell but never an API answer.
      const manifest: any = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
      expect(manifest.icons.map((icon: any) => icon.sizes)).toEqual(
        expect.arrayContaining(['192x192', '512x512']),
      );
      await page.evaluate(async () => (globalThis as any).navigator.serviceWorker.ready);
      await page.reload();
      await caseHeading(page, 'الحالة', kase.number).waitFor();
      const { names, cached } = await page.evaluate(async () => {
        const storage = (globalThis as any).caches;
        const names: string[] = await storage.keys();
        const cached: string[] = [];
        for (const name of names) {
          for (const request of await (await storage.open(name)).keys())
            cached.push(new URL(request.url).pathname);
        }
        return { names, cached };
      });
      // One cache, named after the build, so that the next release's worker deletes it.
      expect(names).toEqual([expect.stringMatching(/^consilium-shell-[0-9a-f]{16}$/)]);
      expect(cached).toContain('/');
      expect(cached.some((path) => path.startsWith('/assets/'))).toBe(true);
      expect(cached.filter((path) => path.startsWith('/api'))).toEqual([]);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'the request flow works with the keyboard alone',
    async () => {
      await register('M-3000-02', '1984-03-03', 'dario.case@example.org', 'en');
      const { page, problems } = await openPage();
      await page.goto(`${server.url}/cases/new`);
      await signIn(page, 'dario.case@example.org');
      await heading(page, 'Request a second opinion').waitFor();

      const focused = () =>
        page.evaluate(() => {
          const element = (globalThis as any).document.activeElement;
          const label = element?.labels?.[0]?.textContent ?? element?.textContent ?? '';
          return `${element?.tagName}:${label.trim()}`;
        });
      const tabTo = async (pattern: RegExp, max = 25) => {
        for (let step = 0; step < max && !pattern.test(await focused()); step += 1)
          await page.keyboard.press('Tab');
        expect(await focused()).toMatch(pattern);
      };

      // Step 1: the concern.
      await tabTo(/^TEXTAREA:What worries you/);
      await page.keyboard.type('My knee still hurts after the operation.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByText('Step 2 of 5').waitFor();
      // Focus moved to the new step's heading.
      expect(await focused()).toMatch(/^H2:The opinion you were given/);
      await tabTo(/^TEXTAREA:The treatment plan/);
      await page.keyboard.type('Physiotherapy for six months');
      await page.keyboard.press('Enter');
      await tabTo(/^BUTTON:Continue/);
      await page.keyboard.press('Enter');

      await page.getByText('Step 3 of 5').waitFor();
      await tabTo(/^TEXTAREA:Question 1/);
      await page.keyboard.type('Is a second operation needed?');
      await tabTo(/^BUTTON:Continue/);
      await page.keyboard.press('Enter');

      await page.getByText('Step 4 of 5').waitFor();
      // By phone, as the form starts: the number to call.
      await tabTo(/^INPUT:Phone number to call/);
      await page.keyboard.type('+34 612 34 56 78');
      await tabTo(/^BUTTON:Continue/);
      await page.keyboard.press('Enter');

      await page.getByText('Step 5 of 5').waitFor();
      await tabTo(/^SELECT:Country/);
      // A native select takes the keyboard: typing a name picks it.
      await page.keyboard.type('Spain');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Valencia');
      await page.keyboard.press('Enter');
      await heading(page, 'Your request has been sent').waitFor();
      await expectAccessible(page, 'request sent (en)');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'an upload whose connection drops resumes from the offset the server had, not from the start',
    async () => {
      const alice = await aliceSignedIn();
      const kase = await submittedCase(alice, 'en');

      const { page, problems } = await openPage();
      const patches: { offset: number; aborted: boolean }[] = [];
      let heads = 0;
      let dropped = false;
      await page.route('**/api/v1/uploads/**', async (route) => {
        const request = route.request();
        if (request.method() === 'HEAD') heads += 1;
        if (request.method() !== 'PATCH') return route.continue();
        const offset = Number(request.headers()['upload-offset']);
        // The connection drops in the middle of the upload, once.
        if (!dropped && offset > 0) {
          dropped = true;
          patches.push({ offset, aborted: true });
          return route.abort('connectionreset');
        }
        patches.push({ offset, aborted: false });
        return route.continue();
      });
      await page.goto(`${server.url}/cases/${kase.id}`);
      await signIn(page, 'alice.case@example.org');
      await caseHeading(page, 'Case', kase.number).waitFor();
      await page.getByLabel('A short title').last().fill('MRI of the knee');
      const fileInput = page.locator('input[type="file"]').last();
      await fileInput.setInputFiles({ name: 'mri.pdf', mimeType: 'application/pdf', buffer: pdf(2_600_000) });
      await page.getByRole('button', { name: 'Send this record' }).click();
      await page.getByText('Record received').waitFor({ timeout: 30_000 });

      expect(dropped).toBe(true);
      const aborted = patches.find((patch) => patch.aborted)!;
      const after = patches.filter((patch) => !patch.aborted && patch.offset >= aborted.offset);
      // It asked the server where it stood, and went on from there, never from zero again.
      expect(heads).toBeGreaterThanOrEqual(1);
      expect(after.length).toBeGreaterThan(0);
      expect(after[0]!.offset).toBe(aborted.offset);
      expect(patches.filter((patch) => patch.offset === 0)).toHaveLength(1);
      const documents = (await alice.get(`/api/v1/cases/${kase.id}/documents`)).body;
      const stored = documents.items.find((item: any) => item.title === 'MRI of the knee');
      expect(stored.sizeBytes).toBe(2_600_000);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'an ended session sends the member to sign in and back to their case',
    async () => {
      const alice = await aliceSignedIn();
      const kase = await submittedCase(alice, 'en');
      const { page, problems } = await openPage();
      await page.goto(`${server.url}/cases/${kase.id}`);
      await signIn(page, 'alice.case@example.org');
      await caseHeading(page, 'Case', kase.number).waitFor();

      // Signed out elsewhere while writing: the next request answers 401, and the member is asked
      // to sign in. (The message is written first: once the cookie is gone, a read in the
      // background may reach the 401 before the click does, and the page leaves the form.)
      await page.getByLabel('Your message').fill('Are you there?');
      await page.context().clearCookies();
      await Promise.any([
        page.getByRole('button', { name: 'Send', exact: true }).click(),
        heading(page, 'Sign in').waitFor(),
      ]);
      await heading(page, 'Sign in').waitFor();
      await page.getByText('Your session has ended', { exact: false }).waitFor();
      expect(new URL(page.url()).searchParams.get('next')).toBe(`/cases/${kase.id}`);
      await signIn(page, 'alice.case@example.org');
      await caseHeading(page, 'Case', kase.number).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/cases/${kase.id}`);
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
  it(
    'the member reads who accessed their file, changes their time zone and contact preferences, finds them in a new request, and withdraws a request with a reason',
    async () => {
      const alice = await aliceSignedIn();
      const kase = await submittedCase(alice, 'en');
      // The case manager opens the case: an audited read the member can see.
      expect((await manager.get(`/api/v1/cases/${kase.id}`)).status).toBe(200);

      const { page, problems } = await openPage();
      await page.goto(`${server.url}/me/access-log`);
      await signIn(page, 'alice.case@example.org');
      await heading(page, 'Who accessed my file').waitFor();
      await page.getByText('Dra. Lucía Moreno, Case Manager looked at your case').first().waitFor();
      await page.getByText('for your care').first().waitFor();
      await expectAccessible(page, 'access log (en)');
      await expectFitsWidth(page, 'access log (en)');

      await page
        .getByRole('navigation', { name: 'Your pages' })
        .getByRole('link', { name: 'Profile' })
        .click();
      await heading(page, 'Your profile').waitFor();
      await expectAccessible(page, 'profile (en)');
      await expectFitsWidth(page, 'profile (en)');
      await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Your profile is saved.').waitFor();
      expect((await alice.get('/api/v1/me')).body.timeZone).toBe('Asia/Tokyo');

      // How and when to be contacted, kept on the profile; a time that ends first is pointed out.
      await page.getByLabel('Preferred way to be contacted').selectOption('video');
      await page.getByRole('button', { name: 'Add a time slot' }).click();
      const slot = page.getByRole('group', { name: 'Days for time slot 1' });
      await slot.getByLabel('Monday').uncheck();
      await slot.getByLabel('Wednesday').uncheck();
      await slot.getByLabel('Friday').uncheck();
      await page.getByLabel('From').fill('19:00');
      await page.getByLabel('Until').fill('18:00');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('The end must come after the start.').waitFor();
      await page.getByLabel('Until').fill('21:00');
      await expectAccessible(page, 'profile with contact preferences (en)');
      await expectFitsWidth(page, 'profile with contact preferences (en)');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Your profile is saved.').waitFor();
      expect((await alice.get('/api/v1/me')).body.contactPreferences).toEqual({
        channel: 'video',
        windows: [{ days: [2, 4], from: '19:00', to: '21:00' }],
      });

      // A new request starts its contact step from them, in the profile's time zone.
      await page
        .getByRole('navigation', { name: 'Your pages' })
        .getByRole('link', { name: 'Request an opinion' })
        .click();
      await page.getByLabel('What worries you?').fill('A second look at my knee.');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('The diagnosis you received').fill('Meniscus tear');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('textbox', { name: 'Question 1' }).fill('Is surgery needed?');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('We filled these in from your profile.', { exact: false }).waitFor();
      expect(await page.getByLabel('By video call').isChecked()).toBe(true);
      expect(await page.getByLabel('Your time zone').inputValue()).toBe('Asia/Tokyo');
      const prefilled = page.getByRole('group', { name: 'Days for time slot 1' });
      expect(await prefilled.getByLabel('Tuesday').isChecked()).toBe(true);
      expect(await prefilled.getByLabel('Monday').isChecked()).toBe(false);
      expect(await page.getByLabel('From').inputValue()).toBe('19:00');

      await page.goto(`${server.url}/cases/${kase.id}`);
      await caseHeading(page, 'Case', kase.number).waitFor();
      await page.getByRole('button', { name: 'Withdraw my request' }).click();
      const dialog = page.getByRole('dialog', { name: 'Withdraw your request?' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Yes, withdraw' }).click();
      await dialog.getByText('Please fill in this field.').waitFor();
      await expectAccessible(page, 'withdrawal dialog (en)');
      await dialog.getByLabel('Why are you withdrawing?').fill('My own doctor answered my questions.');
      await dialog.getByRole('button', { name: 'Yes, withdraw' }).click();
      await page.locator('[data-status="withdrawn"]').waitFor();
      await page.getByText('Reason: My own doctor answered my questions.').waitFor();
      expect((await alice.get(`/api/v1/cases/${kase.id}`)).body.status).toBe('withdrawn');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});

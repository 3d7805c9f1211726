import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Browser as ApiClient } from '../test/support/client.js';
import {
  givenAddressConfirmed,
  givenRegister,
  givenStaff,
  givenStaffSignedIn,
  PASSWORD,
  type StaffAccount,
} from '../test/support/factories.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { startSmtpServer, type TestSmtpServer } from '../test/support/smtp.js';
import {
  chromiumAvailable,
  expectAccessible,
  expectFitsWidth,
  launchChromium,
  openWatchedPage,
  staffSignedInPage,
} from './support/browser.js';

/**
 * Records straight from the treating doctor, in Spanish: the Madrid member signs the release for
 * her surgeon's clinic on her case page; the clinic, with no account, opens the link from the
 * e-mail, reads the page in Spanish, uploads the pathology report over a connection that drops in
 * the middle, and says it has sent everything; the checklist turns complete for the case manager
 * and the member, and the collection clock on the operations dashboard shows the case.
 */
const JOURNEY_TIMEOUT = 180_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));
const MAX_BYTES = 3 * 1024 * 1024;
const CLINIC = 'secretaria@clinica-serrano.test';

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)]);

describe.skipIf(!chromiumAvailable())('records from the treating doctor, in Chromium', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let browser: Browser;
  let dataDir: string;
  let manager: { browser: ApiClient; account: StaffAccount };
  let ops: StaffAccount;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-e2e-records-'));
    smtp = await startSmtpServer();
    server = await startTestServer(
      { DATA_DIR: dataDir, DOCUMENT_MAX_BYTES: String(MAX_BYTES), SMTP_URL: smtp.url },
      { workers: true },
    );
    await givenRegister(server);
    manager = await givenStaffSignedIn(server, 'case_manager', {
      name: 'Dra. Lucía Moreno',
      languages: ['es', 'en'],
      weeklyShifts: allWeek,
      maxOpenCases: 50,
    });
    ops = await givenStaff(server, 'ops', { name: 'Olga Ops', timeZone: 'Europe/Madrid' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await smtp?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'the member signs the release in Spanish; the clinic sends the report over a dropped connection; the checklist is complete and the clock shows the case',
    async () => {
      // Carmen, in Madrid, asked for an opinion naming the surgeon who operated on her.
      const visitor = new ApiClient(server.url);
      const registered = await visitor.post('/api/v1/member-registrations', {
        membershipNumber: 'M-3000-01',
        dateOfBirth: '1985-10-01',
        email: 'carmen@example.org',
        password: PASSWORD,
        locale: 'es',
        timeZone: 'Europe/Madrid',
      });
      expect(registered.status).toBe(201);
      await givenAddressConfirmed(server, 'carmen@example.org');
      const carmen = new ApiClient(server.url);
      expect((await carmen.signIn('carmen@example.org', PASSWORD)).status).toBe(200);
      const submitted = await carmen.post('/api/v1/cases', {
        concern: 'Me operaron de un bulto en el pecho y quiero una segunda opinión sobre el tratamiento.',
        diagnosisReceived: 'Carcinoma ductal',
        questions: ['¿Necesito radioterapia?'],
        preferredLanguage: 'es',
        contactChannel: 'phone',
        contactPhone: '+34 612 34 56 78',
        timeZone: 'Europe/Madrid',
        location: { country: 'ES', city: 'Madrid' },
        firstOpinion: { doctorName: 'Dr. Javier Ortega', institution: 'Clínica Serrano', country: 'ES' },
      });
      expect(submitted.status).toBe(201);
      const kase = submitted.body as { id: string; number: string };

      // The case manager completes the surgeon she named and asks the clinic for the pathology report.
      const provider = await manager.browser.post(`/api/v1/cases/${kase.id}/providers`, {
        name: 'Dr. Javier Ortega',
        institution: 'Clínica Serrano',
        country: 'ES',
        email: CLINIC,
        language: 'es',
        origin: 'member_request',
      });
      expect(provider.status).toBe(201);
      const asked = await manager.browser.post(`/api/v1/cases/${kase.id}/provider-requests`, {
        providerId: provider.body.id,
        kinds: ['report'],
      });
      expect(asked.body.status).toBe('requested');

      // The member signs the release on her case page, on her phone, in Spanish.
      const member = await openWatchedPage(browser, contexts, {
        viewport: { width: 375, height: 812 },
        locale: 'es-ES',
        timezoneId: 'Europe/Madrid',
      });
      await member.page.goto(`${server.url}/cases/${kase.id}`);
      await member.page.getByLabel('Correo electrónico').fill('carmen@example.org');
      await member.page.getByLabel(/^Contraseña/).fill(PASSWORD);
      await member.page.getByRole('button', { name: 'Iniciar sesión' }).click();
      await member.page.getByRole('heading', { name: 'Documentos de los centros que le atienden' }).waitFor();
      await member.page.getByText('Pendiente de autorización').waitFor();
      await expect.poll(() => member.page.getByRole('checkbox', { name: 'Informes' }).isChecked()).toBe(true);
      await member.page.getByLabel(/^Su nombre completo/).fill('Carmen Tester');
      await member.page
        .getByRole('checkbox', { name: 'Autorizo la entrega de mis documentos a Consilium.' })
        .check();
      await expectAccessible(member.page, 'the release form (es)');
      await expectFitsWidth(member.page, 'the release form (es)');
      await member.page.getByRole('button', { name: 'Firmar la autorización' }).click();
      await member.page.getByText('Autorización firmada').waitFor();

      // The clinic's e-mail, in Spanish, says nothing of the patient: only the link.
      let mail: (typeof smtp.received)[number] | undefined;
      await vi.waitFor(
        () => {
          mail = smtp.received.find((received) => received.to.includes(CLINIC));
          if (!mail) throw new Error('no e-mail to the clinic yet');
        },
        { timeout: 20_000, interval: 100 },
      );
      const text = mail!.parsed.text ?? '';
      expect(mail!.parsed.subject).toBe('Una persona a la que atiende nos ha pedido reunir sus historiales');
      for (const secret of ['Carmen', 'Carcinoma', 'pecho', kase.number]) expect(text).not.toContain(secret);
      const link = /https?:\/\/\S*\/provider-records\/[0-9a-f-]+#token=[A-Za-z0-9_-]{43}/.exec(text)![0];

      // The clinic opens the link with no account, in an English browser: the page is in Spanish.
      const clinic = await openWatchedPage(browser, contexts, {
        viewport: { width: 1280, height: 900 },
        locale: 'en-GB',
        timezoneId: 'Europe/Madrid',
        serviceWorkers: 'block',
      });
      const elsewhere: string[] = [];
      clinic.page.on('request', (request) => {
        if (!request.url().startsWith(server.url) && !request.url().startsWith('data:'))
          elsewhere.push(request.url());
      });
      const opened = await clinic.page.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
      expect(opened?.headers()['referrer-policy']).toBe('no-referrer');
      await clinic.page
        .getByRole('heading', { level: 1, name: 'Documentos solicitados por una persona a la que atiende' })
        .waitFor();
      await clinic.page.getByText('Nombre: \u2068Carmen Tester\u2069').waitFor();
      await clinic.page.getByText(/Fecha de nacimiento: .*1985/).waitFor();
      await expectAccessible(clinic.page, "the provider's page (es)");

      // The pathology report goes up in pieces; the connection drops once in the middle.
      let dropped = false;
      const patches: number[] = [];
      await clinic.page.route('**/api/v1/provider-uploads/**', async (route) => {
        const request = route.request();
        if (request.method() !== 'PATCH') return route.continue();
        const offset = Number(request.headers()['upload-offset']);
        if (!dropped && offset > 0) {
          dropped = true;
          return route.abort('connectionreset');
        }
        patches.push(offset);
        return route.continue();
      });
      await clinic.page.getByLabel(/^Título/).fill('Informe de anatomía patológica');
      await clinic.page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'anatomia.pdf', mimeType: 'application/pdf', buffer: pdf(2_600_000) });
      await clinic.page.getByRole('button', { name: 'Enviar el archivo' }).click();
      await clinic.page.getByText('Archivo recibido').waitFor({ timeout: 60_000 });
      expect(dropped).toBe(true);
      expect(patches.filter((offset) => offset === 0)).toHaveLength(1);
      await clinic.page.getByRole('button', { name: 'Lo he enviado todo' }).click();
      await clinic.page.getByText('Tenemos todo lo que ha enviado. El enlace ya está cerrado.').waitFor();
      expect(elsewhere).toEqual([]);
      expect(clinic.problems).toEqual([]);

      // The report is among the case's records, from the treating provider, whole.
      const documents = (await carmen.get(`/api/v1/cases/${kase.id}/documents`)).body.items;
      const report = documents.find((item: { source: string }) => item.source === 'treating_provider');
      expect(report).toMatchObject({
        sizeBytes: 2_600_000,
        uploadedBy: { name: 'Dr. Javier Ortega, Clínica Serrano' },
      });

      // The member's checklist is complete.
      await member.page.reload();
      await member.page
        .getByText('Todos los documentos pedidos a los centros que le atienden tienen respuesta.')
        .waitFor();
      expect(member.problems).toEqual([]);

      // The case manager's too.
      const work = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: manager.account,
        next: `/workspace/cases/${kase.id}`,
      });
      await work.page.getByRole('tab', { name: 'Records' }).click();
      await work.page.getByText('Every record asked from the treating doctors has been answered.').waitFor();
      await expectAccessible(work.page, "the case manager's providers panel");

      // And the collection clock shows the case to operations.
      const console = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: ops,
        next: '/ops',
      });
      await console.page.getByRole('heading', { name: 'Collection clock' }).waitFor();
      await console.page.getByTestId('collection-cases').getByText(kase.number).waitFor();
      await expect
        .poll(() => console.page.getByTestId('collection-median').textContent())
        .not.toContain('none yet');
      await expectAccessible(console.page, 'the collection clock');
    },
    JOURNEY_TIMEOUT,
  );
});

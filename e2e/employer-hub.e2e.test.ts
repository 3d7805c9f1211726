import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoIfEmpty, type DemoAccounts } from '../src/server/demo/seed.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import {
  artefactPath,
  chromiumAvailable,
  expectAccessible,
  launchChromium,
  openWatchedPage,
  staffSignedInPage,
} from './support/browser.js';

/**
 * The demo company's people, in a real browser on the demo's own data: Atlas Logistics' HR opens
 * the company hub, sees which services are on its plan and last quarter's figures in numbers, with
 * the cells of fewer than 5 said in words, by country too; operations turn Mind Health off for the company
 * plan; Carlos, who works there, sees on his hub the services left and how to reach each.
 */
const JOURNEY_TIMEOUT = 120_000;

describe.skipIf(!chromiumAvailable())('the employer hub of the demo company', () => {
  let server: TestServer;
  let browser: Browser;
  let dataDir: string;
  let demo: DemoAccounts;
  const contexts: BrowserContext[] = [];

  const account = (email: string) => {
    const found = demo.accounts.find((entry) => entry.email === email);
    if (!found?.totpSecret) throw new Error(`no demo staff account ${email}`);
    return { email, password: DEMO_PASSWORD, totpSecret: found.totpSecret };
  };
  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-employer-hub-e2e-'));
    server = await startTestServer({ DATA_DIR: dataDir });
    const seeded = await seedDemoIfEmpty(server.runtime);
    if (!seeded) throw new Error('the demo was not seeded');
    demo = seeded;
    browser = await launchChromium();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    "the demo company's employer admin sees the hub with suppressed cells where there are fewer than 5 cases",
    async () => {
      const { page, problems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: account('hr@atlas-logistics.demo.consilium.test'),
        next: '/',
      });
      // The employer admin's start page is their company's hub, in their language (Spanish).
      await heading(page, 'Atlas Logistics S.A.: Healthcare Hub').waitFor();
      expect(page.url()).toBe(`${server.url}/employer-hub`);

      const plan = page.locator('[data-plan="MHI-COMPANY"]');
      await expect.poll(() => plan.getByText('Consulta Virtual').count()).toBe(1);
      expect(await plan.getByText('Añadido por su empresa').count()).toBe(2);
      expect(await plan.getByText('Incluido en el plan').count()).toBe(1);

      // Last quarter: 37 people on the company plan, 30 requests; where fewer than 5 stand behind a
      // cell (the missed promises, the rarer star counts, the smaller countries) it says so.
      const eligible = page.getByTestId('employer-eligible');
      await eligible.getByRole('cell', { name: '37', exact: true }).waitFor();
      const uptake = page.getByTestId('employer-uptake');
      await uptake.getByRole('cell', { name: '30', exact: true }).waitFor();
      await page
        .getByTestId('employer-first-contact')
        .getByRole('cell', { name: 'menos de 5' })
        .first()
        .waitFor();
      const outcomes = page.getByTestId('employer-outcomes-table');
      await outcomes.getByRole('rowheader', { name: 'Diagnóstico cambiado' }).waitFor();
      expect(await outcomes.getByRole('cell', { name: /^\d+$/ }).count()).toBeGreaterThan(0);
      await expectAccessible(page, "the employer's hub");

      // The quarters as the reader says them, the last settled one first.
      expect(await page.getByLabel('Trimestre').locator('option').first().textContent()).toMatch(
        /^T[1-4] \d{4}$/,
      );
      // By country: Spain in numbers, the countries with two or three people in words.
      await page.getByLabel('Desglosar por').selectOption({ label: 'País' });
      await eligible.getByRole('columnheader', { name: 'España' }).waitFor();
      await eligible.getByRole('cell', { name: '19', exact: true }).waitFor();
      expect(await eligible.getByRole('cell', { name: 'menos de 5' }).count()).toBe(3);
      await page.getByLabel('Desglosar por').selectOption({ label: 'Franja de edad' });
      await eligible.getByRole('columnheader', { name: '30 a 44' }).waitFor();
      await expectAccessible(page, "the employer's hub by age band");

      // In Arabic the hub reads right to left, the hidden counts in words there too.
      await page.getByLabel('Idioma', { exact: true }).selectOption('ar');
      await heading(page, 'Atlas Logistics S.A.: مركز الرعاية الصحية').waitFor();
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      await eligible.getByRole('cell', { name: 'أقل من 5' }).first().waitFor();
      await page.screenshot({ path: artefactPath('employer-hub-ar.png'), fullPage: true });
      await expectAccessible(page, "the employer's hub (ar)");
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "operations turn Mind Health off for the company plan, and Carlos's hub shows what is left with how to reach it",
    async () => {
      const { page, problems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: account('ops@demo.consilium.test'),
        next: '/ops/employer-plans',
      });
      await heading(page, 'Employer plans').waitFor();
      const plan = page.locator('[data-plan="MHI-COMPANY"]');
      const included = plan.getByLabel('Second Medical Opinion (part of the plan)');
      expect(await included.isChecked()).toBe(true);
      expect(await included.isDisabled()).toBe(true);
      await plan.getByLabel('Mind Health').uncheck();
      await plan.getByRole('button', { name: 'Save' }).click();
      await plan.getByRole('status').getByText('Saved.').waitFor();
      expect(await plan.getByLabel('Mind Health').isChecked()).toBe(false);
      await expectAccessible(page, 'the employer plans page');
      expect(problems).toEqual([]);

      const member = await openWatchedPage(browser, contexts, {
        viewport: { width: 375, height: 800 },
        locale: 'es-ES',
        timezoneId: 'Europe/Madrid',
      });
      await member.page.goto(`${server.url}/sign-in`);
      await member.page
        .getByLabel(/Correo electrónico|E-mail address/)
        .fill('carlos.ruiz@demo.consilium.test');
      await member.page.getByLabel(/^(Contraseña|Password)/).fill(DEMO_PASSWORD);
      await member.page.getByRole('button', { name: /Iniciar sesión|Sign in/ }).click();
      const doctor = member.page.getByTestId('contact-virtual_doctor');
      await doctor.waitFor();
      expect(await doctor.getByRole('link', { name: '+442079460102' }).count()).toBe(1);
      expect(await doctor.getByText('Abierto día y noche, todos los días').count()).toBe(1);
      expect(
        await doctor.getByRole('link', { name: 'Abrir el servicio (nueva ventana)' }).getAttribute('href'),
      ).toBe('https://virtual-doctor.example/es');
      expect(await member.page.locator('[data-service="mind_health"]').count()).toBe(0);
      await member.page.getByTestId('contact-second_medical_opinion').getByText(/lunes/).waitFor();
      await expectAccessible(member.page, "Carlos's hub");
      expect(member.problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});

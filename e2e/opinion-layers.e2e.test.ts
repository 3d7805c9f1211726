import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  givenMemberSignedIn,
  givenRegister,
  givenStaffSignedIn,
  PASSWORD,
} from '../test/support/factories.js';
import {
  caseNow,
  givenEnglishOpinionForChineseReader,
  givenSummaryWritten,
} from '../test/support/outcomes.js';
import { extractPdfText } from '../test/support/pdf.js';
import { givenSpecialistAtDesk } from '../test/support/reviews.js';
import { startTestServer, type TestServer } from '../test/support/server.js';
import { buildExport } from '../src/server/modules/privacy/service.js';
import {
  chromiumAvailable,
  expectAccessible,
  launchChromium,
  openWatchedPage,
  staffSignedInPage,
} from './support/browser.js';

/**
 * The opinion in three layers, in a real browser: the case manager drafts the summary in the
 * workspace and sees the plain-language hints as it is typed; a member in Shanghai who reads Chinese gets her
 * opinion with the summary in Chinese and the specialist's text labelled as written in English
 * (with its translation between them); she downloads the letter for her treating doctor, then the
 * archive of everything held about her.
 */
const JOURNEY_TIMEOUT = 180_000;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

describe.skipIf(!chromiumAvailable())('the opinion in layers, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let dataDir: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-e2e-layers-'));
    server = await startTestServer({ DATA_DIR: dataDir });
    await givenRegister(server);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'the Shanghai member reads her summary in Chinese, the expert text labelled English, and downloads the letter and her archive',
    async () => {
      const { browser: manager, account: managerAccount } = await givenStaffSignedIn(server, 'case_manager', {
        languages: ['zh-CN', 'en'],
        weeklyShifts: allWeek,
        maxOpenCases: 20,
      });
      const specialist = await givenSpecialistAtDesk(server, {
        name: 'Dr Ana Ruiz',
        specialtyCodes: ['oncology'],
      });
      const li = await givenMemberSignedIn(
        server,
        { membershipNumber: 'M-1000-01', dateOfBirth: '1980-02-29' },
        'li.na@shanghai.test',
      );
      const me = await li.get('/api/v1/me');
      expect((await li.patch('/api/v1/me', { locale: 'zh-CN', version: me.body.version })).status).toBe(200);

      // Her request, the case manager's contact, the review, the specialist's opinion in English.
      const actors = { server, member: li, manager };
      const { caseId, offerId } = await givenEnglishOpinionForChineseReader(actors, specialist);

      // The case manager's layers: the summary in Chinese, the translation, then delivery.
      await manager.request('PUT', `/api/v1/cases/${caseId}/recommendations`, {
        json: { version: (await caseNow(actors, caseId)).version, body: '先做化疗，再评估手术。' },
      });
      // In the workspace, the summary's first draft: the plain-language hints show as it is typed.
      const { page: work, problems: workProblems } = await staffSignedInPage(browser, contexts, {
        serverUrl: server.url,
        account: managerAccount,
        next: `/workspace/cases/${caseId}`,
      });
      await work.getByRole('tab', { name: 'Recommendations' }).click();
      const editor = work.locator('section[aria-labelledby="cm-layers"]');
      await editor
        .getByLabel('Summary', { exact: true })
        .fill(
          '多学科团队建议先进行新辅助化疗然后通过增强影像重新评估肿瘤的可切除性再由外科医生决定是否进行手术。',
        );
      await editor.getByTestId('plain-language-hints').getByText('Long sentences to split: 1').waitFor();
      await editor.getByRole('button', { name: 'Save the summary' }).click();
      await editor.getByText(/^Saved by/).waitFor();
      await expectAccessible(work, 'the summary editor with its hints');
      expect(workProblems).toEqual([]);
      // The case manager rewrites it in short sentences (here through the API).
      const { reviewId } = await givenSummaryWritten(
        actors,
        caseId,
        'zh-CN',
        '先做化疗。化疗后，手术可能可行。',
      );
      const translated = await manager.request(
        'PUT',
        `/api/v1/cases/${caseId}/reviews/${reviewId}/offers/${offerId}/translation`,
        { json: { language: 'zh-CN', body: '新辅助化疗后可以考虑手术。', translatedBy: '王芳' } },
      );
      expect(translated.status, JSON.stringify(translated.body)).toBe(200);
      const delivered = await manager.post(`/api/v1/cases/${caseId}/recommendations/delivery`, {
        version: (await caseNow(actors, caseId)).version,
      });
      expect(delivered.status, JSON.stringify(delivered.body)).toBe(201);

      // She signs in on her phone and opens her case, in Chinese.
      const { page, problems } = await openWatchedPage(browser, contexts, {
        viewport: { width: 375, height: 812 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      await page.goto(`${server.url}/sign-in`);
      await page.locator('input[type="email"]').fill('li.na@shanghai.test');
      await page.locator('input[type="password"]').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('link', { name: '我的数据' }).waitFor();
      await page.goto(`${server.url}/cases/${caseId}`);

      const layers = page.locator('section[aria-labelledby="case-opinion-layers"]');
      await layers.getByRole('heading', { name: '给您的摘要' }).waitFor({ timeout: 30_000 });
      const summary = layers.locator('[data-layer="summary"]');
      await expect.poll(() => summary.textContent()).toContain('先做化疗。化疗后，手术可能可行。');
      expect(await summary.textContent()).toContain('中文');
      // The expert text as the specialist wrote it, labelled English; the translation before it.
      const original = layers.locator('[data-layer="original"]');
      expect(await original.locator('[data-original-language]').getAttribute('data-original-language')).toBe(
        'en',
      );
      expect(await original.textContent()).toContain('英语');
      expect(await original.textContent()).toContain(
        'Borderline resectable tumour of the head of the pancreas.',
      );
      expect(await layers.locator('[data-layer="translation"]').textContent()).toContain('王芳');
      const order = await layers
        .locator('[data-layer]')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-layer')));
      expect(order).toEqual(['summary', 'translation', 'original', 'doctor-letter']);
      await expectAccessible(page, 'the opinion in layers');

      // The letter for her doctor, in Chinese: downloaded as a PDF.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        layers.getByRole('link', { name: '下载信件（PDF）' }).click(),
      ]);
      const letterFile = path.join(dataDir, 'letter.pdf');
      await download.saveAs(letterFile);
      const letter = await extractPdfText(new Uint8Array(readFileSync(letterFile)));
      expect(letter).toContain('关于您的患者的第二医疗意见');
      expect(letter).toContain('ICD-10 C25.0');

      // And her archive, from My data.
      await page.getByRole('link', { name: '我的数据' }).click();
      await page.getByRole('button', { name: '准备我的压缩包' }).click();
      await page.getByText('正在准备您的压缩包。', { exact: false }).waitFor();
      const [asked] = (await server.sql.query(`SELECT id FROM data_export WHERE status = 'building'`)).rows;
      await buildExport(server.runtime, asked.id);
      const archiveLink = page.getByRole('link', { name: /^下载我的压缩包/ });
      await archiveLink.waitFor({ timeout: 20_000 });
      const [archive] = await Promise.all([page.waitForEvent('download'), archiveLink.click()]);
      const archiveFile = path.join(dataDir, 'archive.zip');
      await archive.saveAs(archiveFile);
      expect(readFileSync(archiveFile).subarray(0, 2).toString('latin1')).toBe('PK');
      expect(problems).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});

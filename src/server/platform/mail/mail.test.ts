import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../../../test/support/smtp.js';
import { ManualClock } from '../clock.js';
import { createLogger } from '../logger.js';
import {
  createFileMailer,
  createMailer,
  createSmtpMailer,
  describeMailError,
  type MailMessage,
} from './index.js';

const message: MailMessage = {
  to: 'reader@example.org',
  subject: 'Bonjour',
  text: 'Un message.',
  html: '<p>Un message.</p>',
  language: 'fr',
  messageId: '<0190a5a8-7b1c-7d2e-8f3a-123456789abc@consilium>',
  attachments: [
    {
      filename: 'invitation.ics',
      content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
      contentType: 'text/calendar',
    },
  ],
};

describe('the SMTP mailer', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => smtp?.close());

  it('relays a message with its text, HTML, language, id and attachment', async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'Consilium <no-reply@consilium.test>' });
    await mailer.send(message);
    await mailer.close();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['reader@example.org']);
    expect(mail!.parsed).toMatchObject({
      subject: 'Bonjour',
      text: 'Un message.',
      messageId: message.messageId,
    });
    expect(mail!.parsed.from?.value).toEqual([{ name: 'Consilium', address: 'no-reply@consilium.test' }]);
    expect(mail!.parsed.headers.get('content-language')).toBe('fr');
    expect(mail!.parsed.attachments.map((file) => file.filename)).toEqual(['invitation.ics']);
  });

  it('sends one message after another over the connection it already has', async () => {
    const relay = await startSmtpServer();
    const mailer = createSmtpMailer({ url: relay.url, from: 'no-reply@consilium.test' });
    try {
      for (const subject of ['Un', 'Deux', 'Trois']) await mailer.send({ ...message, subject });
      relay.refuse(1);
      await expect(mailer.send({ ...message, subject: 'Refusé' })).rejects.toThrow();
      await mailer.send({ ...message, subject: 'Quatre' });
    } finally {
      await mailer.close();
      await relay.close();
    }
    expect(relay.received.map((mail) => mail.parsed.subject)).toEqual(['Un', 'Deux', 'Trois', 'Quatre']);
    expect(relay.connectionCount).toBe(1);
  });

  it('rejects when the relay refuses, and what is kept of the error names no address', async () => {
    smtp.refuse(1);
    const mailer = createSmtpMailer({ url: smtp.url, from: 'no-reply@consilium.test' });
    const error = await mailer.send(message).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    await mailer.close();
    expect(error).toBeInstanceOf(Error);
    expect(describeMailError(error)).toMatch(/smtp 451/);
    expect(describeMailError(error)).not.toContain('@');
  });

  it('an unreachable relay is a connection error', async () => {
    const mailer = createSmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'no-reply@consilium.test' });
    const error = await mailer.send(message).catch((failure: unknown) => failure);
    await mailer.close();
    expect(describeMailError(error)).toMatch(/^ECONNECTION|^ESOCKET/);
  });
});

describe('the .eml file mailer', () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('writes one whole .eml file per message, named by time, and no temporary file is left', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-eml-'));
    folders.push(dataDir);
    const clock = new ManualClock('2026-11-25T17:04:23.120Z');
    const mailer = createMailer(
      { smtpUrl: undefined, mailFrom: 'no-reply@consilium.test', dataDir },
      clock,
      createLogger('silent'),
    );
    expect(mailer.kind).toBe('file');
    await mailer.send(message);
    clock.advance(1);
    await mailer.send({ ...message, subject: 'Encore', messageId: '<second@consilium>' });

    const folder = path.join(dataDir, 'mail');
    const files = readdirSync(folder).sort();
    expect(files).toEqual([
      '2026-11-25T17-04-23-120Z-0190a5a8-7b1c-7d2e-8f3a-123456789abcconsilium.eml',
      '2026-11-25T17-04-23-121Z-secondconsilium.eml',
    ]);
    const parsed = await simpleParser(readFileSync(path.join(folder, files[0]!)));
    expect(parsed).toMatchObject({ subject: 'Bonjour', messageId: message.messageId });
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe('reader@example.org');
    expect(parsed.attachments).toHaveLength(1);
  });

  it('uses SMTP as soon as SMTP_URL is set', () => {
    const mailer = createMailer(
      { smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: 'no-reply@consilium.test', dataDir: '/nonexistent' },
      new ManualClock(),
      createLogger('silent'),
    );
    expect(mailer.kind).toBe('smtp');
    void mailer.close();
  });

  it('fails (for the outbox to retry) when the folder cannot be written', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'consilium-eml-'));
    folders.push(parent);
    const aFile = path.join(parent, 'not-a-folder');
    writeFileSync(aFile, '');
    const mailer = createFileMailer({
      folder: path.join(aFile, 'mail'),
      from: 'x@y.z',
      clock: new ManualClock(),
    });
    await expect(mailer.send(message)).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

export interface MailAttachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

/** One e-mail, rendered. It never carries health data: templates are written to keep it out. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** BCP 47, for the `Content-Language` header. */
  language: string;
  /** Stable per notification, so a resend after a crash can be recognised as the same message. */
  messageId: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  /** `smtp` relays to SMTP_URL; `file` writes `.eml` files into DATA_DIR/mail (development). */
  readonly kind: 'smtp' | 'file';
  send(message: MailMessage): Promise<void>;
  /** Whether the relay answers (a connection and its greeting, no message); files are always there. */
  reachable(): Promise<boolean>;
  close(): Promise<void>;
}

function toNodemailer(from: string, message: MailMessage) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: { 'Content-Language': message.language, 'Auto-Submitted': 'auto-generated' },
    attachments: message.attachments?.map((attachment) => ({ ...attachment })),
  };
}

/**
 * Sends through an SMTP relay. Failures reject; the caller (the outbox) retries.
 *
 * The connection is kept: the dispatcher sends one e-mail after another, and opening one each time
 * (TCP, greeting, EHLO, maybe TLS) cost more than the message. One connection (the dispatcher sends
 * one message at a time anyway), a hundred messages on it, closed after a minute without mail. A
 * connection the relay drops is replaced for the next message; a refused message leaves it usable.
 */
export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: 1,
    maxMessages: 100,
    idleTimeout: 60_000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail(toNodemailer(options.from, message));
    },
    async reachable() {
      return transport.verify().then(
        () => true,
        () => false,
      );
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * Writes each message as an `.eml` file (open it with any mail client). Written to a temporary
 * name and renamed, so a reader never sees half a message.
 */
export function createFileMailer(options: { folder: string; from: string; clock: Clock }): Mailer {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'file',
    async send(message) {
      const info = await composer.sendMail(toNodemailer(options.from, message));
      await mkdir(options.folder, { recursive: true });
      const stamp = options.clock.now().toISOString().replace(/[:.]/g, '-');
      const id = message.messageId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64);
      const file = path.join(options.folder, `${stamp}-${id}.eml`);
      const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, info.message as Buffer, { mode: 0o600 });
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async reachable() {
      return true;
    },
    async close() {
      composer.close();
    },
  };
}

/** SMTP when SMTP_URL is set; otherwise (never in production, config refuses it) `.eml` files. */
export function createMailer(
  config: { smtpUrl: string | undefined; mailFrom: string; dataDir: string },
  clock: Clock,
  log: Logger,
): Mailer {
  if (config.smtpUrl) return createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom });
  const folder = path.join(config.dataDir, 'mail');
  log.info({ folder }, 'SMTP_URL is not set: e-mails are written as .eml files');
  return createFileMailer({ folder, from: config.mailFrom, clock });
}

/**
 * What to remember about a failed send: the error's codes only. SMTP replies often quote the
 * recipient's address, so the message text is never kept.
 */
export function describeMailError(error: unknown): string {
  const fields = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  const parts = [
    typeof fields.code === 'string' ? fields.code : 'error',
    typeof fields.responseCode === 'number' ? `smtp ${fields.responseCode}` : undefined,
    typeof fields.command === 'string' ? `at ${fields.command.split(' ')[0]}` : undefined,
  ];
  return parts.filter(Boolean).join(' ');
}

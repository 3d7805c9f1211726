import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../src/server/platform/net.js';

export interface ReceivedMail {
  /** The envelope recipients, as the relay saw them. */
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface TestSmtpServer {
  /** An SMTP_URL pointing at this server. */
  url: string;
  received: ReceivedMail[];
  /** How many DATA commands were refused (see `refuse`). */
  refusedCount: number;
  /** How many connections senders have opened to it. */
  connectionCount: number;
  /** Refuses the next `count` messages with a temporary failure (451). */
  refuse(count: number): void;
  /** Waits until at least `count` messages have arrived (fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free local port, for stories that follow an e-mail to the relay. It
 * offers no STARTTLS and accepts any sender; every message is parsed with mailparser.
 */
export async function startSmtpServer(options: { delayMs?: number } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let toRefuse = 0;
  const state = { refusedCount: 0, connectionCount: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      state.connectionCount += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (toRefuse > 0) {
          toRefuse -= 1;
          state.refusedCount += 1;
          const error = Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const finish = async () => {
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          received.push({
            to: session.envelope.rcptTo.map((address) => address.address),
            parsed: await simpleParser(raw),
            raw,
          });
        };
        finish().then(() => callback(), callback);
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refusedCount() {
      return state.refusedCount;
    },
    get connectionCount() {
      return state.connectionCount;
    },
    refuse(count) {
      toRefuse = count;
    },
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} e-mails within ${timeoutMs} ms, received ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

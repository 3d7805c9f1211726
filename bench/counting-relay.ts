/**
 * The submissions bench's SMTP relay, in a process of its own (so that the load generator's busy
 * event loop does not slow its answers): takes every message on SMTP_PORT and only counts it.
 * `GET /health` on PORT answers 200; `GET /received` the count so far, as JSON.
 */
import http from 'node:http';
import { SMTPServer } from 'smtp-server';

const port = Number.parseInt(process.env.PORT ?? '', 10);
const smtpPort = Number.parseInt(process.env.SMTP_PORT ?? '', 10);
if (!Number.isInteger(port) || !Number.isInteger(smtpPort))
  throw new Error('PORT and SMTP_PORT are required');

let received = 0;
const relay = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('end', () => {
      received += 1;
      callback();
    });
    stream.resume();
  },
});
await new Promise<void>((resolve) => relay.listen(smtpPort, '127.0.0.1', () => resolve()));

const status = http.createServer((request, response) => {
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(request.url === '/received' ? { received } : { status: 'ok' }));
});
await new Promise<void>((resolve) => status.listen(port, '127.0.0.1', () => resolve()));

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

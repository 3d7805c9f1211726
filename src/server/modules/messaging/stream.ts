import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/index.js';
import type { WakeupBus } from '../../platform/wakeups.js';
import { CASE_STREAM_CHANNEL } from '../cases/index.js';
import { readStreamFrames, streamSessionHolds, type OpenedStream } from './service.js';

/** Events read from the database per query; a longer backlog is read in several batches. */
const BATCH = 100;
/** What EventSource waits before reconnecting (to this or another instance) after a close. */
const RETRY_MS = 3000;

export interface CaseStreamDeps {
  db: Database;
  bus: WakeupBus;
  clock: Clock;
  heartbeatMs: number;
}

const frame = (event: string, id: number, data: unknown) =>
  `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * One open `text/event-stream` of one case for one viewer. The database is the source of truth:
 * on every wake-up (a NOTIFY for this case, the bus's safety poll, the first open) the stream reads
 * the case's events after the last position it sent and writes them in order, each with its
 * position as the SSE id. Nothing is kept between wake-ups but that position.
 */
class CaseStreamConnection {
  private position: number;
  private pumping = false;
  private again = false;
  private closed = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly deps: CaseStreamDeps,
    private readonly stream: OpenedStream,
    private readonly log: FastifyBaseLogger,
    private readonly onClosed: (connection: CaseStreamConnection) => void,
  ) {
    this.position = stream.start;
  }

  async start(headers: Record<string, string | number | string[]>): Promise<void> {
    this.res.on('close', () => this.close());
    // Listen before the first read: whatever commits after that read wakes this stream.
    this.unsubscribe = await this.deps.bus.subscribe(CASE_STREAM_CHANNEL, this.stream.caseId, () =>
      this.wake(),
    );
    if (this.closed) {
      this.unsubscribe();
      return;
    }
    this.res.writeHead(200, headers);
    this.res.flushHeaders();
    void this.write(
      `retry: ${RETRY_MS}\n` +
        frame('stream.opened', this.position, { position: this.position, reset: this.stream.reset }),
    );
    this.heartbeat = setInterval(() => void this.beat(), this.deps.heartbeatMs);
    this.wake();
  }

  wake(): void {
    if (this.closed) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.pump().finally(() => {
      this.pumping = false;
    });
  }

  private async pump(): Promise<void> {
    try {
      do {
        this.again = false;
        let more = true;
        while (more && !this.closed) {
          const read = await readStreamFrames(this.deps.db, this.stream, this.position, BATCH);
          for (const next of read.frames) {
            if (this.closed) return;
            await this.write(frame(next.event, next.seq, next.data));
          }
          this.position = read.scannedUpTo;
          more = read.more;
        }
      } while (this.again && !this.closed);
    } catch (error) {
      // The next wake-up (at the latest the safety poll) reads again from the same position.
      this.log.warn({ err: error, caseId: this.stream.caseId }, 'case stream: could not read events');
    }
  }

  /** A comment line keeps proxies from timing out; a session that ended closes the stream. */
  private async beat(): Promise<void> {
    if (this.closed) return;
    let holds = true;
    try {
      holds = await streamSessionHolds(this.deps, this.stream.viewer);
    } catch {
      // The database did not answer: keep the stream and ask again at the next heartbeat.
    }
    if (!holds) {
      this.log.info({ caseId: this.stream.caseId }, 'case stream: session ended; closing');
      this.close();
      return;
    }
    await this.write(': heartbeat\n\n');
  }

  /** Writes in order, waiting while the client reads slowly (or until it goes away). */
  private write(chunk: string): Promise<void> {
    if (this.closed || this.res.writableEnded) return Promise.resolve();
    if (this.res.write(chunk)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.unsubscribe?.();
    // Closed before it started (the app is stopping): the client tries again elsewhere.
    if (!this.res.headersSent) this.res.writeHead(503, { 'retry-after': '1' });
    if (!this.res.writableEnded) this.res.end();
    this.onClosed(this);
  }
}

/**
 * The open streams of one app instance, so that closing the app ends them (the client reconnects,
 * with its Last-Event-ID, to an instance that is still up) instead of waiting for them forever.
 */
export class CaseStreams {
  private readonly open = new Set<CaseStreamConnection>();

  constructor(private readonly deps: CaseStreamDeps) {}

  get size(): number {
    return this.open.size;
  }

  /** Takes over the reply: from here on the stream writes to the socket itself. */
  async attach(reply: FastifyReply, stream: OpenedStream): Promise<void> {
    const headers = {
      ...(reply.getHeaders() as Record<string, string | number | string[]>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    };
    reply.hijack();
    reply.raw.socket?.setNoDelay(true);
    const connection = new CaseStreamConnection(reply.raw, this.deps, stream, reply.log, (closed) =>
      this.open.delete(closed),
    );
    this.open.add(connection);
    try {
      await connection.start(headers);
    } catch (error) {
      connection.close();
      reply.log.error({ err: error, caseId: stream.caseId }, 'case stream: could not start');
    }
  }

  closeAll(): void {
    for (const connection of [...this.open]) connection.close();
  }
}

import pg from 'pg';
import type { Logger } from '../logger.js';

/** What a channel listener tells its owner. */
export interface ChannelEvents {
  /** A notification on the channel (its payload). */
  notified(payload: string): void;
  /**
   * The connection is gone, or has not answered for a while: notifications may have been missed
   * since the last confirmation. Called once per loss.
   */
  lost(): void;
  /** LISTEN is in place on a new connection: nothing committed from now on is missed. */
  listening(): void;
}

export interface ChannelListenerOptions {
  /** A round trip on the listening connection this often confirms it still hears the channel. */
  heartbeatMs: number;
  /** First wait before connecting again after a loss (doubles up to 30 s). */
  retryMs: number;
}

/**
 * LISTENs to one channel on a connection of its own and says, at any moment, whether it is sure
 * to have heard every notification committed up to a recent instant. Unlike the wake-up bus
 * (wakeups.ts), whose listeners re-read the database and may miss a wake-up, the owner of this
 * listener holds state that a missed notification would leave wrong: so a loss is reported at
 * once, and `confirmedSince(t)` tells whether the channel was heard up to `t`.
 *
 * PostgreSQL sends a listening session's notifications before it answers its next query, so a
 * heartbeat query that was sent at `t` and answered proves that every notification committed
 * before `t` has been received (the connection is the one we listen on). A connection that stops
 * answering (a network partition sends no error) is given up after five heartbeats.
 */
export class ChannelListener {
  private client: pg.Client | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs: number;
  private stopped = false;
  /** performance.now() when the last answered heartbeat (or the LISTEN) was sent; -Infinity when none. */
  private confirmedAt = Number.NEGATIVE_INFINITY;
  private beatSentAt: number | undefined;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly log: Logger,
    private readonly events: ChannelEvents,
    private readonly options: ChannelListenerOptions,
  ) {
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    this.retryDelayMs = options.retryMs;
  }

  /** Connects and listens; on failure keeps trying in the background (and resolves anyway). */
  async start(): Promise<void> {
    await this.connect().catch((error: unknown) => {
      this.log.warn({ err: error }, `${this.channel}: could not listen; retrying`);
      this.scheduleReconnect();
    });
  }

  /** Whether every notification committed before `performance.now() - withinMs` has been received. */
  confirmedWithin(withinMs: number): boolean {
    return this.client !== undefined && performance.now() - this.confirmedAt <= withinMs;
  }

  /**
   * How long ago the last answered heartbeat (or the LISTEN) was sent, in milliseconds: undefined
   * while there is no listening connection (operators' metrics).
   */
  get confirmedAgoMs(): number | undefined {
    if (this.client === undefined || this.confirmedAt === Number.NEGATIVE_INFINITY) return undefined;
    return performance.now() - this.confirmedAt;
  }

  /** The server process of the listening connection (for operators and for tests that cut it). */
  get backendPid(): number | undefined {
    return (this.client as (pg.Client & { processID?: number }) | undefined)?.processID;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: `consilium-${this.channel.replaceAll('_', '-')}`,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (this.client === client && message.channel === this.channel)
        this.events.notified(message.payload ?? '');
    });
    client.on('error', (error) => this.drop(client, error));
    client.on('end', () => this.drop(client));
    const sentAt = performance.now();
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.confirmedAt = sentAt;
    this.retryDelayMs = this.options.retryMs;
    this.events.listening();
    this.heartbeatTimer = setInterval(() => this.beat(client), this.options.heartbeatMs).unref();
  }

  private beat(client: pg.Client): void {
    if (this.client !== client) return;
    if (this.beatSentAt !== undefined) {
      if (performance.now() - this.beatSentAt > this.options.heartbeatMs * 5)
        this.drop(client, new Error('the listening connection stopped answering'));
      return;
    }
    const sentAt = performance.now();
    this.beatSentAt = sentAt;
    client.query('SELECT 1').then(
      () => {
        if (this.client !== client) return;
        this.beatSentAt = undefined;
        this.confirmedAt = sentAt;
      },
      (error: unknown) => this.drop(client, error as Error),
    );
  }

  private drop(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.beatSentAt = undefined;
    this.confirmedAt = Number.NEGATIVE_INFINITY;
    clearInterval(this.heartbeatTimer);
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.log.warn({ err: error }, `${this.channel}: the listening connection was lost; reconnecting`);
    this.events.lost();
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.stopped) return;
      this.connect().catch((error: unknown) => {
        this.log.warn({ err: error }, `${this.channel}: could not listen; retrying`);
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, 30_000);
        this.scheduleReconnect();
      });
    }, this.retryDelayMs);
    this.retryTimer.unref();
  }
}

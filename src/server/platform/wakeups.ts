import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterCommit, databaseOf } from './db/commit-hooks.js';
import type { Database, Queryable } from './db/index.js';
import type { Logger } from './logger.js';

/** Called when something may have changed for a key; the listener re-reads the database. */
export type WakeListener = () => void;

const CHANNEL = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Wakes this process's waiters when another transaction (in any process) commits a change they
 * care about. PostgreSQL `LISTEN/NOTIFY` on one dedicated connection per process, fanned out in
 * memory by key. A wake-up carries no data and may be lost (the connection drops, the process
 * restarts): the database stays the source of truth, so listeners re-read it on every wake-up and
 * on a safety poll, and after a reconnection every listener is woken.
 *
 * The connection is opened on the first subscription, so processes that never listen (the CLI)
 * never hold one.
 */
export class WakeupBus {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private readonly listened = new Set<string>();
  private readonly listeners = new Map<string, Map<string, Set<WakeListener>>>();
  private pollTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 500;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
    private readonly options: { safetyPollMs: number },
  ) {}

  /**
   * Registers `listener` for `key` on `channel` and resolves once the LISTEN is in place, so a
   * read made after this resolves cannot miss a later commit. Returns the unsubscribe function.
   * If the database cannot be reached the listener stays registered: the safety poll and the
   * reconnection keep waking it.
   */
  async subscribe(channel: string, key: string, listener: WakeListener): Promise<() => void> {
    if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
    if (this.stopped) throw new Error('the notify bus is stopped');
    let byKey = this.listeners.get(channel);
    if (!byKey) this.listeners.set(channel, (byKey = new Map()));
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    set.add(listener);
    this.pollTimer ??= setInterval(() => this.wakeAll(), this.options.safetyPollMs).unref();
    try {
      await this.ensureListening();
    } catch (error) {
      this.log.warn({ err: error }, 'notify bus: could not listen; relying on the safety poll');
      this.scheduleReconnect();
    }
    return () => this.unsubscribe(channel, key, listener);
  }

  /** How many listeners this process holds (for tests and diagnostics). */
  get size(): number {
    let count = 0;
    for (const byKey of this.listeners.values()) for (const set of byKey.values()) count += set.size;
    return count;
  }

  /** Stops listening and forgets every listener; their owners close on their own shutdown path. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.retryTimer);
    this.listeners.clear();
    const client = this.client;
    this.client = undefined;
    // A connection still being opened ends itself when it sees `stopped`.
    await this.connecting?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private unsubscribe(channel: string, key: string, listener: WakeListener): void {
    const byKey = this.listeners.get(channel);
    const set = byKey?.get(key);
    set?.delete(listener);
    if (set && set.size === 0) byKey?.delete(key);
    if (this.size === 0) {
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  /**
   * Connects if need be and LISTENs to every channel not yet listened to. Calls run one after the
   * other (two subscriptions at once would otherwise send their LISTENs on the one connection
   * concurrently, which `pg` is deprecating, and both for the same new channel).
   */
  private ensureListening(): Promise<void> {
    const run = this.listening.then(() => this.listenToAll());
    this.listening = run.catch(() => undefined);
    return run;
  }

  private listening: Promise<void> = Promise.resolve();

  private async listenToAll(): Promise<void> {
    if (!this.client) {
      this.connecting ??= this.connect().finally(() => {
        this.connecting = undefined;
      });
      await this.connecting;
    }
    const client = this.client;
    if (!client) throw new Error('notify bus: not connected');
    for (const channel of this.listeners.keys()) {
      if (this.listened.has(channel)) continue;
      await client.query(`LISTEN "${channel}"`);
      this.listened.add(channel);
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'consilium-listen' });
    client.on('notification', (message) => this.wake(message.channel, message.payload ?? ''));
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.listened.clear();
      if (this.stopped) return;
      this.log.warn({ err: error }, 'notify bus: the listening connection was lost; reconnecting');
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    if (this.stopped) {
      await client.end().catch(() => undefined);
      throw new Error('the notify bus is stopped');
    }
    this.client = client;
    this.retryDelayMs = 500;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.stopped || this.size === 0) return;
      this.ensureListening().then(
        // Whatever was committed while nobody listened is found by re-reading.
        () => this.wakeAll(),
        () => {
          this.retryDelayMs = Math.min(this.retryDelayMs * 2, 30_000);
          this.scheduleReconnect();
        },
      );
    }, this.retryDelayMs);
    this.retryTimer.unref();
  }

  private wake(channel: string, key: string): void {
    const set = this.listeners.get(channel)?.get(key);
    if (set) for (const listener of [...set]) this.call(listener);
  }

  private wakeAll(): void {
    for (const byKey of this.listeners.values())
      for (const set of byKey.values()) for (const listener of [...set]) this.call(listener);
  }

  private call(listener: WakeListener): void {
    try {
      listener();
    } catch (error) {
      this.log.error({ err: error }, 'notify bus: a listener failed');
    }
  }
}

/**
 * Sends the wake-ups of committed transactions, batched: every signal that arrives while a batch
 * is on its way goes out in the next one, as one statement. Signals are sent after the commit and
 * not inside the transaction because PostgreSQL makes every committing transaction that issued a
 * NOTIFY wait for the others on one database-wide lock, WAL flush included: under load that
 * queued every submission's commit behind the previous one's. Batches commit without waiting for
 * their WAL flush: a wake-up lost in a crash costs nothing (listeners re-read on their safety
 * poll), and the changes they announce are already durable.
 */
export class CommitSignaller {
  private pending = new Map<string, Set<string>>();
  private sending: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  signal(channel: string, key: string): void {
    let keys = this.pending.get(channel);
    if (!keys) this.pending.set(channel, (keys = new Set()));
    keys.add(key);
    this.schedule();
  }

  private schedule(): void {
    if (this.sending) return;
    // Sent on the next turn of the event loop: the other hooks of the same commit, and other
    // commits finishing now, join the batch.
    this.sending = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.sendAll())
      .finally(() => {
        this.sending = undefined;
        // A signal given between the last batch and this line has not been sent yet.
        if (this.pending.size > 0) this.schedule();
      });
  }

  /** Resolves once every signal given so far has been sent (or given up on). */
  async settled(): Promise<void> {
    while (this.sending) await this.sending;
  }

  private async sendAll(): Promise<void> {
    while (this.pending.size > 0) {
      const channels: string[] = [];
      const keys: string[] = [];
      for (const [channel, set] of this.pending)
        for (const key of set) {
          channels.push(channel);
          keys.push(key);
        }
      this.pending = new Map();
      try {
        await this.pool.query(
          `WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
           SELECT count(pg_notify(signal.channel, signal.key))::int AS sent
           FROM relaxed, unnest($1::text[], $2::text[]) AS signal(channel, key)`,
          [channels, keys],
        );
      } catch (error) {
        this.log.warn(
          { err: error },
          'notify bus: wake-ups not sent; listeners catch up on their safety poll',
        );
      }
    }
  }
}

const signallers = new WeakMap<object, CommitSignaller>();

/** Sends the wake-ups of transactions on `db` through `signaller` once they commit. */
export function signalCommitsThrough(db: Database, signaller: CommitSignaller): void {
  signallers.set(db, signaller);
}

/**
 * Signals `key` on `channel` when the caller's transaction commits (nothing on rollback). On a
 * database with a signaller the signal leaves after the commit, batched with others; otherwise (a
 * savepoint, a bare database) it is a NOTIFY inside the transaction, which PostgreSQL delivers
 * at the commit. The same signal twice in one transaction is delivered once either way.
 */
export async function signalOnCommit(tx: Queryable, channel: string, key: string): Promise<void> {
  if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
  const db = databaseOf(tx);
  const signaller = db && signallers.get(db);
  if (signaller && afterCommit(tx, () => signaller.signal(channel, key))) return;
  await tx.execute(sql`SELECT pg_notify(${channel}, ${key})`);
}

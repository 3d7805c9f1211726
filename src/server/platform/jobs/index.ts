import {
  fromDrizzle,
  PgBoss,
  type ConstructorOptions,
  type Db,
  type SendOptions as BossSendOptions,
} from 'pg-boss';
import type pg from 'pg';
import { sql } from 'drizzle-orm';
import { databaseOf } from '../db/commit-hooks.js';
import type { Database, Queryable, Tx } from '../db/index.js';
import type { Logger } from '../logger.js';
import { signalOnCommit, type WakeupBus } from '../wakeups.js';
import { carryOverOldJobs, setAsideOldSchema } from './from-pg-boss-10.js';

/**
 * Durable jobs on pg-boss 12, in the application's own PostgreSQL database (pg-boss keeps its
 * tables in the `pgboss` schema and migrates them itself, from an older version's too). Every
 * process can send jobs; only a process that calls `startWorkers()` (the server, `main.ts`) runs
 * them. Nothing here keeps state another process needs: jobs, schedules and locks are rows in the
 * database.
 */

export interface Job<T> {
  id: string;
  data: T;
}

export interface QueueDefinition<T extends object = object> {
  /** Letters, digits, `.`, `-` and `_`, e.g. `notifications.dispatch`. */
  name: string;
  /** Receives up to `batchSize` jobs at once; a thrown error fails (and retries) the whole batch. */
  handler: (jobs: Job<T>[]) => Promise<void>;
  batchSize?: number;
  /** A cron expression (minute resolution, UTC): the queue also receives a job on this schedule. */
  every?: string;
  /** How often pg-boss retries a failed job (its own retry, not the handler's). */
  retryLimit?: number;
  /**
   * A channel of the notify bus on which a committed transaction can ask for a run
   * (`wakeAfterCommit(tx, channel)`): the worker process then runs the handler soon after, with no
   * jobs, besides its jobs and schedule. Wake-ups can be lost (a crash right after the commit), so
   * a queue woken this way keeps a schedule to catch up; and a run may overlap another process's,
   * so its handler must be safe to run twice at once. What it saves: a job row written inside
   * every writer's transaction, then fetched and completed.
   */
  wakeOn?: string;
}

/** The key wake-ups are signalled under on a queue's `wakeOn` channel. */
const WAKE_KEY = 'run';
/** The advisory lock instances take turns on to install pg-boss (any constant they all share). */
const INSTALL_LOCK = 4_512_012;

/**
 * Asks the worker processes to run the queues woken on `channel` once `tx` commits (nothing if it
 * rolls back). On a database with a commit signaller this adds no statement to the transaction.
 */
export async function wakeAfterCommit(tx: Queryable, channel: string): Promise<void> {
  await signalOnCommit(tx, channel, WAKE_KEY);
}

export interface SendOptions {
  /** Send as part of this transaction: the job exists only if the transaction commits. */
  tx?: Tx;
  startAfter?: Date;
  singletonKey?: string;
}

/** How a queue's jobs stand, for the metrics (`queueSizes`). */
export type QueueState = 'ready' | 'deferred' | 'active' | 'failed';

export interface WorkerOptions {
  /** How often an idle worker looks for new jobs (pg-boss allows 0.5 s at least). */
  pollingIntervalSeconds?: number;
  /** How long `stop()` waits for running jobs to finish. */
  stopTimeoutMs?: number;
}

/**
 * The runner that sends the jobs asked for inside transactions of each database (`sendJobsThrough`):
 * pg-boss 12 sends only through a started instance (it looks a queue's table up in a cache it fills
 * when it starts), so a use case holding only a transaction reaches the runtime's started runner
 * through the transaction's database, as the commit signaller is reached (`wakeups.ts`).
 */
const runners = new WeakMap<Database, JobRunner>();

/** Makes `jobs` the runner that `sendJobInTransaction` uses for transactions of `db`. Once per runtime. */
export function sendJobsThrough(db: Database, jobs: JobRunner): void {
  runners.set(db, jobs);
}

/**
 * The runner that sends jobs for the outermost transaction `tx` (of the runtime's database). Take it
 * before opening a savepoint, then send with `{ tx: savepoint }`.
 */
export function jobsOf(tx: Queryable): JobRunner {
  const db = databaseOf(tx);
  const runner = db && runners.get(db);
  if (!runner)
    throw new Error('a job sent in a transaction needs the outermost transaction of the runtime database');
  return runner;
}

/**
 * Sends a job as part of `tx` (the outermost transaction): it becomes visible when (and only if)
 * the transaction commits. The queue must exist in the database (queues are created when a runtime
 * opens); it need not be defined in this process.
 */
export async function sendJobInTransaction<T extends object>(
  tx: Tx,
  name: string,
  data: T,
  options: Omit<SendOptions, 'tx'> = {},
): Promise<string | null> {
  return jobsOf(tx).write(name, data, { ...options, tx });
}

function toPgBossOptions(options: Omit<SendOptions, 'tx'>, db?: Db): BossSendOptions {
  const sendOptions: BossSendOptions = {};
  if (db) sendOptions.db = db;
  if (options.startAfter) sendOptions.startAfter = options.startAfter;
  if (options.singletonKey) sendOptions.singletonKey = options.singletonKey;
  return sendOptions;
}

export class JobRunner {
  private readonly definitions = new Map<string, QueueDefinition<never>>();
  private readonly sender: PgBoss;
  private workers: PgBoss | undefined;
  private installed = false;
  private stopTimeoutMs = 20_000;

  /** Queues woken on their channel: whether a run is going on, and whether another is wanted. */
  private readonly wakes = new Map<string, { running: Promise<void> | undefined; again: boolean }>();
  private unsubscribes: (() => void)[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    private readonly bus?: Pick<WakeupBus, 'subscribe'>,
  ) {
    this.sender = this.createBoss({ supervise: false, schedule: false, migrate: true });
  }

  private createBoss(options: Pick<ConstructorOptions, 'supervise' | 'schedule' | 'migrate'>) {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => this.pool.query(text, values) },
      // Our traces come from the pool's own instrumentation; no trace context stored on jobs.
      openTelemetry: { enabled: false },
      ...options,
    });
    // An EventEmitter without an 'error' listener would throw; pg-boss reports polling errors here.
    boss.on('error', (error) => this.log.error({ err: error }, 'job runner error'));
    boss.on('warning', (warning) => this.log.warn({ warning: warning.message }, 'job runner warning'));
    return boss;
  }

  /**
   * Installs (or migrates) pg-boss's schema and the queues defined so far. Idempotent. Instances
   * starting together take turns (a session advisory lock held on its own connection): creating a
   * schema while another instance renames one is not safe in PostgreSQL, whatever `IF NOT EXISTS`
   * says.
   */
  async install(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [INSTALL_LOCK]);
      try {
        await this.installAlone();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [INSTALL_LOCK]).catch(() => undefined);
      }
    } finally {
      client.release();
    }
  }

  private async installAlone(): Promise<void> {
    // A database pg-boss 10 ran on: its tables set aside, and their unfinished jobs moved once the
    // queues exist again (from-pg-boss-10.ts).
    await setAsideOldSchema(this.pool, this.log);
    await this.sender.start();
    this.installed = true;
    for (const definition of this.definitions.values()) await this.createQueue(definition);
    await carryOverOldJobs(this.pool, this.log, (db, job) =>
      this.sender.send(job.name, job.data ?? {}, {
        db,
        startAfter: job.startAfter,
        ...(job.singletonKey ? { singletonKey: job.singletonKey } : {}),
      }),
    );
  }

  /** Makes a queue known: it can be sent to at once, and is worked by `startWorkers()`. */
  async define<T extends object>(definition: QueueDefinition<T>): Promise<void> {
    if (this.definitions.has(definition.name)) throw new Error(`queue ${definition.name} is defined twice`);
    if (this.workers) throw new Error(`queue ${definition.name} is defined after the workers started`);
    this.definitions.set(definition.name, definition as unknown as QueueDefinition<never>);
    if (this.installed) await this.createQueue(definition);
  }

  private async createQueue(definition: QueueDefinition<never> | QueueDefinition<object>): Promise<void> {
    await this.sender.createQueue(definition.name, {
      retryLimit: definition.retryLimit ?? 3,
      retryDelay: 5,
      retryBackoff: true,
    });
  }

  /** Sends a job; with `tx`, the job becomes visible when (and only if) that transaction commits. */
  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`no queue named ${name}`);
    return this.write(name, data, options);
  }

  /**
   * Writes a job through the started sender, to a queue that exists in the database; with `tx`,
   * pg-boss's statement runs in that transaction (its Drizzle adapter) while the queue is looked up
   * on the pool. Before `install()` the sender has not started and pg-boss refuses.
   */
  async write<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const { tx, ...rest } = options;
    return this.sender.send(name, data, toPgBossOptions(rest, tx ? fromDrizzle(tx, sql) : undefined));
  }

  get workersRunning(): boolean {
    return this.workers !== undefined;
  }

  /** Starts working every defined queue and their schedules. Only the server process does this. */
  async startWorkers(options: WorkerOptions = {}): Promise<void> {
    if (this.workers) return;
    if (!this.installed) await this.install();
    if (options.stopTimeoutMs) this.stopTimeoutMs = options.stopTimeoutMs;
    const boss = this.createBoss({ supervise: true, schedule: true, migrate: false });
    await boss.start();
    this.workers = boss;
    for (const definition of this.definitions.values()) {
      await boss.work<object>(
        definition.name,
        {
          batchSize: definition.batchSize ?? 1,
          pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
        },
        async (jobs) => {
          try {
            await definition.handler(jobs.map((job) => ({ id: job.id, data: job.data as never })));
          } catch (error) {
            this.log.error({ err: error, queue: definition.name }, 'job failed');
            throw error;
          }
        },
      );
      if (definition.every) await boss.schedule(definition.name, definition.every, {}, { tz: 'UTC' });
      else await boss.unschedule(definition.name);
      if (definition.wakeOn && this.bus) {
        const woken = definition;
        this.unsubscribes.push(await this.bus.subscribe(definition.wakeOn, WAKE_KEY, () => this.wake(woken)));
      }
    }
    this.log.info({ queues: [...this.definitions.keys()] }, 'job workers started');
  }

  /**
   * Runs a woken queue's handler: one run at a time in this process; wake-ups that arrive during a
   * run make one more run after it (the handler reads what is due, so one run covers them all).
   */
  private wake(definition: QueueDefinition<never>): void {
    if (!this.workers) return;
    let state = this.wakes.get(definition.name);
    if (!state) this.wakes.set(definition.name, (state = { running: undefined, again: false }));
    if (state.running) {
      state.again = true;
      return;
    }
    const current = state;
    const run = async () => {
      do {
        current.again = false;
        try {
          await definition.handler([]);
        } catch (error) {
          this.log.error({ err: error, queue: definition.name }, 'woken run failed; its schedule catches up');
        }
      } while (current.again && this.workers);
      current.running = undefined;
    };
    current.running = run();
  }

  /**
   * The jobs of each defined queue by state, for the operators' metrics: `ready` (to run now),
   * `deferred` (to run later: a delayed dispatcher run, a retry waiting), `active` (running),
   * `failed` (given up on, kept until pg-boss's retention removes them). pg-boss's `getQueueStats`:
   * a reading at most a minute old (it counts a queue again when its last count is older), so
   * frequent scrapes do not each count the job table.
   */
  async queueSizes(): Promise<{ queue: string; state: QueueState; count: number }[]> {
    const sizes = await Promise.all(
      [...this.definitions.keys()].map(async (queue) => {
        const [stats] = await this.sender.getQueueStats(queue, { force: true });
        return [
          { queue, state: 'ready' as const, count: stats?.readyCount ?? 0 },
          { queue, state: 'deferred' as const, count: stats?.deferredCount ?? 0 },
          { queue, state: 'active' as const, count: stats?.activeCount ?? 0 },
          { queue, state: 'failed' as const, count: stats?.failedCount ?? 0 },
        ];
      }),
    );
    return sizes.flat();
  }

  /** Stops taking jobs and waits for the running ones to finish. Call before the pool closes. */
  async stop(): Promise<void> {
    const workers = this.workers;
    this.workers = undefined;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    await Promise.all([...this.wakes.values()].map((state) => state.running));
    if (workers) {
      await workers.stop({ graceful: true, close: false, timeout: this.stopTimeoutMs });
    }
    await this.sender.stop({ graceful: true, close: false, timeout: 1_000 });
  }
}

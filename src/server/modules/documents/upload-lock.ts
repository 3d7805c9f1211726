import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';
import type { WakeupBus } from '../../platform/wakeups.js';

/** How long a lease lasts without renewal: what a crashed instance can keep an upload waiting. */
const LEASE_SECONDS = 30;
const RENEW_EVERY_MS = 10_000;
/** How long a request waits for an upload another request holds (the tus server's default). */
const ACQUIRE_TIMEOUT_MS = 30_000;
const RETRY_MS = 100;
const CHANNEL = 'resumable_upload_lock';

/**
 * The tus server's lock on an upload, shared by every instance through PostgreSQL: one request at
 * a time works on an upload, whichever instance it reached. A request that finds the upload held
 * asks the holder to let go (the tus rule: the newer request wins, since the older one is most
 * likely a connection the client has given up on), through a flag on the lease and a wake-up on
 * the holder's instance, and waits until it can take it.
 */
export class PostgresUploadLocker implements Locker {
  constructor(
    private readonly pool: pg.Pool,
    private readonly bus: WakeupBus,
  ) {}

  newLock(id: string): Lock {
    return new PostgresUploadLock(id, this.pool, this.bus);
  }
}

class PostgresUploadLock implements Lock {
  private readonly holder = randomUUID();
  private renewal: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private released = false;

  constructor(
    private readonly id: string,
    private readonly pool: pg.Pool,
    private readonly bus: WakeupBus,
  ) {}

  private async tryTake(): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO resumable_upload_lock (upload_id, holder, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (upload_id) DO UPDATE
         SET holder = excluded.holder, expires_at = excluded.expires_at, release_requested = false
         WHERE resumable_upload_lock.expires_at < now()`,
      [this.id, this.holder, LEASE_SECONDS],
    );
    return rowCount === 1;
  }

  private async askHolderToLetGo(): Promise<void> {
    await this.pool.query(
      `WITH asked AS (
         UPDATE resumable_upload_lock SET release_requested = true
          WHERE upload_id = $1 AND NOT release_requested RETURNING upload_id)
       SELECT pg_notify($2, upload_id) FROM asked`,
      [this.id, CHANNEL],
    );
  }

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    // A timeout, not a time of day: the monotonic clock.
    const deadline = performance.now() + ACQUIRE_TIMEOUT_MS;
    while (!(await this.tryTake())) {
      if (signal.aborted) throw ERRORS.ABORTED;
      if (performance.now() > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      await this.askHolderToLetGo();
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
    this.renewal = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.renewal.unref();
    // A wake-up may be a request to let go, or the bus's safety poll: the lease row says which.
    this.unsubscribe = await this.bus.subscribe(
      CHANNEL,
      this.id,
      () => void this.letGoIfAsked(requestRelease),
    );
  }

  private async renew(): Promise<void> {
    await this.pool
      .query(
        `UPDATE resumable_upload_lock SET expires_at = now() + make_interval(secs => $3)
          WHERE upload_id = $1 AND holder = $2`,
        [this.id, this.holder, LEASE_SECONDS],
      )
      .catch(() => undefined);
  }

  private async letGoIfAsked(requestRelease: RequestRelease): Promise<void> {
    if (this.released) return;
    const { rows } = await this.pool
      .query<{ asked: boolean }>(
        `SELECT release_requested AS asked FROM resumable_upload_lock WHERE upload_id = $1 AND holder = $2`,
        [this.id, this.holder],
      )
      .catch(() => ({ rows: [] as { asked: boolean }[] }));
    if (rows[0]?.asked) {
      this.released = true;
      await requestRelease();
    }
  }

  async unlock(): Promise<void> {
    this.released = true;
    clearInterval(this.renewal);
    this.unsubscribe?.();
    await this.pool.query(`DELETE FROM resumable_upload_lock WHERE upload_id = $1 AND holder = $2`, [
      this.id,
      this.holder,
    ]);
  }
}

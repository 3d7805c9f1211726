import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ChannelListener, type ChannelEvents } from '../../platform/db/channel-listener.js';
import type { Actor } from '../../platform/context.js';
import type { Logger } from '../../platform/logger.js';

/** The channel the database's triggers announce a changed actor on (payload: the user id). */
export const ACTOR_CHANGED_CHANNEL = 'actor_changed';

/** What a signed-in call needs once its session is resolved. */
export interface ResolvedSession {
  actor: Actor;
  passwordChangeRequired: boolean;
  /** When the session expires (epoch milliseconds). */
  expiresAt: number;
}

export interface ActorCacheSettings {
  /** Sessions remembered at most (the least recently used go first); 0 turns the cache off. */
  max: number;
  /** How long a resolved session is trusted without asking the database again; 0 turns it off. */
  ttlMs: number;
}

/** What the cache needs of the connection it hears changes on (a ChannelListener). */
export type Listening = Pick<
  ChannelListener,
  'start' | 'stop' | 'confirmedWithin' | 'confirmedAgoMs' | 'backendPid'
>;

/** A round trip on the listening connection this often. */
const HEARTBEAT_MS = 250;
/**
 * A hit is served only while the listening connection was confirmed this recently (every
 * notification committed before then was heard): the bound on how late a change can take effect
 * when the connection dies without a word.
 */
const FRESHNESS_MS = 1000;

/**
 * The actor each session resolved to, remembered in this process so that a call need not ask Better
 * Auth (its session and user reads, the cookie's signature) nor read the profile again.
 *
 * Correct across instances: every change to a session, an account, a profile, a staff profile, a
 * password or two-factor sends `NOTIFY actor_changed, '<user id>'` from a trigger in the changing
 * transaction (migration `actor_changed_notify`), and every instance forgets that user's sessions
 * when it hears it. While the listening connection is not confirmed recent (lost, reconnecting,
 * not answering) nothing is served from memory nor remembered, and everything is forgotten when it
 * is lost and again when it listens anew. The TTL is a safety net only.
 *
 * A database read that began before an invalidation must not put what it read back after it: the
 * generation counts invalidations, and a read remembers its result only if none came in between.
 */
export class ActorCache {
  private readonly entries: LRUCache<string, ResolvedSession> | undefined;
  private readonly listener: Listening | undefined;
  private generation = 0;
  /**
   * Since start (the operators' metrics, `/metrics`): calls answered from memory and calls that
   * asked the database; sessions pushed out because the cache was full; and what was forgotten on
   * a change: an account's sessions (a notification, or this instance's own change), or everything
   * (the listening connection lost or listening anew).
   */
  readonly counts = { hits: 0, misses: 0, evictions: 0, accountInvalidations: 0, fullInvalidations: 0 };

  constructor(
    databaseUrl: string,
    log: Logger,
    settings: ActorCacheSettings,
    listen: (events: ChannelEvents) => Listening = (events) =>
      new ChannelListener(databaseUrl, ACTOR_CHANGED_CHANNEL, log, events, {
        heartbeatMs: HEARTBEAT_MS,
        retryMs: 500,
      }),
  ) {
    if (settings.max <= 0 || settings.ttlMs <= 0) return;
    this.entries = new LRUCache({
      max: settings.max,
      ttl: settings.ttlMs,
      dispose: (_value, _key, reason) => {
        if (reason === 'evict') this.counts.evictions += 1;
      },
    });
    this.listener = listen({
      notified: (userId) => this.forgetUser(userId),
      lost: () => this.forgetAll(),
      listening: () => this.forgetAll(),
    });
  }

  private started: Promise<void> | undefined;

  /**
   * Starts listening for changes, once (when the app is built: a process that serves no API, like
   * the command line, never holds the connection). Until it listens, nothing is served from memory.
   */
  start(): Promise<void> {
    this.started ??= this.listener?.start() ?? Promise.resolve();
    return this.started;
  }

  async stop(): Promise<void> {
    this.started ??= Promise.resolve();
    await this.listener?.stop();
    this.forgetAll();
  }

  /** Whether answers may come from memory now (the listening connection is confirmed recent). */
  get serving(): boolean {
    return this.listener?.confirmedWithin(FRESHNESS_MS) ?? false;
  }

  /** Whether the listening connection is there (operators' metrics). */
  get listening(): boolean {
    return this.listener?.confirmedAgoMs !== undefined;
  }

  /** How long ago the listening connection last answered a heartbeat, in seconds; undefined without one. */
  get heartbeatAgeSeconds(): number | undefined {
    const ago = this.listener?.confirmedAgoMs;
    return ago === undefined ? undefined : ago / 1000;
  }

  /** How many sessions this instance remembers now. */
  get size(): number {
    return this.entries?.size ?? 0;
  }

  /** The listening connection's server process (operators; the story that cuts it). */
  get listenerPid(): number | undefined {
    return this.listener?.backendPid;
  }

  /** How many sessions of an account this instance remembers (operators; the stories). */
  sessionsOf(userId: string): number {
    let count = 0;
    if (this.entries)
      for (const resolved of this.entries.values()) if (resolved.actor.userId === userId) count += 1;
    return count;
  }

  /**
   * The key of a session credential: a digest, so that memory never holds a usable cookie value.
   * The credential is the whole signed cookie value: a hit means this exact value was checked.
   */
  static keyOf(credential: string): string {
    return createHash('sha256').update(credential).digest('base64url');
  }

  /** The remembered session for `key`, if it may be served and has not expired at `now`. */
  get(key: string, now: Date): ResolvedSession | undefined {
    if (!this.entries || !this.serving) return undefined;
    const found = this.entries.get(key);
    if (!found) return undefined;
    if (found.expiresAt <= now.getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return found;
  }

  /** Taken before reading the database; `remember` then keeps the result only if still current. */
  ticket(): number {
    return this.generation;
  }

  remember(key: string, resolved: ResolvedSession, ticket: number): void {
    if (!this.entries || ticket !== this.generation || !this.serving) return;
    this.entries.set(key, resolved);
  }

  /**
   * Forgets an account's sessions here at once, when this instance made the change: the other
   * instances (and this one, again) hear it from the database a moment later.
   */
  forget(userId: string): void {
    this.forgetUser(userId);
  }

  /** Forgets every session of the account behind a session credential, if it is remembered. */
  forgetAccountOf(key: string): void {
    const userId = this.entries?.peek(key)?.actor.userId;
    if (userId !== undefined) this.forgetUser(userId);
  }

  private forgetUser(userId: string): void {
    this.generation += 1;
    this.counts.accountInvalidations += 1;
    if (!this.entries) return;
    for (const [key, resolved] of this.entries.entries())
      if (resolved.actor.userId === userId) this.entries.delete(key);
  }

  private forgetAll(): void {
    this.generation += 1;
    this.counts.fullInvalidations += 1;
    this.entries?.clear();
  }
}

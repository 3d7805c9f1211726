import { describe, expect, it } from 'vitest';
import type { ChannelEvents } from '../../platform/db/channel-listener.js';
import { createLogger } from '../../platform/logger.js';
import { ActorCache, type ResolvedSession } from './actor-cache.js';

/**
 * The rules of the actor cache in memory, with a stand-in for the listening connection (the
 * stories with two instances on a real database are in actor-cache.test.ts).
 */
function givenCache(settings = { max: 100, ttlMs: 30_000 }) {
  const connection = { events: undefined as ChannelEvents | undefined, confirmed: true };
  const cache = new ActorCache('postgres://unused', createLogger('silent'), settings, (events) => {
    connection.events = events;
    return {
      start: async () => undefined,
      stop: async () => undefined,
      confirmedWithin: () => connection.confirmed,
      get confirmedAgoMs() {
        return connection.confirmed ? 100 : undefined;
      },
      backendPid: 1,
    };
  });
  return { cache, connection, events: () => connection.events! };
}

const now = new Date('2026-12-07T10:00:00Z');
const inAnHour = now.getTime() + 3_600_000;

function sessionOf(userId: string, expiresAt = inAnHour): ResolvedSession {
  return {
    actor: {
      userId,
      role: 'member',
      name: 'Ana',
      memberId: null,
      employerId: null,
      timeZone: 'Europe/Madrid',
      twoFactorEnabled: false,
      sessionId: `session-of-${userId}`,
    },
    passwordChangeRequired: false,
    expiresAt,
  };
}

describe('the actor cache', () => {
  it('serves what it remembered while the listening connection is confirmed, and nothing otherwise', () => {
    const { cache, connection } = givenCache();
    cache.remember('ana', sessionOf('u-ana'), cache.ticket());
    expect(cache.get('ana', now)?.actor.userId).toBe('u-ana');

    connection.confirmed = false;
    expect(cache.get('ana', now)).toBeUndefined();
    cache.remember('bea', sessionOf('u-bea'), cache.ticket());
    connection.confirmed = true;
    expect(cache.get('bea', now)).toBeUndefined();
  });

  it('forgets the sessions of the account a notification names, and only those', () => {
    const { cache, events } = givenCache();
    cache.remember('ana-laptop', sessionOf('u-ana'), cache.ticket());
    cache.remember('ana-phone', sessionOf('u-ana'), cache.ticket());
    cache.remember('bea', sessionOf('u-bea'), cache.ticket());

    events().notified('u-ana');

    expect(cache.sessionsOf('u-ana')).toBe(0);
    expect(cache.get('ana-phone', now)).toBeUndefined();
    expect(cache.get('bea', now)?.actor.userId).toBe('u-bea');
  });

  it('does not put back what a read found when a change was heard while it read', () => {
    const { cache, events } = givenCache();
    const ticket = cache.ticket();
    // The read is under way; meanwhile a change is committed and heard.
    events().notified('u-ana');
    cache.remember('ana', sessionOf('u-ana'), ticket);
    expect(cache.get('ana', now)).toBeUndefined();

    cache.remember('ana', sessionOf('u-ana'), cache.ticket());
    expect(cache.get('ana', now)).toBeDefined();
  });

  it('forgets everything when the connection is lost and again when it listens anew', () => {
    const { cache, events } = givenCache();
    cache.remember('ana', sessionOf('u-ana'), cache.ticket());
    events().lost();
    expect(cache.sessionsOf('u-ana')).toBe(0);

    const ticket = cache.ticket();
    events().listening();
    cache.remember('ana', sessionOf('u-ana'), ticket);
    expect(cache.get('ana', now)).toBeUndefined();
  });

  it('never serves a session past its expiry', () => {
    const { cache } = givenCache();
    cache.remember('ana', sessionOf('u-ana', now.getTime() + 1_000), cache.ticket());
    expect(cache.get('ana', now)).toBeDefined();
    expect(cache.get('ana', new Date(now.getTime() + 1_000))).toBeUndefined();
    expect(cache.sessionsOf('u-ana')).toBe(0);
  });

  it('keeps no more sessions than its size, and none at all when turned off', () => {
    const { cache } = givenCache({ max: 2, ttlMs: 30_000 });
    for (const name of ['ana', 'bea', 'carla']) cache.remember(name, sessionOf(`u-${name}`), cache.ticket());
    expect(cache.get('ana', now)).toBeUndefined();
    expect(cache.get('carla', now)).toBeDefined();

    const off = givenCache({ max: 0, ttlMs: 30_000 }).cache;
    off.remember('ana', sessionOf('u-ana'), off.ticket());
    expect(off.get('ana', now)).toBeUndefined();
    expect(off.serving).toBe(false);
  });

  it('keys a session by a digest of its cookie, never by the cookie itself', () => {
    const key = ActorCache.keyOf('token.signature');
    expect(key).not.toContain('token');
    expect(key).toBe(ActorCache.keyOf('token.signature'));
    expect(key).not.toBe(ActorCache.keyOf('token.signaturE'));
  });
});

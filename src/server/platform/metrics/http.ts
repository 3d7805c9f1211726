import { createHash, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppError } from '../errors.js';
import type { AppInstance } from '../http/types.js';
import type { InFlightKind, Metrics } from './index.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's open requests are counted as live streams or uploads in flight (`/metrics`). */
    inFlight?: InFlightKind;
  }
}

/** Methods that carry an upload's bytes (a resumable upload's HEAD or DELETE carries none). */
const SENDING = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Times every request from its arrival to the moment its answer is finished or its connection
 * closes (a live stream, an answer the route took over itself), by the matched route's template.
 */
export function measureRequests(app: AppInstance, metrics: Metrics): void {
  app.addHook('onRequest', async (request, reply) => {
    const started = performance.now();
    const kind = request.routeOptions.config?.inFlight;
    const closeInFlight =
      kind && (kind === 'stream' || SENDING.has(request.method)) ? metrics.opened(kind) : null;
    reply.raw.once('close', () => {
      closeInFlight?.();
      metrics.observeRequest(
        request.method,
        request.routeOptions.url ?? null,
        reply.raw.statusCode,
        (performance.now() - started) / 1000,
      );
    });
  });
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics` for Prometheus, with `Authorization: Bearer <METRICS_TOKEN>`. Without the setting,
 * or without the right token, the address answers as an address with nothing at it: the figures
 * say how busy the service is, which is nobody's business but its operators'.
 */
export function metricsRoute(app: AppInstance, metrics: Metrics, token: string | undefined): void {
  const expected = token ? digest(token) : null;
  app.get(
    '/metrics',
    { schema: { hide: true }, config: { access: 'public', rateLimit: false } },
    async (request, reply) => {
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      // Compared as digests of equal length, in constant time.
      if (!expected || !given || !timingSafeEqual(digest(given), expected))
        throw new AppError('route.not_found');
      const { text, contentType } = await metrics.scrape();
      return reply.header('cache-control', 'no-store').type(contentType).send(text);
    },
  );
}

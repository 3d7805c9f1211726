import { z } from 'zod';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { isReady } from '../db/index.js';
import type { BlobStore } from '../storage/blob-store.js';
import { probeBlobStore } from '../storage/probe.js';
import type { AppInstance, PlatformDeps } from './types.js';

/** How long a probe's answer stands: a load balancer asking every second costs one probe in ten. */
const PROBE_VALID_MS = 10_000;

/**
 * A check run at most once per `PROBE_VALID_MS` (by the clock): callers in between share the last
 * answer, or the probe under way.
 */
function everyFewSeconds<T>(clock: Clock, probe: () => Promise<T>): () => Promise<T> {
  let last: { at: number; answer: Promise<T> } | undefined;
  return () => {
    const now = clock.now().getTime();
    if (!last || now - last.at >= PROBE_VALID_MS || now < last.at) last = { at: now, answer: probe() };
    return last.answer;
  };
}

export async function healthRoutes(
  app: AppInstance,
  deps: PlatformDeps,
  stores: { documents: BlobStore },
): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['service'],
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  const documentsReachable = everyFewSeconds(deps.clock, () =>
    probeBlobStore(stores.documents).then(
      () => true,
      (error: unknown) => {
        deps.log.warn({ err: error }, 'readiness: the document store failed its probe');
        return false;
      },
    ),
  );
  const mailReachable = everyFewSeconds(deps.clock, () => deps.mailer.reachable());

  app.get(
    '/api/ready',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['service'],
        summary:
          'The database is reachable and fully migrated, and the document store takes a write; the ' +
          'e-mail relay’s state is reported (mail is sent from the outbox when it answers again)',
        response: {
          200: z.object({
            status: z.literal('ready'),
            mail: z.enum(['reachable', 'unreachable', 'files']),
          }),
        },
      },
    },
    async () => {
      const [database, documents, mail] = await Promise.all([
        isReady(deps.pool).catch(() => false),
        documentsReachable(),
        deps.mailer.kind === 'file' ? Promise.resolve(true) : mailReachable(),
      ]);
      if (!database)
        throw new AppError('service.unavailable', {
          detail: 'The database is not reachable or not migrated.',
        });
      if (!documents)
        throw new AppError('service.unavailable', { detail: 'The document store is not reachable.' });
      const mailState: 'reachable' | 'unreachable' | 'files' =
        deps.mailer.kind === 'file' ? 'files' : mail ? 'reachable' : 'unreachable';
      return { status: 'ready' as const, mail: mailState };
    },
  );
}

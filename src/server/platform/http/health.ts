import { z } from 'zod';
import { AppError } from '../errors.js';
import { isReady } from '../db/index.js';
import type { AppInstance, PlatformDeps } from './types.js';

export async function healthRoutes(app: AppInstance, deps: PlatformDeps): Promise<void> {
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

  app.get(
    '/api/ready',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['service'],
        summary: 'The database is reachable and fully migrated',
        response: { 200: z.object({ status: z.literal('ready') }) },
      },
    },
    async () => {
      const ready = await isReady(deps.pool).catch(() => false);
      if (!ready)
        throw new AppError('service.unavailable', {
          detail: 'The database is not reachable or not migrated.',
        });
      return { status: 'ready' as const };
    },
  );
}

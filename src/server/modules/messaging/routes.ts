import { z } from 'zod';
import {
  CaseMessage,
  MessageDraft,
  MessagePage,
  ReadReceipt,
  ReadReceiptResult,
  UnreadCounts,
} from '../../../shared/messaging.js';
import { IdParams, IdempotencyHeaders, PageQuery } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import { answerCreated } from '../../platform/idempotency.js';
import type { AppDeps } from '../../room.js';
import * as messaging from './service.js';
import { CaseStreams } from './stream.js';

const streamPosition = z
  .string()
  .regex(/^\d{1,9}$/, { message: 'must be an id received from this stream' })
  .transform(Number);

const StreamHeaders = z.object({ 'last-event-id': streamPosition.optional() });
const StreamQuery = z
  .object({
    after: streamPosition
      .optional()
      .describe('Where to resume when the client cannot send Last-Event-ID (the header wins)'),
  })
  .strict();

export async function messagingRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  const streams = new CaseStreams({
    db: deps.db,
    bus: deps.bus,
    clock: deps.clock,
    heartbeatMs: deps.config.stream.heartbeatMs,
  });
  // Open streams would keep `app.close()` waiting for ever: end them first, clients reconnect.
  app.addHook('preClose', async () => streams.closeAll());

  app.post(
    '/api/v1/cases/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'The member (or guardian) or the assigned case manager writes to the case thread',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: MessageDraft,
        response: { 200: CaseMessage, 201: CaseMessage },
      },
    },
    async (request, reply) => {
      const result = await messaging.postMessage(request.ctx, request.params.id, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
      });
      return answerCreated(reply, result.created).send(result.message);
    },
  );

  app.get(
    '/api/v1/cases/:id/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'The case thread, newest first, with read receipts',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: MessagePage },
      },
    },
    async (request) => messaging.listMessages(request.ctx, request.params.id, request.query),
  );

  app.post(
    '/api/v1/cases/:id/messages/read-receipts',
    {
      schema: {
        tags: ['messages'],
        summary: 'Marks every message from the other side up to this one read (idempotent)',
        params: IdParams,
        body: ReadReceipt,
        response: { 200: ReadReceiptResult },
      },
    },
    async (request) => messaging.markRead(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/me/unread',
    {
      schema: {
        tags: ['messages'],
        summary: 'Messages from others you have not read, per case and in total',
        response: { 200: UnreadCounts },
      },
    },
    async (request) => messaging.unreadCounts(request.ctx),
  );

  app.get(
    '/api/v1/cases/:id/stream',
    {
      schema: {
        tags: ['messages'],
        summary:
          'Live updates of a case (text/event-stream): message.created, case.status_changed, ' +
          'document.uploaded, case.event_added; each event id is a stream position, so a reconnect ' +
          'with Last-Event-ID resumes without loss or repeats',
        params: IdParams,
        headers: StreamHeaders,
        querystring: StreamQuery,
      },
      config: { inFlight: 'stream' },
    },
    async (request, reply) => {
      const opened = await messaging.openStream(
        request.ctx,
        request.params.id,
        request.headers['last-event-id'] ?? request.query.after,
      );
      await streams.attach(reply, opened);
      return reply;
    },
  );
}

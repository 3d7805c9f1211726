import { z } from 'zod';
import {
  AccessReportQuery,
  AuditTrailPage,
  AuditTrailQuery,
  ChainVerificationResult,
  DataExport,
  PrivacyRequest,
  PrivacyRequestCreation,
  PrivacyRequestDecision,
  PrivacyRequestExtension,
  PrivacyRequestList,
} from '../../../shared/privacy.js';
import { IdParams, PageQuery } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import { accessReport, searchTrail, verifyChain } from './desk.js';
import { createRequest, decideRequest, extendRequest, listMyRequests, listRequests } from './requests.js';
import { listExports, openArchive, readExport, requestExport } from './service.js';

/** A POST that carries nothing: an empty JSON object (`{}`); anything else is refused (400). */
const NothingToSend = z.object({}).strict().optional();

export async function privacyRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  const { config } = deps;

  // --- The member's own data -----------------------------------------------------------------

  app.post(
    '/api/v1/me/data-exports',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'Ask for an archive of everything held about me (built in the background); while one is building, that one is returned',
        body: NothingToSend,
        response: { 200: DataExport, 202: DataExport },
      },
    },
    async (request, reply) => {
      const { created, value } = await requestExport(request.ctx);
      return reply.code(created ? 202 : 200).send(value);
    },
  );

  app.get(
    '/api/v1/me/data-exports',
    {
      schema: {
        tags: ['privacy'],
        summary: 'My archives, newest first',
        response: { 200: z.object({ items: z.array(DataExport) }) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: await listExports(request.ctx) };
    },
  );

  app.get(
    '/api/v1/me/data-exports/:id',
    {
      schema: {
        tags: ['privacy'],
        summary: 'One of my archives: building, ready, failed or expired',
        params: IdParams,
        response: { 200: DataExport },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return readExport(request.ctx, request.params.id);
    },
  );

  app.get(
    '/api/v1/me/data-exports/:id/archive',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Download the archive (a zip), by the account that asked for it, until it expires',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const archive = await openArchive(request.ctx, config, request.params.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-length', String(archive.sizeBytes))
        .header('content-disposition', `attachment; filename="${archive.fileName}"`)
        .header('cache-control', 'no-store')
        .send(archive.content);
    },
  );

  app.post(
    '/api/v1/me/privacy-requests',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'Ask the privacy officer to act on a right: access, rectification, erasure, restriction, objection',
        body: PrivacyRequestCreation,
        response: { 201: PrivacyRequest },
      },
    },
    async (request, reply) => reply.code(201).send(await createRequest(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/me/privacy-requests',
    {
      schema: {
        tags: ['privacy'],
        summary: 'My requests to the privacy officer, newest first',
        response: { 200: z.object({ items: z.array(PrivacyRequest) }) },
      },
    },
    async (request) => ({ items: await listMyRequests(request.ctx) }),
  );

  // --- The privacy officer's desk ------------------------------------------------------------

  app.get(
    '/api/v1/privacy-requests',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'Privacy officer: open requests by deadline (soonest first), or answered ones (newest first)',
        querystring: PageQuery.extend({ status: z.enum(['open', 'answered']).default('open') }),
        response: { 200: PrivacyRequestList },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listRequests(request.ctx, config, request.query);
    },
  );

  app.post(
    '/api/v1/privacy-requests/:id/extension',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Privacy officer: extend the deadline once, by two months, with the reason',
        params: IdParams,
        body: PrivacyRequestExtension,
        response: { 200: PrivacyRequest },
      },
    },
    async (request) => extendRequest(request.ctx, config, request.params.id, request.body),
  );

  app.post(
    '/api/v1/privacy-requests/:id/decision',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'Privacy officer: answer the request; granting an erasure erases (refused while a case is open or records are within retention, unless partially granted)',
        params: IdParams,
        body: PrivacyRequestDecision,
        response: { 200: PrivacyRequest },
      },
    },
    async (request) => decideRequest(request.ctx, config, request.params.id, request.body),
  );

  app.get(
    '/api/v1/audit-trail',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'Privacy officer: the audit trail about a member (card number) or by a staff member (e-mail), newest first',
        querystring: AuditTrailQuery,
        response: { 200: AuditTrailPage },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return searchTrail(request.ctx, request.query);
    },
  );

  app.post(
    '/api/v1/audit-trail/verification',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Privacy officer: verify the audit chain against its signed heads',
        body: NothingToSend,
        response: { 200: ChainVerificationResult },
      },
    },
    async (request) => verifyChain(request.ctx, config),
  );

  app.get(
    '/api/v1/access-reports',
    {
      schema: {
        tags: ['privacy'],
        summary: "Privacy officer: a member's access report (CSV), every access to their data",
        querystring: AccessReportQuery,
      },
    },
    async (request, reply) => {
      const csv = await accessReport(request.ctx, request.query.memberNumber);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="access-report.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}

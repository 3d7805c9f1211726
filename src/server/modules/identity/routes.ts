import { fromNodeHeaders } from 'better-auth/node';
import { z } from 'zod';
import {
  Me,
  MemberRegistration,
  PasswordChange,
  ProfileUpdate,
  StaffCreation,
  StaffRole,
  WeeklyShift,
} from '../../../shared/identity.js';
import { IdParams, PageQuery, page } from '../../platform/http/schemas.js';
import type { AppDeps, AppInstance } from '../../platform/http/types.js';
import * as identity from './service.js';

const StaffMember = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  twoFactorEnabled: z.boolean(),
  disabled: z.boolean(),
  timeZone: z.string(),
  languages: z.array(z.string()),
  weeklyShifts: z.array(WeeklyShift),
  maxOpenCases: z.number().int(),
});

export async function identityRoutes(app: AppInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/me',
    {
      config: { allowWithoutTwoFactor: true },
      schema: { tags: ['identity'], summary: 'The signed-in account and its profile', response: { 200: Me } },
    },
    async (request) => identity.getMe(request.ctx),
  );

  app.patch(
    '/api/v1/me',
    {
      config: { allowWithoutTwoFactor: true },
      schema: {
        tags: ['identity'],
        summary: 'Change name, language, time zone or country (send the current version)',
        body: ProfileUpdate,
        response: { 200: Me },
      },
    },
    async (request) => identity.updateMe(request.ctx, request.body),
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { allowWithoutTwoFactor: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['identity'],
        summary: 'Replace my password (the current one is checked); my other sessions end',
        body: PasswordChange,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { setCookies } = await identity.changePassword(request.ctx, deps.auth, {
        ...request.body,
        headers: fromNodeHeaders(request.headers),
      });
      if (setCookies.length > 0) reply.header('set-cookie', setCookies);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/member-registrations',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['identity'],
        summary: 'A member creates an account by proving membership (number and date of birth)',
        security: [],
        body: MemberRegistration,
        response: { 201: z.object({ userId: z.uuid() }) },
      },
    },
    async (request, reply) => {
      const created = await identity.registerMember(request.ctx, deps.auth, request.body);
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/v1/staff',
    {
      schema: {
        tags: ['identity'],
        summary: 'Operations create a staff account; the temporary password is shown once',
        body: StaffCreation,
        response: { 201: z.object({ userId: z.uuid(), temporaryPassword: z.string() }) },
      },
    },
    async (request, reply) => {
      const created = await identity.createStaff(request.ctx, deps.auth, request.body);
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.get(
    '/api/v1/staff',
    {
      schema: {
        tags: ['identity'],
        summary: 'Staff accounts, for operations',
        querystring: PageQuery.extend({ role: StaffRole.optional() }),
        response: { 200: page(StaffMember) },
      },
    },
    async (request) => identity.listStaff(request.ctx, request.query),
  );

  app.post(
    '/api/v1/accounts/:id/disablement',
    {
      schema: {
        tags: ['identity'],
        summary: 'Disable an account: its sessions end at once and it cannot sign in',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await identity.changeAccountStatus(request.ctx, { userId: request.params.id, disabled: true });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/accounts/:id/reinstatement',
    {
      schema: {
        tags: ['identity'],
        summary: 'Reinstate a disabled account',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await identity.changeAccountStatus(request.ctx, { userId: request.params.id, disabled: false });
      return reply.status(204).send(null);
    },
  );
}

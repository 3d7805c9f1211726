import { fromNodeHeaders } from 'better-auth/node';
import { z } from 'zod';
import {
  EmailVerification,
  Me,
  MemberRegistration,
  PasswordChange,
  PasswordReset,
  PasswordResetRequest,
  ProfileUpdate,
  StaffAbsenceCreation,
  StaffCreation,
  StaffMember,
  StaffMemberDetail,
  StaffRole,
  StaffUpdate,
} from '../../../shared/identity.js';
import { IdParams, PageQuery, page } from '../../platform/http/schemas.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { AppDeps } from '../../room.js';
import * as emailVerification from './email-verification.js';
import * as identity from './service.js';

const AbsenceParams = z.object({ id: z.uuid(), absenceId: z.uuid() }).strict();
const VersionOnly = z.object({ version: z.number().int().min(1) }).strict();

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
    async (request) => {
      const me = await identity.updateMe(request.ctx, request.body);
      deps.actorCache.forget(me.id);
      return me;
    },
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
      deps.actorCache.forget(request.ctx.actor!.userId);
      if (setCookies.length > 0) reply.header('set-cookie', setCookies);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/password-reset-requests',
    {
      config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags: ['identity'],
        summary:
          'Forgot my password: if the address has an account, its owner gets a single-use link by e-mail (the answer is the same either way)',
        security: [],
        body: PasswordResetRequest,
        response: { 202: z.null() },
      },
    },
    async (request, reply) => {
      await identity.requestPasswordReset(deps.auth, request.body);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/api/v1/password-resets',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['identity'],
        summary: "Choose a new password with a reset link's token; every session of the account ends",
        security: [],
        body: PasswordReset,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await identity.resetPassword(deps.auth, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/email-verification-requests',
    {
      config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags: ['identity'],
        summary:
          'Send me a new link that confirms my e-mail address (at most one a minute and five a day; 409 once confirmed)',
        response: { 202: z.null() },
      },
    },
    async (request, reply) => {
      await emailVerification.requestEmailVerification(request.ctx, deps.auth);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/api/v1/email-verifications',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['identity'],
        summary:
          "Confirm an e-mail address with the token of the link we sent to it (the link's fragment); no session is opened",
        security: [],
        body: EmailVerification,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await emailVerification.verifyEmailAddress(request.ctx, deps.auth, request.body);
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

  app.get(
    '/api/v1/staff/:id',
    {
      schema: {
        tags: ['identity'],
        summary: 'One staff account, with its absences that have not ended, for operations',
        params: IdParams,
        response: { 200: StaffMemberDetail },
      },
    },
    async (request) => identity.getStaffMember(request.ctx, request.params.id),
  );

  app.patch(
    '/api/v1/staff/:id',
    {
      schema: {
        tags: ['identity'],
        summary: "Change a staff member's name, time zone, languages, weekly shifts or capacity",
        params: IdParams,
        body: StaffUpdate,
        response: { 200: StaffMemberDetail },
      },
    },
    async (request) => {
      const staff = await identity.updateStaff(request.ctx, request.params.id, request.body);
      deps.actorCache.forget(request.params.id);
      return staff;
    },
  );

  app.post(
    '/api/v1/staff/:id/password-reset',
    {
      schema: {
        tags: ['identity'],
        summary:
          "Operations give a staff member a new temporary password (shown once); the staff member's sessions end",
        params: IdParams,
        response: { 200: z.object({ temporaryPassword: z.string() }) },
      },
    },
    async (request, reply) => {
      const reset = await identity.resetStaffPassword(request.ctx, deps.auth, request.params.id);
      deps.actorCache.forget(request.params.id);
      return reply.header('cache-control', 'no-store').send(reset);
    },
  );

  app.post(
    '/api/v1/staff/:id/absences',
    {
      schema: {
        tags: ['identity'],
        summary: 'Record a period away (out of office): assignment skips it, clocks reassign at breach',
        params: IdParams,
        body: StaffAbsenceCreation,
        response: { 201: StaffMemberDetail },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await identity.addStaffAbsence(request.ctx, request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/staff/:id/absences/:absenceId',
    {
      schema: {
        tags: ['identity'],
        summary: 'Remove an absence (send the staff version in the body)',
        params: AbsenceParams,
        body: VersionOnly,
        response: { 200: StaffMemberDetail },
      },
    },
    async (request) =>
      identity.removeStaffAbsence(request.ctx, {
        userId: request.params.id,
        absenceId: request.params.absenceId,
        version: request.body.version,
      }),
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
      deps.actorCache.forget(request.params.id);
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
      deps.actorCache.forget(request.params.id);
      return reply.status(204).send(null);
    },
  );
}

import { z } from 'zod';
import { CaseSummary } from '../../shared/cases';
import { Me, type MemberRegistration, type ProfileUpdate } from '../../shared/identity';
import { HealthcareHub } from '../../shared/register';
import { pageOf, request } from './client';

/** The endpoints the web app uses, typed by the shared schemas (see docs/api.md). */

const SignInAnswer = z.union([
  z.object({ twoFactorRedirect: z.literal(true) }),
  z.looseObject({ user: z.looseObject({ id: z.string() }) }),
]);
export type SignInAnswer = z.infer<typeof SignInAnswer>;

export const api = {
  me: () => request('GET', '/api/v1/me', Me),
  updateMe: (update: ProfileUpdate) => request('PATCH', '/api/v1/me', Me, update),
  signIn: (email: string, password: string) =>
    request('POST', '/api/auth/sign-in/email', SignInAnswer, { email, password }),
  verifyTotp: (code: string) => request('POST', '/api/auth/two-factor/verify-totp', z.unknown(), { code }),
  signOut: () => request('POST', '/api/auth/sign-out', z.unknown(), {}),
  register: (registration: z.input<typeof MemberRegistration>) =>
    request('POST', '/api/v1/member-registrations', z.object({ userId: z.uuid() }), registration),
  healthcareHub: () => request('GET', '/api/v1/me/healthcare-hub', HealthcareHub),
  myCases: () => request('GET', '/api/v1/cases?limit=50', pageOf(CaseSummary)),
};

export const queryKeys = {
  me: ['me'] as const,
  hub: ['me', 'healthcare-hub'] as const,
  myCases: ['cases', 'mine'] as const,
};

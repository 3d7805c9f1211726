import { z } from 'zod';
import { PlanKind, Relationship, VirtualCareService } from './plans.js';

export const ServiceOnPlan = z.object({ service: VirtualCareService, source: z.enum(['plan', 'employer']) });

/**
 * Whether a person may ask for a second opinion today (the rule a request would be refused by,
 * else `eligible`): said on the hub and before the request form, not after its last step.
 */
export const OpinionEligibility = z.enum([
  'eligible',
  'eligibility.membership_not_in_force',
  'eligibility.service_not_on_plan',
]);
export type OpinionEligibility = z.infer<typeof OpinionEligibility>;

export const HealthcareHub = z.object({
  member: z.object({
    id: z.uuid(),
    givenName: z.string(),
    familyName: z.string(),
    memberNumber: z.string(),
    relationship: Relationship,
  }),
  membership: z.object({
    membershipNumber: z.string(),
    status: z.enum(['in_force', 'not_started', 'lapsed']),
    startDate: z.string(),
    endDate: z.string().nullable(),
  }),
  plan: z.object({ code: z.string(), name: z.string(), kind: PlanKind }),
  employer: z.object({ name: z.string() }).nullable(),
  services: z.array(ServiceOnPlan),
  secondOpinion: OpinionEligibility,
  dependants: z.array(
    z.object({
      id: z.uuid(),
      givenName: z.string(),
      familyName: z.string(),
      relationship: Relationship,
      secondOpinion: OpinionEligibility,
    }),
  ),
});
export type HealthcareHub = z.infer<typeof HealthcareHub>;

export const MemberRecord = z.object({
  id: z.uuid(),
  memberNumber: z.string(),
  relationship: Relationship,
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  country: z.string(),
  preferredLanguage: z.string(),
  guardianMemberId: z.uuid().nullable(),
  membership: HealthcareHub.shape.membership,
  plan: HealthcareHub.shape.plan,
  services: z.array(ServiceOnPlan),
});
export type MemberRecord = z.infer<typeof MemberRecord>;

export const EmployerOverview = z.object({
  id: z.uuid(),
  name: z.string(),
  country: z.string(),
  addedServices: z.array(VirtualCareService),
  coveredMembers: z.number().int(),
  memberships: z.number().int(),
});
export type EmployerOverview = z.infer<typeof EmployerOverview>;

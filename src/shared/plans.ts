import { z } from 'zod';

export const virtualCareServices = ['second_medical_opinion', 'virtual_doctor', 'mind_health'] as const;
export const VirtualCareService = z.enum(virtualCareServices);
export type VirtualCareService = z.infer<typeof VirtualCareService>;

export const planKinds = ['individual', 'family', 'company'] as const;
export const PlanKind = z.enum(planKinds);
export type PlanKind = z.infer<typeof PlanKind>;

export const relationships = ['holder', 'spouse', 'partner', 'child', 'other_dependant'] as const;
export const Relationship = z.enum(relationships);
export type Relationship = z.infer<typeof Relationship>;

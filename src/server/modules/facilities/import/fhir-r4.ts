import type * as fhir4 from 'fhir/r4.js';
import { z } from 'zod';
import type { FacilityKind } from '../../../../shared/facilities.js';
import type { FieldNames } from './check.js';

/**
 * The part of FHIR R4 a facilities file is read from, after the Da Vinci PDex Plan-Net provider
 * directory guide: a Location (with its `position`) is one facility, its managing Organization
 * names it when the Location does not, and the HealthcareServices offered at it give its services
 * and languages. What the guide has no element for travels in extensions of ours.
 */
export const facilityFhirProfile = {
  /** The specialty taxonomy's code system (the specialists' import uses the same one). */
  specialtySystem: 'urn:consilium:fhir:specialty',
  languageSystem: 'urn:ietf:bcp:47',
  /** Location.type: HOSP hospital, OF outpatient facility (clinic), DX diagnostics unit. */
  locationTypeSystem: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  /** The core extension for a Location's IANA time zone (valueCode). */
  timeZoneExtension: 'http://hl7.org/fhir/StructureDefinition/timezone',
  accreditationExtension: 'urn:consilium:fhir:accreditation',
  directBillingExtension: 'urn:consilium:fhir:direct-billing',
  directBillingSinceExtension: 'urn:consilium:fhir:direct-billing-since',
} as const;

export const locationTypes: Record<string, FacilityKind> = {
  HOSP: 'hospital',
  GACH: 'hospital',
  OF: 'clinic',
  DX: 'diagnostic_centre',
  RADDX: 'diagnostic_centre',
};
export const kindLocationType: Record<FacilityKind, string> = {
  hospital: 'HOSP',
  clinic: 'OF',
  diagnostic_centre: 'DX',
};

// Enough of R4 to refuse what is not R4 (a wrong resourceType, arrays where R4 has arrays), never
// more than we use.
const Extension = z.looseObject({
  url: z.string(),
  valueCode: z.string().optional(),
  valueBoolean: z.boolean().optional(),
  valueDate: z.string().optional(),
});
const Coding = z.looseObject({ system: z.string().optional(), code: z.string().optional() });
const CodeableConcept = z.looseObject({ coding: z.array(Coding).optional(), text: z.string().optional() });
const Identifier = z.looseObject({ system: z.string().optional(), value: z.string().optional() });
const Reference = z.looseObject({ reference: z.string().optional() });
const ContactPoint = z.looseObject({
  system: z.enum(['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other']).optional(),
  value: z.string().optional(),
});
const Address = z.looseObject({
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});
const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { message: 'must be a time hh:mm:ss' });
export const Location = z.looseObject({
  resourceType: z.literal('Location'),
  id: z.string().optional(),
  extension: z.array(Extension).optional(),
  identifier: z.array(Identifier).optional(),
  name: z.string().optional(),
  type: z.array(CodeableConcept).optional(),
  telecom: z.array(ContactPoint).optional(),
  address: Address.optional(),
  position: z.looseObject({ longitude: z.number(), latitude: z.number() }).optional(),
  managingOrganization: Reference.optional(),
  hoursOfOperation: z
    .array(
      z.looseObject({
        daysOfWeek: z.array(z.enum(days)).optional(),
        allDay: z.boolean().optional(),
        openingTime: Time.optional(),
        closingTime: Time.optional(),
      }),
    )
    .optional(),
});
export const Organization = z.looseObject({
  resourceType: z.literal('Organization'),
  id: z.string().optional(),
  extension: z.array(Extension).optional(),
  name: z.string().optional(),
  telecom: z.array(ContactPoint).optional(),
});
export const HealthcareService = z.looseObject({
  resourceType: z.literal('HealthcareService'),
  id: z.string().optional(),
  providedBy: Reference.optional(),
  location: z.array(Reference).optional(),
  specialty: z.array(CodeableConcept).optional(),
  communication: z.array(CodeableConcept).optional(),
});
const bundleTypes = [
  'document',
  'message',
  'transaction',
  'transaction-response',
  'batch',
  'batch-response',
  'history',
  'searchset',
  'collection',
] as const;
export const Bundle = z.looseObject({
  resourceType: z.literal('Bundle', { error: 'resourceType must be "Bundle"' }),
  type: z.enum(bundleTypes, { error: `type must be one of ${bundleTypes.join(', ')}` }),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().optional(),
        resource: z
          .looseObject({ resourceType: z.string({ error: 'every resource has a resourceType' }) })
          .optional(),
      }),
    )
    .optional(),
});

export type FhirLocation = z.infer<typeof Location>;
export type FhirOrganization = z.infer<typeof Organization>;
export type FhirHealthcareService = z.infer<typeof HealthcareService>;

export const fhirDays = days;

/** Where each field of a facility is read from in FHIR, as problems name it. */
export const fhirFieldNames: FieldNames = {
  id: 'Location.identifier',
  name: 'Location.name',
  kind: 'Location.type',
  address: 'Location.address.line',
  city: 'Location.address.city',
  country: 'Location.address.country',
  latitude: 'Location.position.latitude',
  longitude: 'Location.position.longitude',
  time_zone: 'Location.extension(timezone)',
  services: 'HealthcareService.specialty',
  languages: 'HealthcareService.communication',
  opening_hours: 'Location.hoursOfOperation',
  accreditations: 'Location.extension(accreditation)',
  direct_billing: 'Location.extension(direct-billing)',
  direct_billing_since: 'Location.extension(direct-billing-since)',
  phone: 'Location.telecom(phone)',
  email: 'Location.telecom(email)',
  website: 'Location.telecom(url)',
};

// The shapes above are checked against the maintained FHIR R4 types: a field read with a type R4
// does not give it fails to compile.
type ReadsAsR4<Ours, R4> = Ours extends R4 ? true : never;
const locationReadsAsR4: ReadsAsR4<FhirLocation, fhir4.Location> = true;
const organizationReadsAsR4: ReadsAsR4<FhirOrganization, fhir4.Organization> = true;
const serviceReadsAsR4: ReadsAsR4<FhirHealthcareService, fhir4.HealthcareService> = true;
void [locationReadsAsR4, organizationReadsAsR4, serviceReadsAsR4];

import type * as fhir4 from 'fhir/r4.js';
import { z } from 'zod';
import type { FieldNames } from './draft.js';

/** The extensions and code systems of our FHIR profile (see docs/specialists.md). */
export const fhirProfile = {
  specialtySystem: 'urn:consilium:fhir:specialty',
  conditionExtension: 'urn:consilium:fhir:condition-expertise',
  capacityExtension: 'urn:consilium:fhir:weekly-capacity',
  yearsExtension: 'urn:consilium:fhir:years-in-practice',
  licenceCountryExtension: 'urn:consilium:fhir:licence-country',
  geolocationExtension: 'http://hl7.org/fhir/StructureDefinition/geolocation',
  languageSystem: 'urn:ietf:bcp:47',
} as const;

// The structure of what we read, checked with zod: enough of R4 to refuse what is not R4 (a wrong
// resourceType, a Bundle without a type, arrays where R4 has arrays), never more than we use.
export interface ExtensionShape {
  url: string;
  valueCode?: string | undefined;
  valueInteger?: number | undefined;
  valueDecimal?: number | undefined;
  valueString?: string | undefined;
  valueBoolean?: boolean | undefined;
  extension?: ExtensionShape[] | undefined;
}
const Extension: z.ZodType<ExtensionShape> = z.lazy(() =>
  z.looseObject({
    url: z.string(),
    valueCode: z.string().optional(),
    valueInteger: z.number().int().optional(),
    valueDecimal: z.number().optional(),
    valueString: z.string().optional(),
    valueBoolean: z.boolean().optional(),
    extension: z.array(Extension).optional(),
  }),
);
const Coding = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
const CodeableConcept = z.looseObject({ coding: z.array(Coding).optional(), text: z.string().optional() });
const Identifier = z.looseObject({ system: z.string().optional(), value: z.string().optional() });
const Reference = z.looseObject({ reference: z.string().optional(), display: z.string().optional() });
const Address = z.looseObject({
  city: z.string().optional(),
  country: z.string().optional(),
  extension: z.array(Extension).optional(),
});
const HumanName = z.looseObject({
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
});
export const Practitioner = z.looseObject({
  resourceType: z.literal('Practitioner'),
  id: z.string().optional(),
  extension: z.array(Extension).optional(),
  identifier: z.array(Identifier).optional(),
  active: z.boolean().optional(),
  name: z.array(HumanName).optional(),
  address: z.array(Address).optional(),
  communication: z.array(CodeableConcept).optional(),
  qualification: z
    .array(
      z.looseObject({
        identifier: z.array(Identifier).optional(),
        code: CodeableConcept,
        issuer: Reference.optional(),
        extension: z.array(Extension).optional(),
      }),
    )
    .optional(),
});
export const PractitionerRole = z.looseObject({
  resourceType: z.literal('PractitionerRole'),
  id: z.string().optional(),
  active: z.boolean().optional(),
  practitioner: Reference.optional(),
  organization: Reference.optional(),
  specialty: z.array(CodeableConcept).optional(),
  extension: z.array(Extension).optional(),
});
export const Organization = z.looseObject({
  resourceType: z.literal('Organization'),
  id: z.string().optional(),
  name: z.string().optional(),
  address: z.array(Address).optional(),
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

export type FhirPractitioner = z.infer<typeof Practitioner>;
export type FhirRole = z.infer<typeof PractitionerRole>;
export type FhirOrganization = z.infer<typeof Organization>;

/** Where each field of a specialist is read from in FHIR, as problems name it. */
export const fhirFieldNames: FieldNames = {
  name: 'Practitioner.name',
  title: 'Practitioner.name.prefix',
  institution: 'PractitionerRole.organization',
  country: 'Practitioner.address.country',
  city: 'Practitioner.address.city',
  latitude: 'Practitioner.address.extension(geolocation).latitude',
  longitude: 'Practitioner.address.extension(geolocation).longitude',
  licence_country: 'Practitioner.qualification.extension(licence-country)',
  licence_number: 'Practitioner.qualification.identifier',
  licensed_countries: 'Practitioner.qualification.extension(licence-country)',
  languages: 'Practitioner.communication',
  specialties: 'PractitionerRole.specialty',
  subspecialties: 'PractitionerRole.specialty',
  conditions: 'PractitionerRole.extension(condition-expertise)',
  accepts_reviews: 'PractitionerRole.active',
  years_in_practice: 'Practitioner.extension(years-in-practice)',
  weekly_capacity: 'PractitionerRole.extension(weekly-capacity)',
  fhir_identifier: 'Practitioner.identifier',
  reviews_completed: 'Practitioner',
  median_turnaround_hours: 'Practitioner',
  rating_average: 'Practitioner',
  rating_count: 'Practitioner',
};

// The shapes above are checked against the maintained FHIR R4 types: a field read with a type R4
// does not give it fails to compile.
type ReadsAsR4<Ours, R4> = Ours extends R4 ? true : never;
const practitionerReadsAsR4: ReadsAsR4<FhirPractitioner, fhir4.Practitioner> = true;
const roleReadsAsR4: ReadsAsR4<FhirRole, fhir4.PractitionerRole> = true;
const organizationReadsAsR4: ReadsAsR4<z.infer<typeof Organization>, fhir4.Organization> = true;
void [practitionerReadsAsR4, roleReadsAsR4, organizationReadsAsR4];

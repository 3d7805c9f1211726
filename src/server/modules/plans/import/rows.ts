import { z } from 'zod';
import { CountryCode, IsoDate, LanguageTag } from '../../../../shared/identity.js';
import {
  planKinds,
  relationships,
  virtualCareServices,
  type PlanKind,
  type Relationship,
  type VirtualCareService,
} from '../../../../shared/plans.js';
import { listItems } from '../../../platform/import/csv.js';
import type { ImportProblem, RawRow, RegisterFile, RegisterKind } from './file.js';

/** The rows of a register file, each checked on its own. */

export interface PlanRow {
  line: number;
  insurerCode: string;
  insurerName: string;
  planCode: string;
  planName: string;
  kind: PlanKind;
  services: VirtualCareService[];
}

export interface EmployerRow {
  line: number;
  employerCode: string;
  name: string;
  country: string;
  addedServices: VirtualCareService[];
}

export interface MemberRow {
  line: number;
  membershipNumber: string;
  planCode: string;
  employerCode: string | null;
  startDate: string;
  endDate: string | null;
  memberNumber: string;
  relationship: Relationship;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  country: string;
  preferredLanguage: string;
  guardianMemberNumber: string | null;
}

const Code = z
  .string({ error: 'must be text' })
  .max(40, { error: 'must be at most 40 characters' })
  .regex(/^\S+$/, { error: 'must not contain spaces' });
const Name = z.string({ error: 'must be text' }).max(200, { error: 'must be at most 200 characters' });
// The shape is checked before the shared schema sees the value: its region lookup throws on
// anything but two letters.
const Country = z
  .string({ error: 'must be text' })
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 country code such as "ES"' })
  .pipe(CountryCode);
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });

/** A `;`-separated list in CSV (an array is accepted in JSON); may be empty. */
const ServiceList = z
  .union([z.string(), z.array(z.string())], { error: 'must be a list of services separated by ";"' })
  .optional()
  .transform((value, ctx) => {
    const items = listItems(value);
    const known: readonly string[] = virtualCareServices;
    const unknown = items.filter((item) => !known.includes(item));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `${unknown.map((item) => `"${item}"`).join(', ')} ${unknown.length === 1 ? 'is not a service' : 'are not services'}; the services are ${virtualCareServices.join(', ')}`,
      });
      return z.NEVER;
    }
    return virtualCareServices.filter((service) => items.includes(service));
  });

export const PlanFields = z.strictObject({
  insurer_code: Code,
  insurer_name: Name,
  plan_code: Code,
  plan_name: Name,
  kind: choice(planKinds),
  services: ServiceList,
});

export const EmployerFields = z.strictObject({
  employer_code: Code,
  name: Name,
  country: Country,
  added_services: ServiceList,
});

export const MemberFields = z.strictObject({
  membership_number: Code,
  plan_code: Code,
  employer_code: Code.optional(),
  start_date: IsoDate,
  end_date: IsoDate.optional(),
  member_number: Code,
  relationship: choice(relationships),
  given_name: Name,
  family_name: Name,
  date_of_birth: IsoDate,
  country: Country,
  preferred_language: LanguageTag,
  guardian_member_number: Code.optional(),
});

/** Blank values are absent values; numbers in JSON files are read as the codes they stand for. */
export function normalise(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => {
      if (typeof value === 'string') return [key, value.trim() === '' ? undefined : value.trim()];
      if (typeof value === 'number' && Number.isFinite(value)) return [key, String(value)];
      return [key, value ?? undefined];
    }),
  );
}

/** Checks one row on its own; reports problems in the file's own (snake_case) field names. */
export function checkFields<S extends z.ZodType>(
  schema: S,
  row: RawRow,
  kind: RegisterKind,
): { data: z.output<S>; problems: [] } | { data: undefined; problems: ImportProblem[] } {
  if (row.defect)
    return { data: undefined, problems: [{ line: row.line, field: 'row', reason: row.defect }] };
  const values = normalise(row.values);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { data: parsed.data, problems: [] };
  const problems = parsed.error.issues.flatMap((issue): ImportProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        line: row.line,
        field: key,
        reason: `is not a field of a ${kind} file`,
      }));
    }
    const field = String(issue.path[0] ?? 'row');
    const reason = values[field] === undefined ? 'is required' : issue.message;
    return [{ line: row.line, field, reason }];
  });
  return { data: undefined, problems };
}

/** A key as written in the row, before the row is checked: rows with errors still group. */
export function rawKey(row: RawRow, field: string): string | undefined {
  const value = normalise(row.values)[field];
  return typeof value === 'string' ? value : undefined;
}

/** The distinct values of a column across the file, as written: the keys to look up in the register. */
export function keysIn(file: RegisterFile, ...fields: string[]): string[] {
  const keys = new Set<string>();
  for (const row of file.rows) {
    for (const field of fields) {
      const key = rawKey(row, field);
      if (key !== undefined) keys.add(key);
    }
  }
  return [...keys];
}

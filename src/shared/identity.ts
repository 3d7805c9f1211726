import { z } from 'zod';
import { isCountryCode } from './countries.js';
import { canonicalTimeZone, isSupportedTimeZone } from './timeZones.js';

export const roles = [
  'member',
  'case_manager',
  'specialist',
  'ops',
  'employer_admin',
  'privacy_officer',
  'moderator',
  'cover_assessor',
] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const staffRoles = [
  'case_manager',
  'specialist',
  'ops',
  'employer_admin',
  'privacy_officer',
  /** Members' service reviews: their words and stars, never a case. */
  'moderator',
  /** Insurer staff who decide pre-authorisations: the request, never the rest of the case. */
  'cover_assessor',
] as const;
export const StaffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof StaffRole>;

export const isStaffRole = (role: Role): role is StaffRole => role !== 'member';

export { productLocales } from './locales.js';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
// Codes ISO 639 keeps for what is not one language: several, undetermined, none, not coded; and
// the root of CLDR's locale tree.
const notOneLanguage = new Set(['mul', 'und', 'zxx', 'mis', 'root']);

/**
 * A well-formed BCP 47 tag whose language is one that exists (`xx` is well formed and no one
 * speaks it: ISO 639 has no such language), and whose region, if it names a country, names one of
 * today's (`en-UK` is not; `en-GB` and `es-419` are).
 */
export function isLanguageTag(value: string): boolean {
  let locale: Intl.Locale;
  try {
    const canonical = Intl.getCanonicalLocales(value);
    if (canonical.length !== 1) return false;
    locale = new Intl.Locale(canonical[0] as string);
  } catch {
    return false;
  }
  if (notOneLanguage.has(locale.language)) return false;
  let named: string | undefined;
  try {
    named = languageNames.of(locale.language);
  } catch {
    return false;
  }
  if (named === undefined) return false;
  return locale.region === undefined || !/^[A-Z]{2}$/.test(locale.region) || isCountryCode(locale.region);
}

export const LanguageTag = z
  .string()
  .min(2)
  .max(35)
  .refine(isLanguageTag, {
    message: 'must be the BCP 47 tag of a known language, such as "es" or "zh-CN"',
  })
  .transform((value) => Intl.getCanonicalLocales(value)[0] as string);

/** An IANA time zone, stored by its current name (an old one such as "Asia/Calcutta" is renamed). */
export const TimeZone = z
  .string()
  .refine(isSupportedTimeZone, {
    message: 'must be an IANA time zone such as "Europe/Madrid"',
  })
  .transform(canonicalTimeZone);

export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code such as "ES"' })
  .refine(isCountryCode, {
    message: 'is not a country code ISO 3166-1 assigns today (for the United Kingdom, "GB")',
  });

export const Email = z
  .email({ message: 'must be an e-mail address' })
  .max(254)
  .transform((v) => v.toLowerCase());
export const Password = z.string().min(12, { message: 'must be at least 12 characters' }).max(128);
export const IsoDate = z.iso.date({ message: 'must be a date in the form YYYY-MM-DD' });

/**
 * How the member likes to be reached. The same words and shape as a case request's contact
 * fields (`contactChannel`, `preferredContactWindows` in cases.ts), kept here because the case
 * schemas build on this file; the request form starts from these.
 */
export const preferredContactChannels = ['phone', 'video', 'message'] as const;
export const PreferredContactChannel = z.enum(preferredContactChannels);

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time such as 18:30' });

export const ContactTimeWindow = z
  .object({
    days: z
      .array(z.number().int().min(0).max(6))
      .min(1)
      .max(7)
      .refine((days) => new Set(days).size === days.length, { message: 'name each day once' })
      .describe('0 = Sunday … 6 = Saturday, in the member’s time zone'),
    from: clockTime,
    to: clockTime,
  })
  .strict()
  .refine((window) => window.from < window.to, { message: 'must end after it starts', path: ['to'] });
export type ContactTimeWindow = z.infer<typeof ContactTimeWindow>;

/**
 * A phone number as a person writes it (spaces, dashes, brackets, a leading '+' or a trunk '0').
 * The server reads it for a country (libphonenumber's rules) and keeps it in E.164.
 */
export const PhoneNumberInput = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[+]?[0-9 ().\-/]+$/, {
    message: 'must be a phone number: digits, spaces, dashes, and + in front',
  });

/** A phone number as the server keeps it: E.164, and written the international way for reading. */
export const PhoneNumber = z.object({
  e164: z.string().describe("E.164, such as '+6591234567'; a `tel:` link takes it as it is"),
  international: z.string().describe("For reading, such as '+65 9123 4567'"),
});
export type PhoneNumber = z.infer<typeof PhoneNumber>;

export const ContactPreferences = z
  .object({
    channel: PreferredContactChannel.nullable().describe('null: no preference given'),
    windows: z.array(ContactTimeWindow).max(14).describe("In the profile's time zone"),
  })
  .strict();
export type ContactPreferences = z.infer<typeof ContactPreferences>;

export const ProfileUpdate = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    locale: LanguageTag.optional(),
    timeZone: TimeZone.optional(),
    country: CountryCode.optional(),
    contactPreferences: ContactPreferences.optional().describe('Replaces the saved preferences whole'),
    phone: PhoneNumberInput.nullable()
      .optional()
      .describe("The member's number, local to `country` or international with '+'; null removes it"),
    version: z.number().int().min(1),
  })
  .strict();
export type ProfileUpdate = z.infer<typeof ProfileUpdate>;

export const Me = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: Role,
  locale: z.string(),
  timeZone: z.string(),
  country: z.string().nullable(),
  contactPreferences: ContactPreferences,
  phone: PhoneNumber.nullable().describe('The number a new request starts from'),
  twoFactorEnabled: z.boolean(),
  twoFactorRequired: z.boolean(),
  passwordChangeRequired: z.boolean(),
  /** The owner followed the link that confirms their address; a member needs it to send a case. */
  emailVerified: z.boolean(),
  memberId: z.uuid().nullable(),
  version: z.number().int(),
});
export type Me = z.infer<typeof Me>;

/** The token of the link that confirms an e-mail address (from the link's fragment). */
export const EmailVerification = z.object({ token: z.string().trim().min(16).max(2048) }).strict();
export type EmailVerification = z.infer<typeof EmailVerification>;

export const PasswordChange = z
  .object({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(12).max(128) })
  .strict()
  .refine((change) => change.currentPassword !== change.newPassword, {
    message: 'choose a password different from the current one',
    path: ['newPassword'],
  });

/** "Forgot your password?": the answer is the same whether or not the address has an account. */
export const PasswordResetRequest = z.object({ email: Email }).strict();
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

/** A new password chosen through the link of a reset e-mail (the same rule as at sign-up). */
export const PasswordReset = z
  .object({ token: z.string().trim().min(16).max(128), newPassword: Password })
  .strict();
export type PasswordReset = z.infer<typeof PasswordReset>;

export const MemberRegistration = z
  .object({
    membershipNumber: z.string().trim().min(3).max(40),
    dateOfBirth: IsoDate,
    email: Email,
    password: Password,
    locale: LanguageTag.default('en'),
    timeZone: TimeZone.default('UTC'),
  })
  .strict();
export type MemberRegistration = z.infer<typeof MemberRegistration>;

export const WeeklyShift = z
  .object({
    day: z
      .number()
      .int()
      .min(0)
      .max(6)
      .describe("0 = Sunday … 6 = Saturday, in the staff member's time zone"),
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time such as 08:30' }),
    end: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, { message: 'must be a time such as 17:00' }),
  })
  .strict()
  .refine((shift) => shift.start < shift.end, { message: 'a shift must end after it starts', path: ['end'] });
export type WeeklyShift = z.infer<typeof WeeklyShift>;

export const StaffCreation = z
  .object({
    email: Email,
    name: z.string().trim().min(1).max(200),
    role: StaffRole,
    locale: LanguageTag.optional().describe(
      "The account's language. Default: for a specialist, the first of the record's languages the product speaks; else en",
    ),
    timeZone: TimeZone.default('UTC'),
    country: CountryCode.optional().describe("Default: for a specialist, the record's country"),
    languages: z
      .array(LanguageTag)
      .min(1)
      .max(20)
      .optional()
      .describe("Default: for a specialist, the record's languages; else en"),
    weeklyShifts: z.array(WeeklyShift).max(50).default([]),
    maxOpenCases: z.number().int().min(0).max(500).default(40),
    employerId: z.uuid().optional().describe('Required for an employer admin: the company they administer'),
    specialistId: z
      .uuid({ message: 'must be an id (UUID)' })
      .optional()
      .describe('Required for a specialist: the network record this desk account is for'),
  })
  .strict()
  .refine((staff) => (staff.role === 'employer_admin') === (staff.employerId !== undefined), {
    message: 'an employer admin needs an employerId, and only an employer admin has one',
    path: ['employerId'],
  })
  .refine((staff) => (staff.role === 'specialist') === (staff.specialistId !== undefined), {
    message: 'a specialist needs the specialistId of their network record, and only a specialist has one',
    path: ['specialistId'],
  });
export type StaffCreation = z.infer<typeof StaffCreation>;

/** What operations may change of a staff member; send the version the edit was based on. */
export const StaffUpdate = z
  .object({
    version: z.number().int().min(1),
    name: z.string().trim().min(1).max(200).optional(),
    timeZone: TimeZone.optional(),
    languages: z.array(LanguageTag).min(1).max(20).optional(),
    weeklyShifts: z.array(WeeklyShift).max(50).optional(),
    maxOpenCases: z.number().int().min(0).max(500).optional(),
  })
  .strict()
  .refine((update) => Object.keys(update).length > 1, {
    message: 'change at least one field',
    path: ['version'],
  });
export type StaffUpdate = z.infer<typeof StaffUpdate>;

export const StaffAbsence = z.object({
  id: z.uuid(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  reason: z.string().nullable(),
});

/** A period away (leave, training): assignment skips the person, clocks reassign their cases. */
export const StaffAbsenceCreation = z
  .object({
    version: z.number().int().min(1),
    startsAt: z.iso.datetime({ message: 'must be an ISO 8601 time in UTC' }),
    endsAt: z.iso.datetime({ message: 'must be an ISO 8601 time in UTC' }),
    reason: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((absence) => absence.startsAt < absence.endsAt, {
    message: 'an absence must end after it starts',
    path: ['endsAt'],
  });
export type StaffAbsenceCreation = z.infer<typeof StaffAbsenceCreation>;

export const StaffMember = z.object({
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
  version: z.number().int(),
});
export type StaffMember = z.infer<typeof StaffMember>;

/** One staff member with their absences that have not ended. */
export const StaffMemberDetail = StaffMember.extend({ absences: z.array(StaffAbsence) });
export type StaffMemberDetail = z.infer<typeof StaffMemberDetail>;

import type { Me, StaffMember, StaffMemberDetail } from '../../../shared/identity.js';
import { isStaffRole } from '../../../shared/identity.js';
import { presentPhone } from '../../platform/phone.js';
import type { upcomingAbsencesOf } from '../assignment/index.js';
import type * as repo from './repo.js';

/** The identity room's answers: an account's own view of itself, and staff as operations see them. */

export function presentMe(row: NonNullable<Awaited<ReturnType<typeof repo.findMe>>>): Me {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    locale: row.locale,
    timeZone: row.timeZone,
    country: row.country,
    contactPreferences: { channel: row.preferredContactChannel, windows: row.preferredContactWindows },
    phone: presentPhone(row.phone),
    twoFactorEnabled: row.twoFactorEnabled,
    twoFactorRequired: isStaffRole(row.role),
    passwordChangeRequired: row.passwordChangeRequired,
    emailVerified: row.emailVerified,
    memberId: row.memberId,
    version: row.version,
  };
}

export function presentStaff(row: repo.StaffRow): StaffMember {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    twoFactorEnabled: row.twoFactorEnabled,
    disabled: row.disabled !== null,
    timeZone: row.timeZone,
    languages: row.languages ?? [],
    weeklyShifts: row.weeklyShifts ?? [],
    maxOpenCases: row.maxOpenCases ?? 0,
    version: row.version,
  };
}

export function presentStaffDetail(
  row: repo.StaffRow,
  absences: Awaited<ReturnType<typeof upcomingAbsencesOf>>,
): StaffMemberDetail {
  return {
    ...presentStaff(row),
    absences: absences.map((absence) => ({
      id: absence.id,
      startsAt: absence.startsAt.toISOString(),
      endsAt: absence.endsAt.toISOString(),
      reason: absence.reason,
    })),
  };
}

import type { PlanKind, Relationship, VirtualCareService } from '../../../../shared/plans.js';
import type { EmployerRow, MemberRow, PlanRow } from './rows.js';

/** What the register holds for the keys a file names, to tell new rows from changed and unchanged. */
export interface ExistingRegister {
  insurers: Map<string, { name: string }>;
  plans: Map<string, { insurerCode: string; name: string; kind: PlanKind; services: VirtualCareService[] }>;
  employers: Map<string, { name: string; country: string; addedServices: VirtualCareService[] }>;
  memberships: Map<
    string,
    { planCode: string; employerCode: string | null; startDate: string; endDate: string | null }
  >;
  members: Map<
    string,
    {
      membershipNumber: string;
      relationship: Relationship;
      givenName: string;
      familyName: string;
      dateOfBirth: string;
      country: string;
      preferredLanguage: string;
      guardianMemberNumber: string | null;
    }
  >;
}

export type ChangeAction = 'create' | 'update' | 'unchanged';
export interface Change<T> {
  action: ChangeAction;
  entry: T;
}
export interface ChangeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface MembershipEntry {
  membershipNumber: string;
  planCode: string;
  employerCode: string | null;
  startDate: string;
  endDate: string | null;
}

export interface RegisterChanges {
  insurers: Change<{ code: string; name: string }>[];
  plans: Change<PlanRow>[];
  employers: Change<EmployerRow>[];
  memberships: Change<MembershipEntry>[];
  /** In write order: a guardian comes before the people they act for. */
  members: Change<MemberRow>[];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

function changeOf<T>(entry: T, existing: unknown, same: () => boolean): Change<T> {
  if (existing === undefined) return { action: 'create', entry };
  return { action: same() ? 'unchanged' : 'update', entry };
}

const noChanges = (): RegisterChanges => ({
  insurers: [],
  plans: [],
  employers: [],
  memberships: [],
  members: [],
});

export function planChanges(rows: PlanRow[], existing: ExistingRegister): RegisterChanges {
  const insurers = new Map<string, string>();
  for (const row of rows) if (!insurers.has(row.insurerCode)) insurers.set(row.insurerCode, row.insurerName);
  return {
    ...noChanges(),
    insurers: [...insurers].map(([code, name]) => {
      const found = existing.insurers.get(code);
      return changeOf({ code, name }, found, () => found?.name === name);
    }),
    plans: rows.map((row) => {
      const found = existing.plans.get(row.planCode);
      return changeOf(
        row,
        found,
        () =>
          found !== undefined &&
          found.insurerCode === row.insurerCode &&
          found.name === row.planName &&
          found.kind === row.kind &&
          sameSet(found.services, row.services),
      );
    }),
  };
}

export function employerChanges(rows: EmployerRow[], existing: ExistingRegister): RegisterChanges {
  return {
    ...noChanges(),
    employers: rows.map((row) => {
      const found = existing.employers.get(row.employerCode);
      return changeOf(
        row,
        found,
        () =>
          found !== undefined &&
          found.name === row.name &&
          found.country === row.country &&
          sameSet(found.addedServices, row.addedServices),
      );
    }),
  };
}

export function memberChanges(rows: MemberRow[], existing: ExistingRegister): RegisterChanges {
  const memberships = new Map<string, MembershipEntry>();
  for (const row of rows) {
    if (memberships.has(row.membershipNumber)) continue;
    const { membershipNumber, planCode, employerCode, startDate, endDate } = row;
    memberships.set(membershipNumber, { membershipNumber, planCode, employerCode, startDate, endDate });
  }
  return {
    ...noChanges(),
    memberships: [...memberships.values()].map((entry) => {
      const found = existing.memberships.get(entry.membershipNumber);
      return changeOf(
        entry,
        found,
        () =>
          found !== undefined &&
          found.planCode === entry.planCode &&
          found.employerCode === entry.employerCode &&
          found.startDate === entry.startDate &&
          found.endDate === entry.endDate,
      );
    }),
    members: guardiansFirst(rows).map((row) => {
      const found = existing.members.get(row.memberNumber);
      return changeOf(
        row,
        found,
        () =>
          found !== undefined &&
          found.membershipNumber === row.membershipNumber &&
          found.relationship === row.relationship &&
          found.givenName === row.givenName &&
          found.familyName === row.familyName &&
          found.dateOfBirth === row.dateOfBirth &&
          found.country === row.country &&
          found.preferredLanguage === row.preferredLanguage &&
          found.guardianMemberNumber === row.guardianMemberNumber,
      );
    }),
  };
}

/** Orders rows so that a guardian in the file is written before the members they act for. */
function guardiansFirst(rows: MemberRow[]): MemberRow[] {
  const byNumber = new Map(rows.map((row) => [row.memberNumber, row]));
  const ordered: MemberRow[] = [];
  const placed = new Set<string>();
  const place = (row: MemberRow, depth: number) => {
    if (placed.has(row.memberNumber)) return;
    const guardian = row.guardianMemberNumber === null ? undefined : byNumber.get(row.guardianMemberNumber);
    // Loops were rejected by validation; the depth limit only guards against a caller that skipped it.
    if (guardian && depth < rows.length) place(guardian, depth + 1);
    placed.add(row.memberNumber);
    ordered.push(row);
  };
  for (const row of rows) place(row, 0);
  return ordered;
}

export function countChanges<T>(changes: Change<T>[]): ChangeCounts {
  return {
    created: changes.filter((change) => change.action === 'create').length,
    updated: changes.filter((change) => change.action === 'update').length,
    unchanged: changes.filter((change) => change.action === 'unchanged').length,
  };
}

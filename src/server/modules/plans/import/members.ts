import { relationships, type PlanKind } from '../../../../shared/plans.js';
import type { RawRow, RegisterFile } from './file.js';
import { MemberFields, rawKey, type MemberRow } from './rows.js';
import {
  checkEachRow,
  firstLines,
  unreadable,
  validationOf,
  type Findings,
  type RegisterValidation,
} from './validate.js';

/**
 * Checking a members file. A membership is imported whole or not at all, and its rows must agree:
 * one holder, one plan, employer and term, guardians on the same membership.
 */

/** What the register already holds that a members file may refer to. */
export interface MemberReferences {
  plans: Map<string, { kind: PlanKind }>;
  employers: Set<string>;
  /** Members not (or not only) in the file: their membership, for the guardian rule. */
  members: Map<string, { membershipNumber: string }>;
}

/**
 * Checks a members file: every row alone, then the rules between rows. A membership is imported
 * whole or not at all, so one bad row rejects every row of its membership.
 *
 * `today` is the date (YYYY-MM-DD) no date of birth may be after.
 */
export function validateMembers(
  file: RegisterFile,
  references: MemberReferences,
  today: string,
): RegisterValidation<MemberRow> {
  const failed = unreadable<MemberRow>(file);
  if (failed) return failed;
  const { findings, parsed } = checkEachRow(file, MemberFields, 'members', (line, data): MemberRow => ({
    line,
    membershipNumber: data.membership_number,
    planCode: data.plan_code,
    employerCode: data.employer_code ?? null,
    startDate: data.start_date,
    endDate: data.end_date ?? null,
    memberNumber: data.member_number,
    relationship: data.relationship,
    givenName: data.given_name,
    familyName: data.family_name,
    dateOfBirth: data.date_of_birth,
    country: data.country,
    preferredLanguage: data.preferred_language,
    guardianMemberNumber: data.guardian_member_number ?? null,
  }));
  for (const member of parsed) checkMemberRow(member, references, today, findings);

  const memberNumbers = firstLines(file.rows, (row) => rawKey(row, 'member_number'));
  for (const { row, key, firstLine } of memberNumbers.duplicates) {
    findings.add({
      line: row.line,
      field: 'member_number',
      reason: `member ${key} is already on line ${firstLine}`,
    });
  }
  const membershipOfRow = new Map(file.rows.map((row) => [row.line, rawKey(row, 'membership_number')]));
  const membershipOfMemberInFile = (memberNumber: string) => {
    const line = memberNumbers.first.get(memberNumber);
    return line === undefined ? undefined : membershipOfRow.get(line);
  };

  checkMembershipsAgree(file.rows, parsed, findings);
  checkGuardians(parsed, references, membershipOfMemberInFile, findings);

  // No membership is half imported: the rows of a membership with an error are all rejected.
  const badMemberships = new Map<string, number>();
  for (const row of file.rows) {
    const membershipNumber = membershipOfRow.get(row.line);
    if (
      membershipNumber !== undefined &&
      findings.isRejected(row.line) &&
      !badMemberships.has(membershipNumber)
    ) {
      badMemberships.set(membershipNumber, row.line);
    }
  }
  for (const row of file.rows) {
    const membershipNumber = membershipOfRow.get(row.line);
    const badLine = membershipNumber === undefined ? undefined : badMemberships.get(membershipNumber);
    if (badLine !== undefined && !findings.isRejected(row.line)) {
      findings.add({
        line: row.line,
        field: 'membership_number',
        reason: `not imported: membership ${membershipNumber} has an error on line ${badLine}`,
      });
    }
  }
  return validationOf(file, parsed, findings);
}

function checkMemberRow(member: MemberRow, references: MemberReferences, today: string, findings: Findings) {
  const { line } = member;
  if (member.endDate !== null && member.endDate < member.startDate) {
    findings.add({ line, field: 'end_date', reason: `is before the start date ${member.startDate}` });
  }
  if (member.dateOfBirth > today) findings.add({ line, field: 'date_of_birth', reason: 'is in the future' });
  const plan = references.plans.get(member.planCode);
  if (!plan)
    findings.add({ line, field: 'plan_code', reason: `there is no plan ${member.planCode} in the register` });
  if (member.employerCode !== null && !references.employers.has(member.employerCode)) {
    findings.add({
      line,
      field: 'employer_code',
      reason: `there is no employer ${member.employerCode} in the register`,
    });
  }
  if (plan?.kind === 'company' && member.employerCode === null) {
    findings.add({
      line,
      field: 'employer_code',
      reason: `is required: ${member.planCode} is a company plan`,
    });
  }
  if (plan && plan.kind !== 'company' && member.employerCode !== null) {
    findings.add({
      line,
      field: 'employer_code',
      reason: `must be empty: ${member.planCode} is a ${plan.kind} plan, not a company plan`,
    });
  }
}

/** One holder per membership, and one plan, employer and term for all its rows. */
function checkMembershipsAgree(rows: RawRow[], parsed: MemberRow[], findings: Findings) {
  const holders = new Map<string, number>();
  const firstRow = new Map<string, number>();
  // A row that could not be split into fields, or whose relationship is not one we know, may be
  // the holder: "no holder" would only repeat its error.
  const uncertain = new Set<string>();
  const known: readonly string[] = relationships;
  for (const row of rows) {
    const membershipNumber = rawKey(row, 'membership_number');
    if (membershipNumber === undefined) continue;
    if (row.defect || !known.includes(rawKey(row, 'relationship') ?? '')) uncertain.add(membershipNumber);
    if (!firstRow.has(membershipNumber)) firstRow.set(membershipNumber, row.line);
    if (row.defect || rawKey(row, 'relationship') !== 'holder') continue;
    const holderLine = holders.get(membershipNumber);
    if (holderLine === undefined) holders.set(membershipNumber, row.line);
    else
      findings.add({
        line: row.line,
        field: 'relationship',
        reason: `membership ${membershipNumber} already has a holder on line ${holderLine}`,
      });
  }
  for (const [membershipNumber, line] of firstRow) {
    if (!holders.has(membershipNumber) && !uncertain.has(membershipNumber))
      findings.add({ line, field: 'relationship', reason: `membership ${membershipNumber} has no holder` });
  }

  const reference = new Map<string, MemberRow>();
  const terms: { field: string; value: (row: MemberRow) => string | null }[] = [
    { field: 'plan_code', value: (row) => row.planCode },
    { field: 'employer_code', value: (row) => row.employerCode },
    { field: 'start_date', value: (row) => row.startDate },
    { field: 'end_date', value: (row) => row.endDate },
  ];
  for (const row of parsed) {
    const first = reference.get(row.membershipNumber);
    if (!first) {
      reference.set(row.membershipNumber, row);
      continue;
    }
    for (const { field, value } of terms) {
      if (value(row) !== value(first)) {
        findings.add({
          line: row.line,
          field,
          reason: `differs from line ${first.line} of membership ${row.membershipNumber} (${value(first) ?? 'empty'})`,
        });
      }
    }
  }
}

/** A guardian is a member of the same membership, in the file or already in the register. */
function checkGuardians(
  parsed: MemberRow[],
  references: MemberReferences,
  membershipOfMemberInFile: (memberNumber: string) => string | undefined,
  findings: Findings,
) {
  const guardianOf = new Map<string, string>();
  for (const row of parsed) {
    const guardian = row.guardianMemberNumber;
    if (guardian === null) continue;
    if (guardian === row.memberNumber) {
      findings.add({
        line: row.line,
        field: 'guardian_member_number',
        reason: 'cannot be the member themselves',
      });
      continue;
    }
    const guardianMembership =
      membershipOfMemberInFile(guardian) ?? references.members.get(guardian)?.membershipNumber;
    if (guardianMembership === undefined) {
      findings.add({
        line: row.line,
        field: 'guardian_member_number',
        reason: `there is no member ${guardian} in this file or the register`,
      });
    } else if (guardianMembership !== row.membershipNumber) {
      findings.add({
        line: row.line,
        field: 'guardian_member_number',
        reason: `member ${guardian} is on membership ${guardianMembership}, not on ${row.membershipNumber}`,
      });
    } else {
      guardianOf.set(row.memberNumber, guardian);
    }
  }
  // Guardians are written before the people they act for, so they cannot go round in a loop.
  for (const row of parsed) {
    const chain = new Set<string>([row.memberNumber]);
    let current = guardianOf.get(row.memberNumber);
    while (current !== undefined && !chain.has(current)) {
      chain.add(current);
      current = guardianOf.get(current);
    }
    if (current === row.memberNumber) {
      findings.add({
        line: row.line,
        field: 'guardian_member_number',
        reason: `guardians go round in a loop (${[...chain].join(' -> ')})`,
      });
    }
  }
}

import { describe, expect, it } from 'vitest';
import {
  dateIn,
  eligibilityFor,
  membershipStatus,
  servicesOnPlan,
  type CoverageFacts,
} from './eligibility.js';

function facts(overrides: {
  startDate?: string;
  endDate?: string | null;
  kind?: CoverageFacts['plan']['kind'];
  services?: CoverageFacts['plan']['services'];
  employerAdds?: CoverageFacts['plan']['services'] | null;
}): CoverageFacts {
  return {
    membership: { startDate: overrides.startDate ?? '2024-01-01', endDate: overrides.endDate ?? null },
    plan: {
      kind: overrides.kind ?? 'individual',
      services: overrides.services ?? ['second_medical_opinion'],
    },
    employer:
      overrides.employerAdds === undefined || overrides.employerAdds === null
        ? null
        : { addedServices: overrides.employerAdds },
  };
}

describe('membershipStatus', () => {
  const ending = facts({ startDate: '2024-03-01', endDate: '2024-12-31' });

  it('is not started the day before the start date and in force on it', () => {
    expect(membershipStatus(ending, '2024-02-29')).toBe('not_started');
    expect(membershipStatus(ending, '2024-03-01')).toBe('in_force');
  });

  it('is in force on the end date and lapsed the day after', () => {
    expect(membershipStatus(ending, '2024-12-31')).toBe('in_force');
    expect(membershipStatus(ending, '2025-01-01')).toBe('lapsed');
  });

  it('never lapses without an end date', () => {
    const open = facts({ startDate: '2020-01-01', endDate: null });
    expect(membershipStatus(open, '2099-12-31')).toBe('in_force');
    expect(membershipStatus(open, '2019-12-31')).toBe('not_started');
  });

  it('is in force on its only day when it starts and ends the same day', () => {
    const oneDay = facts({ startDate: '2024-06-15', endDate: '2024-06-15' });
    expect(membershipStatus(oneDay, '2024-06-14')).toBe('not_started');
    expect(membershipStatus(oneDay, '2024-06-15')).toBe('in_force');
    expect(membershipStatus(oneDay, '2024-06-16')).toBe('lapsed');
  });
});

describe('servicesOnPlan', () => {
  it('lists what the plan has, in the fixed product order, whatever order the plan stores', () => {
    expect(
      servicesOnPlan(facts({ services: ['mind_health', 'second_medical_opinion', 'virtual_doctor'] })),
    ).toEqual([
      { service: 'second_medical_opinion', source: 'plan' },
      { service: 'virtual_doctor', source: 'plan' },
      { service: 'mind_health', source: 'plan' },
    ]);
  });

  it('marks what the employer added, and lists a service both have once, as part of the plan', () => {
    const company = facts({
      kind: 'company',
      services: ['second_medical_opinion', 'virtual_doctor'],
      employerAdds: ['mind_health', 'virtual_doctor'],
    });
    expect(servicesOnPlan(company)).toEqual([
      { service: 'second_medical_opinion', source: 'plan' },
      { service: 'virtual_doctor', source: 'plan' },
      { service: 'mind_health', source: 'employer' },
    ]);
  });

  it('is empty for a plan with no Virtual Care and no employer', () => {
    expect(servicesOnPlan(facts({ services: [], employerAdds: null }))).toEqual([]);
  });
});

describe('eligibilityFor', () => {
  const company = facts({
    kind: 'company',
    startDate: '2024-01-01',
    endDate: '2024-12-31',
    services: ['second_medical_opinion'],
    employerAdds: ['mind_health'],
  });

  it('lets a member in force use a service of the plan or one their employer added', () => {
    expect(eligibilityFor(company, 'second_medical_opinion', '2024-01-01')).toEqual({ eligible: true });
    expect(eligibilityFor(company, 'mind_health', '2024-12-31')).toEqual({ eligible: true });
  });

  it('refuses a service neither the plan nor the employer has', () => {
    expect(eligibilityFor(company, 'virtual_doctor', '2024-06-01')).toEqual({
      eligible: false,
      reason: 'eligibility.service_not_on_plan',
    });
  });

  it('refuses before the start and after the end, saying the membership is the reason', () => {
    for (const day of ['2023-12-31', '2025-01-01']) {
      expect(eligibilityFor(company, 'second_medical_opinion', day)).toEqual({
        eligible: false,
        reason: 'eligibility.membership_not_in_force',
      });
    }
    // A lapsed membership is the reason even for a service that is not on the plan either.
    expect(eligibilityFor(company, 'virtual_doctor', '2025-01-01')).toEqual({
      eligible: false,
      reason: 'eligibility.membership_not_in_force',
    });
  });
});

describe('dateIn', () => {
  it('is the calendar date of the instant where the member is', () => {
    const lateEvening = new Date('2024-12-31T23:30:00Z');
    expect(dateIn(lateEvening, 'UTC')).toBe('2024-12-31');
    expect(dateIn(lateEvening, 'Europe/Madrid')).toBe('2025-01-01');
    expect(dateIn(lateEvening, 'America/New_York')).toBe('2024-12-31');
    expect(dateIn(lateEvening, 'Asia/Kolkata')).toBe('2025-01-01');
  });

  it('crosses midnight backwards west of UTC', () => {
    const earlyMorning = new Date('2025-01-01T03:00:00Z');
    expect(dateIn(earlyMorning, 'UTC')).toBe('2025-01-01');
    expect(dateIn(earlyMorning, 'America/Los_Angeles')).toBe('2024-12-31');
    expect(dateIn(earlyMorning, 'Pacific/Honolulu')).toBe('2024-12-31');
  });

  it('handles half-hour offsets and the date line on both sides', () => {
    const instant = new Date('2024-02-28T10:15:00Z');
    expect(dateIn(instant, 'Pacific/Kiritimati')).toBe('2024-02-29');
    expect(dateIn(instant, 'Pacific/Pago_Pago')).toBe('2024-02-27');
    expect(dateIn(new Date('2024-02-28T18:29:59Z'), 'Asia/Kolkata')).toBe('2024-02-28');
    expect(dateIn(new Date('2024-02-28T18:30:00Z'), 'Asia/Kolkata')).toBe('2024-02-29');
  });

  it('decides whether a membership is in force on the day it is for the member', () => {
    const ending = facts({ startDate: '2024-01-01', endDate: '2024-12-31' });
    // 23:30 UTC on the last day: still in force in New York, already lapsed in Madrid.
    const instant = new Date('2024-12-31T23:30:00Z');
    expect(membershipStatus(ending, dateIn(instant, 'America/New_York'))).toBe('in_force');
    expect(membershipStatus(ending, dateIn(instant, 'Europe/Madrid'))).toBe('lapsed');
  });
});

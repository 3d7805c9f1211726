import { describe, expect, it } from 'vitest';
import { caseStatuses, type CaseStatus } from '../../../shared/cases.js';
import { roles, type Role } from '../../../shared/identity.js';
import {
  decide,
  isOpen,
  lifecycle,
  relationOf,
  type CaseEventName,
  type GuardFacts,
  type Relation,
} from './lifecycle.js';

/**
 * The lifecycle as the product describes it, written out independently of the table in
 * lifecycle.ts: for each event, the states it may start from, where it leads and who may cause
 * it. Every other (event, state) pair is refused.
 */
const expected: Record<
  CaseEventName,
  { from: CaseStatus[]; to: CaseStatus; by: Relation[]; guardFacts?: GuardFacts }
> = {
  assign: { from: ['submitted'], to: 'assigned', by: ['system', 'operations'] },
  record_first_contact: { from: ['assigned'], to: 'contacted', by: ['assigned_case_manager'] },
  start_gathering: { from: ['contacted'], to: 'gathering_information', by: ['assigned_case_manager'] },
  // Operations may ask for a review on the case manager's behalf (the review room checks the rest).
  request_review: {
    from: ['contacted', 'gathering_information'],
    to: 'under_review',
    by: ['assigned_case_manager', 'operations'],
  },
  complete_review: {
    from: ['under_review'],
    to: 'opinion_ready',
    by: ['system'],
    guardFacts: { allOpinionsIn: true },
  },
  cancel_review: { from: ['under_review'], to: 'gathering_information', by: ['system'] },
  deliver_recommendations: {
    from: ['contacted', 'gathering_information', 'opinion_ready'],
    to: 'recommendations_delivered',
    by: ['assigned_case_manager'],
    guardFacts: { hasRecommendations: true, withoutReviewReasonGiven: true },
  },
  start_monitoring: {
    from: ['recommendations_delivered'],
    to: 'monitoring',
    by: ['assigned_case_manager'],
  },
  refer: {
    from: ['recommendations_delivered', 'monitoring'],
    to: 'monitoring',
    by: ['assigned_case_manager'],
  },
  close: {
    from: ['contacted', 'gathering_information', 'opinion_ready', 'recommendations_delivered', 'monitoring'],
    to: 'closed',
    by: ['assigned_case_manager'],
    guardFacts: { reasonGiven: true },
  },
  withdraw: {
    from: [
      'submitted',
      'assigned',
      'contacted',
      'gathering_information',
      'under_review',
      'opinion_ready',
      'recommendations_delivered',
      'monitoring',
    ],
    to: 'withdrawn',
    by: ['member', 'guardian'],
    guardFacts: { reasonGiven: true },
  },
};

const events = Object.keys(expected) as CaseEventName[];
const relations: Relation[] = [
  'system',
  'assigned_case_manager',
  'member',
  'guardian',
  'operations',
  'other',
];

describe('the lifecycle table', () => {
  it('covers exactly the documented events', () => {
    expect(Object.keys(lifecycle).sort()).toEqual([...events].sort());
  });

  describe.each(events)('%s', (event) => {
    const rule = expected[event];
    const permitted = rule.by[0]!;

    it.each(caseStatuses.map((status) => [status, rule.from.includes(status)] as const))(
      'from %s: allowed = %s',
      (status, allowed) => {
        const decision = decide(event, status, permitted, rule.guardFacts);
        expect(decision).toEqual(
          allowed
            ? { allowed: true, from: status, to: rule.to }
            : { allowed: false, reason: 'case.transition_not_allowed' },
        );
      },
    );

    it.each(relations.map((relation) => [relation, rule.by.includes(relation)] as const))(
      'by %s: permitted = %s',
      (relation, isPermitted) => {
        const decision = decide(event, rule.from[0]!, relation, rule.guardFacts);
        if (isPermitted) expect(decision).toMatchObject({ allowed: true, to: rule.to });
        else expect(decision).toEqual({ allowed: false, reason: 'case.not_permitted' });
      },
    );
  });
});

describe('the guards', () => {
  it.each([
    ['withdraw', 'assigned', 'member', 'case.reason_required'],
    ['withdraw', 'monitoring', 'guardian', 'case.reason_required'],
    ['close', 'monitoring', 'assigned_case_manager', 'case.reason_required'],
    ['deliver_recommendations', 'contacted', 'assigned_case_manager', 'case.recommendations_missing'],
    ['deliver_recommendations', 'opinion_ready', 'assigned_case_manager', 'case.recommendations_missing'],
    ['complete_review', 'under_review', 'system', 'case.opinions_outstanding'],
  ] as const)('%s from %s by %s without its fact: %s', (event, status, relation, reason) => {
    expect(decide(event, status, relation)).toEqual({ allowed: false, reason });
    expect(decide(event, status, relation, {})).toEqual({ allowed: false, reason });
  });

  it('explicitly false facts are refused the same way', () => {
    expect(decide('withdraw', 'submitted', 'member', { reasonGiven: false })).toEqual({
      allowed: false,
      reason: 'case.reason_required',
    });
    expect(
      decide('deliver_recommendations', 'contacted', 'assigned_case_manager', {
        hasRecommendations: false,
      }),
    ).toEqual({ allowed: false, reason: 'case.recommendations_missing' });
    expect(decide('complete_review', 'under_review', 'system', { allOpinionsIn: false })).toEqual({
      allowed: false,
      reason: 'case.opinions_outstanding',
    });
  });

  it('recommendations without a specialist review need a recorded reason; after a review they do not', () => {
    for (const status of ['contacted', 'gathering_information'] as const) {
      expect(
        decide('deliver_recommendations', status, 'assigned_case_manager', { hasRecommendations: true }),
      ).toEqual({
        allowed: false,
        reason: 'case.without_review_reason_required',
      });
      expect(
        decide('deliver_recommendations', status, 'assigned_case_manager', {
          hasRecommendations: true,
          withoutReviewReasonGiven: true,
        }),
      ).toMatchObject({ allowed: true, to: 'recommendations_delivered' });
    }
    expect(
      decide('deliver_recommendations', 'opinion_ready', 'assigned_case_manager', {
        hasRecommendations: true,
      }),
    ).toMatchObject({ allowed: true, to: 'recommendations_delivered' });
  });

  it('a fact that belongs to another event does not satisfy the guard', () => {
    expect(decide('close', 'contacted', 'assigned_case_manager', { hasRecommendations: true })).toEqual({
      allowed: false,
      reason: 'case.reason_required',
    });
    expect(decide('complete_review', 'under_review', 'system', { reasonGiven: true })).toEqual({
      allowed: false,
      reason: 'case.opinions_outstanding',
    });
  });

  it('events without a guard need no facts', () => {
    expect(decide('assign', 'submitted', 'system')).toMatchObject({ allowed: true, to: 'assigned' });
    expect(decide('record_first_contact', 'assigned', 'assigned_case_manager')).toMatchObject({
      allowed: true,
    });
    expect(decide('start_gathering', 'contacted', 'assigned_case_manager')).toMatchObject({ allowed: true });
    expect(decide('request_review', 'gathering_information', 'assigned_case_manager')).toMatchObject({
      allowed: true,
    });
    expect(decide('cancel_review', 'under_review', 'system')).toMatchObject({
      allowed: true,
      to: 'gathering_information',
    });
    expect(decide('start_monitoring', 'recommendations_delivered', 'assigned_case_manager')).toMatchObject({
      allowed: true,
    });
  });

  it('a referral follows the recommendations and keeps the case in monitoring', () => {
    expect(decide('refer', 'recommendations_delivered', 'assigned_case_manager')).toMatchObject({
      allowed: true,
      to: 'monitoring',
    });
    expect(decide('refer', 'monitoring', 'assigned_case_manager')).toMatchObject({
      allowed: true,
      to: 'monitoring',
    });
    expect(decide('refer', 'opinion_ready', 'assigned_case_manager')).toMatchObject({ allowed: false });
    expect(decide('refer', 'closed', 'assigned_case_manager')).toMatchObject({ allowed: false });
    expect(decide('refer', 'monitoring', 'member')).toMatchObject({ allowed: false });
  });

  it('who may act is decided before the state, and the state before the guard', () => {
    // A stranger learns nothing about the case's state; a wrong state says so before the guard.
    expect(decide('close', 'submitted', 'other')).toEqual({ allowed: false, reason: 'case.not_permitted' });
    expect(decide('close', 'submitted', 'assigned_case_manager')).toEqual({
      allowed: false,
      reason: 'case.transition_not_allowed',
    });
    expect(decide('withdraw', 'closed', 'member')).toEqual({
      allowed: false,
      reason: 'case.transition_not_allowed',
    });
  });
});

describe('terminal states', () => {
  const allFacts: GuardFacts = { reasonGiven: true, hasRecommendations: true, allOpinionsIn: true };

  it.each(['closed', 'withdrawn'] as const)('nothing leaves %s, whoever asks', (status) => {
    expect(isOpen(status)).toBe(false);
    for (const event of events) {
      for (const relation of relations) {
        expect(decide(event, status, relation, allFacts).allowed).toBe(false);
      }
    }
  });

  it('every other state is open, and something can leave it', () => {
    for (const status of caseStatuses.filter((s) => s !== 'closed' && s !== 'withdrawn')) {
      expect(isOpen(status)).toBe(true);
      const exits = events.filter((event) => decide(event, status, expected[event].by[0]!, allFacts).allowed);
      expect(exits).not.toHaveLength(0);
    }
  });

  it('every state can be reached from submitted', () => {
    const reached = new Set<CaseStatus>(['submitted']);
    for (let grew = true; grew;) {
      grew = false;
      for (const event of events) {
        for (const from of expected[event].from) {
          if (reached.has(from) && !reached.has(expected[event].to)) {
            reached.add(expected[event].to);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...caseStatuses].sort());
  });
});

describe('relationOf', () => {
  const managerId = 'user-manager';
  const kase = { caseManagerUserId: managerId, requestedByUserId: 'user-parent', memberId: 'member-child' };
  const actor = (role: Role, userId = 'user-x', memberId: string | null = null) => ({
    userId,
    role,
    memberId,
  });

  it('no actor is the system (jobs, clocks, assignment)', () => {
    expect(relationOf(null, kase)).toBe('system');
  });

  it('operations are operations, whatever else holds', () => {
    expect(relationOf(actor('ops'), kase)).toBe('operations');
    expect(relationOf(actor('ops', managerId), kase, { isGuardian: true })).toBe('operations');
  });

  it('a case manager is the assigned one only for their own case', () => {
    expect(relationOf(actor('case_manager', managerId), kase)).toBe('assigned_case_manager');
    expect(relationOf(actor('case_manager', 'user-other-manager'), kase)).toBe('other');
    expect(relationOf(actor('case_manager'), { ...kase, caseManagerUserId: null })).toBe('other');
  });

  it('a case manager who handed the case over is its former case manager, and may do nothing with it', () => {
    const former = actor('case_manager', 'user-former-manager');
    expect(relationOf(former, kase, { wasCaseManager: true })).toBe('former_case_manager');
    // The case manager it is assigned to now stays the assigned one.
    expect(relationOf(actor('case_manager', managerId), kase, { wasCaseManager: true })).toBe(
      'assigned_case_manager',
    );
    for (const event of Object.keys(lifecycle) as (keyof typeof lifecycle)[])
      expect(lifecycle[event].by).not.toContain('former_case_manager');
  });

  it('a member is the member for their own case, the guardian for a dependant’s', () => {
    expect(relationOf(actor('member', 'user-child', 'member-child'), kase)).toBe('member');
    expect(relationOf(actor('member', 'user-parent', 'member-parent'), kase, { isGuardian: true })).toBe(
      'guardian',
    );
    // Having asked for it is not enough: the guardianship must hold now.
    expect(relationOf(actor('member', 'user-parent', 'member-parent'), kase)).toBe('other');
    // Their own case wins over guardianship.
    expect(relationOf(actor('member', 'user-child', 'member-child'), kase, { isGuardian: true })).toBe(
      'member',
    );
    expect(relationOf(actor('member', 'user-y', null), kase)).toBe('other');
  });

  it.each(roles.filter((role) => !['ops', 'case_manager', 'member'].includes(role)))(
    '%s has no relation to a case, even when told they are a guardian or share the manager’s id',
    (role) => {
      expect(
        relationOf(actor(role, managerId, 'member-child'), kase, { isGuardian: true, wasCaseManager: true }),
      ).toBe('other');
    },
  );
});

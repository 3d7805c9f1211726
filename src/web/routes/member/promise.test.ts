import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../shared/cases.js';
import { promiseState } from './promise.js';

/** Only what the promise reads of a case. */
const caseOf = (fields: Pick<CaseDetail, 'status' | 'firstContactDueAt' | 'firstContactedAt'>) =>
  fields as CaseDetail;
const due = '2026-12-03T10:00:00.000Z';

describe('the 24-hour promise as the member reads it', () => {
  it('is kept when the first contact came by the due time, to the minute', () => {
    for (const contacted of ['2026-12-02T11:00:00.000Z', due]) {
      const kase = caseOf({ status: 'contacted', firstContactDueAt: due, firstContactedAt: contacted });
      // Whatever the time now: a kept promise stays kept.
      expect(promiseState(kase, new Date('2026-12-09T00:00:00Z'))).toBe('kept');
    }
  });

  it('is late when the first contact came after the due time', () => {
    const kase = caseOf({
      status: 'gathering_information',
      firstContactDueAt: due,
      firstContactedAt: '2026-12-03T10:00:01.000Z',
    });
    expect(promiseState(kase, new Date('2026-12-03T12:00:00Z'))).toBe('late');
  });

  it('is pending until the due time passes without a contact, then missed', () => {
    const kase = caseOf({ status: 'assigned', firstContactDueAt: due, firstContactedAt: null });
    expect(promiseState(kase, new Date('2026-12-03T09:59:59Z'))).toBe('pending');
    expect(promiseState(kase, new Date(due))).toBe('pending');
    expect(promiseState(kase, new Date('2026-12-03T10:00:01Z'))).toBe('missed');
  });

  it('is not called missed on a request the member withdrew or that was closed before any contact', () => {
    for (const status of ['withdrawn', 'closed'] as const) {
      const kase = caseOf({ status, firstContactDueAt: due, firstContactedAt: null });
      expect(promiseState(kase, new Date('2026-12-05T00:00:00Z'))).toBe('pending');
    }
  });
});

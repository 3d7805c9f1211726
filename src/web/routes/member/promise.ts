import type { CaseDetail } from '../../../shared/cases.js';

export type Promise24h = 'kept' | 'late' | 'missed' | 'pending';

/** Whether the 24-hour promise was kept: contacted by the due time, later, not yet, or not at all. */
export function promiseState(kase: CaseDetail, now: Date): Promise24h {
  const due = Date.parse(kase.firstContactDueAt);
  if (kase.firstContactedAt) return Date.parse(kase.firstContactedAt) <= due ? 'kept' : 'late';
  if (kase.status === 'withdrawn' || kase.status === 'closed') return 'pending';
  return now.getTime() > due ? 'missed' : 'pending';
}

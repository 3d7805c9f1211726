import type { StaffingPlanView } from '../../../shared/planning.js';
import type { StaffingPlanRow } from './repo.js';

export function presentStaffingPlan(row: StaffingPlanRow): StaffingPlanView {
  return {
    id: row.id,
    status: row.status as StaffingPlanView['status'],
    source: row.source as StaffingPlanView['source'],
    example: row.example as StaffingPlanView['example'],
    targetPercent: row.targetPercent,
    whatIf: row.whatIf,
    seeds: row.seeds,
    requestedAt: row.requestedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    result: row.status === 'done' ? row.result : null,
    errorCode: row.errorCode,
  };
}

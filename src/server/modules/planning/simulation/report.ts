import type {
  AssignmentRule,
  BreakingHour,
  CaseManagerFigures,
  ContactTimes,
  PromiseFigures,
  SimulationReport,
} from '../../../../shared/planning.js';
import { contactedInTime } from '../../sla/index.js';
import { hourOfWeek } from './arrivals.js';
import { HOUR_MS, MINUTE_MS, type CaseOutcome, type SimulationRun } from './model.js';

/** What the simulation counts of each case manager over the reported window. */
export interface ManagerTally {
  id: string;
  languages: string[];
  assigned: number;
  contacts: number;
  interpreterCases: number;
  peakOpenCases: number;
  busyMs: number;
  /** On-duty stretches, [start, end) pairs flattened. */
  duty: number[];
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** `Mon 03:00 UTC` for hour 3 of the week. */
export function hourLabel(hour: number): string {
  return `${DAYS[Math.floor(hour / 24)]} ${String(hour % 24).padStart(2, '0')}:00 UTC`;
}

const round = (value: number, places: number) => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};

/** Nearest-rank percentile of sorted minutes; `null` where it falls on a case never contacted. */
function percentile(sortedMinutes: number[], share: number): number | null {
  if (sortedMinutes.length === 0) return null;
  const value = sortedMinutes[Math.max(0, Math.ceil(share * sortedMinutes.length) - 1)]!;
  return Number.isFinite(value) ? round(value, 1) : null;
}

function figuresOf(cases: CaseOutcome[]): PromiseFigures {
  const minutes = cases
    .map((kase) => (kase.contactedAt === null ? Infinity : (kase.contactedAt - kase.at) / MINUTE_MS))
    .sort((a, b) => a - b);
  const within = cases.filter(
    (kase) => kase.contactedAt !== null && contactedInTime(new Date(kase.at), new Date(kase.contactedAt)),
  ).length;
  const times: ContactTimes = {
    p50: percentile(minutes, 0.5),
    p90: percentile(minutes, 0.9),
    p99: percentile(minutes, 0.99),
  };
  return {
    cases: cases.length,
    contactedWithin24h: within,
    withinShare: cases.length === 0 ? null : round(within / cases.length, 4),
    minutesToFirstContact: times,
    interpreterCases: cases.filter((kase) => kase.interpreter).length,
  };
}

function groupBy<K extends string>(
  cases: CaseOutcome[],
  key: (kase: CaseOutcome) => K,
): [K, CaseOutcome[]][] {
  const groups = new Map<K, CaseOutcome[]>();
  for (const kase of cases) {
    const name = key(kase);
    const group = groups.get(name);
    if (group) group.push(kase);
    else groups.set(name, [kase]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function overlapMs(duty: number[], from: number, to: number): number {
  let total = 0;
  for (let index = 0; index < duty.length; index += 2) {
    total += Math.max(0, Math.min(duty[index + 1]!, to) - Math.max(duty[index]!, from));
  }
  return total;
}

export function buildReport(
  run: SimulationRun,
  rule: AssignmentRule,
  allCases: CaseOutcome[],
  managers: ManagerTally[],
  counts: { unassignedAtSubmission: number },
): SimulationReport {
  const cases = allCases.filter((kase) => kase.at >= run.startsAt && kase.at < run.endsAt);
  const caseManagers: CaseManagerFigures[] = managers.map((manager) => {
    const onDutyMs = overlapMs(manager.duty, run.startsAt, run.endsAt);
    return {
      id: manager.id,
      languages: manager.languages,
      assigned: manager.assigned,
      contacts: manager.contacts,
      interpreterCases: manager.interpreterCases,
      peakOpenCases: manager.peakOpenCases,
      onDutyHours: round(onDutyMs / HOUR_MS, 1),
      busyHours: round(manager.busyMs / HOUR_MS, 1),
      utilisation: onDutyMs === 0 ? null : round(manager.busyMs / onDutyMs, 3),
    };
  });
  const breakingHours: BreakingHour[] = [];
  for (const [hour, group] of groupBy(cases, (kase) => String(hourOfWeek(kase.at)).padStart(3, '0'))) {
    const { withinShare } = figuresOf(group);
    if (withinShare !== null && withinShare < run.target) {
      const hourOfTheWeek = Number(hour);
      breakingHours.push({
        hourOfWeek: hourOfTheWeek,
        label: hourLabel(hourOfTheWeek),
        cases: group.length,
        withinShare,
      });
    }
  }
  return {
    rule,
    window: { startsAt: new Date(run.startsAt).toISOString(), endsAt: new Date(run.endsAt).toISOString() },
    ...figuresOf(cases),
    notContacted: cases.filter((kase) => kase.contactedAt === null).length,
    unassignedAtSubmission: counts.unassignedAtSubmission,
    rescuedAtBreach: cases.filter((kase) => kase.rescued).length,
    byLanguage: groupBy(cases, (kase) => kase.language).map(([language, group]) => ({
      language,
      ...figuresOf(group),
    })),
    byCountry: groupBy(cases, (kase) => kase.country).map(([country, group]) => ({
      country,
      ...figuresOf(group),
    })),
    caseManagers,
    breakingHours,
  };
}

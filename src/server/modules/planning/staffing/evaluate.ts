import { HOURS_IN_WEEK, type Scenario } from '../../../../shared/planning.js';
import { contactedInTime } from '../../sla/index.js';
import { runOf } from '../scenario.js';
import { hourOfWeek } from '../simulation/arrivals.js';
import { simulate } from '../simulation/engine.js';
import { HOUR_MS, type SimCaseManager, type SimRequest } from '../simulation/model.js';
import type { LateHour } from './patterns.js';

/*
 * One roster on one seed, reduced to what the planner reads: the cases and those contacted in time,
 * overall, by language and by hour of the week, and the late cases by language and hour. Plain
 * data in and out, so that it runs the same inline or in a worker thread (./pool.ts).
 */

export interface Tally {
  cases: number;
  within: number;
}

export interface SeedOutcome {
  seed: number;
  ours: Tally;
  byLanguage: (Tally & { language: string })[];
  /** Cases and cases contacted in time by hour of the week of submission. */
  byHour: { cases: number[]; within: number[] };
  /** Late cases by language and hour of submission. */
  late: LateHour[];
  /** The same requests under round-robin, when asked for. */
  roundRobin: Tally | null;
}

export interface EvaluationJob {
  seed: number;
  roster: SimCaseManager[];
  withRoundRobin: boolean;
}

/** Draws each seed's requests once per scenario: they do not depend on the roster. */
export function requestCache(scenario: Scenario): (seed: number) => SimRequest[] {
  const drawn = new Map<number, SimRequest[]>();
  return (seed) => {
    let requests = drawn.get(seed);
    if (!requests) drawn.set(seed, (requests = runOf({ ...scenario, seed }, []).requests));
    return requests;
  };
}

export function evaluateSeed(
  scenario: Scenario,
  requestsOf: (seed: number) => SimRequest[],
  job: EvaluationJob,
): SeedOutcome {
  const startsAt = Date.parse(scenario.startsAt);
  const run = {
    startsAt,
    endsAt: startsAt + scenario.weeks * 7 * 86_400_000,
    target: scenario.target,
    roster: job.roster,
    requests: requestsOf(job.seed),
  };
  const { report, cases = [] } = simulate(run, 'ours', { keepCases: true });
  const byHour = {
    cases: Array.from({ length: HOURS_IN_WEEK }, () => 0),
    within: Array.from({ length: HOURS_IN_WEEK }, () => 0),
  };
  const late = new Map<string, LateHour>();
  for (const outcome of cases) {
    if (outcome.at < run.startsAt || outcome.at >= run.endsAt) continue;
    const hour = hourOfWeek(outcome.at);
    byHour.cases[hour]! += 1;
    const inTime =
      outcome.contactedAt !== null && contactedInTime(new Date(outcome.at), new Date(outcome.contactedAt));
    if (inTime) {
      byHour.within[hour]! += 1;
      continue;
    }
    const hourStartsAt = Math.floor(outcome.at / HOUR_MS) * HOUR_MS;
    const key = `${outcome.language} ${hourStartsAt}`;
    const entry = late.get(key) ?? { language: outcome.language, hourStartsAt, count: 0 };
    entry.count += 1;
    late.set(key, entry);
  }
  const roundRobin = job.withRoundRobin ? simulate(run, 'round_robin').report : null;
  return {
    seed: job.seed,
    ours: { cases: report.cases, within: report.contactedWithin24h },
    byLanguage: report.byLanguage.map((entry) => ({
      language: entry.language,
      cases: entry.cases,
      within: entry.contactedWithin24h,
    })),
    byHour,
    late: [...late.values()],
    roundRobin: roundRobin ? { cases: roundRobin.cases, within: roundRobin.contactedWithin24h } : null,
  };
}

import TinyQueue from 'tinyqueue';
import type { AssignmentRule, SimulationReport } from '../../../../shared/planning.js';
import { dutyIntervals, speaks, type CandidateFacts } from '../../assignment/index.js';
import { firstContactDeadline, rescueDeadline } from '../../sla/index.js';
import { availableOnDuty, bestCandidate, MINIMUM_SHIFT_TIME_MS } from './choice.js';
import { DAY_MS, HOUR_MS, type CaseOutcome, type SimulationRun } from './model.js';
import { buildReport, type ManagerTally } from './report.js';

/*
 * The discrete-event simulation of the service: members' requests arrive, a case manager is chosen
 * at once (by the server's own ranking, or a baseline), works their queue of first contacts
 * earliest deadline first while on shift, and holds each case's place until it closes. The SLA
 * room's breach rescue moves a case whose case manager is off shift at its deadline. Cases nobody
 * could take wait for operations, who place them, oldest first, whenever a place frees or every
 * hour. No clock, no database, no chance but what the requests carry: the same run gives the same
 * report.
 */

/** How long after the last request the simulation goes on, for the late contacts to be made. */
const DRAIN_MS = 7 * DAY_MS;

const enum Kind {
  ContactMade,
  CaseClosed,
  ShiftStarts,
  Deadline,
  OperationsSweep,
}

interface SimEvent {
  at: number;
  seq: number;
  kind: Kind;
  manager: number;
  request: number;
}

/** The ranking's facts about a case manager, with their place in the roster and stretches on duty. */
interface SimFacts extends CandidateFacts {
  index: number;
  duty: number[];
}

interface Manager extends ManagerTally {
  facts: SimFacts;
  /** On-duty stretches, [start, end) pairs flattened, ascending. */
  duty: number[];
  /** Assigned cases awaiting their first contact, earliest deadline first. */
  queue: number[];
  busy: boolean;
  wakeAt: number;
}

interface CaseState extends CaseOutcome {
  deadline: number;
  manager: number;
  /** Nobody qualified at submission: the case waited for operations. */
  waited: boolean;
}

export interface SimulationResult {
  report: SimulationReport;
  /** Every request's outcome, warm-up included, when asked for. */
  cases?: CaseOutcome[];
}

export function simulate(
  run: SimulationRun,
  rule: AssignmentRule,
  options: { keepCases?: boolean } = {},
): SimulationResult {
  const horizonEnd = Math.max(run.endsAt, run.requests.at(-1)?.at ?? run.endsAt) + DRAIN_MS;
  // Duty is known a little past the last event, for the deadlines asked about near the end.
  const dutyEnd = horizonEnd + 2 * DAY_MS;
  const horizonStart = Math.min(run.startsAt, run.requests[0]?.at ?? run.startsAt) - DAY_MS;
  const managers: Manager[] = run.roster.map((entry, index) => {
    const facts: SimFacts = {
      index,
      duty: [],
      userId: entry.id,
      languages: entry.languages,
      timeZone: entry.timeZone,
      weeklyShifts: entry.weeklyShifts,
      absences: entry.absences.map((absence) => ({
        startsAt: new Date(absence.startsAt),
        endsAt: new Date(absence.endsAt),
      })),
      openCases: entry.openCases,
      maxOpenCases: entry.maxOpenCases,
      wasPreviousCaseManager: false,
    };
    const duty = dutyIntervals(facts, new Date(horizonStart), new Date(dutyEnd)).flatMap((interval) => [
      interval.start.getTime(),
      interval.end.getTime(),
    ]);
    facts.duty = duty;
    return {
      facts,
      duty,
      queue: [],
      busy: false,
      wakeAt: -1,
      id: entry.id,
      languages: entry.languages,
      assigned: 0,
      contacts: 0,
      interpreterCases: 0,
      peakOpenCases: entry.openCases,
      busyMs: 0,
    };
  });
  const allFacts = managers.map((manager) => manager.facts);
  const speakersOf = new Map<string, SimFacts[]>();
  const othersOf = new Map<string, SimFacts[]>();
  const cases: CaseState[] = run.requests.map((request) => ({
    at: request.at,
    language: request.language,
    country: request.country,
    caseManager: null,
    interpreter: false,
    assignedAt: null,
    startedAt: null,
    contactedAt: null,
    rescued: false,
    deadline: firstContactDeadline(new Date(request.at)).getTime(),
    manager: -1,
    waited: false,
  }));
  const inWindow = (at: number) => at >= run.startsAt && at < run.endsAt;

  const events = new TinyQueue<SimEvent>([], (a, b) => a.at - b.at || a.seq - b.seq);
  let seq = 0;
  const schedule = (at: number, kind: Kind, manager = -1, request = -1) => {
    if (at <= horizonEnd) events.push({ at, seq: seq++, kind, manager, request });
  };

  /* The rules. Ours is the server's ranking, asked of the speakers first (see choice.ts). */
  const speakersAndOthers = (language: string) => {
    let speakers = speakersOf.get(language);
    if (!speakers) {
      speakers = allFacts.filter((facts) => speaks(facts.languages, language));
      speakersOf.set(language, speakers);
      othersOf.set(
        language,
        allFacts.filter((facts) => !speaks(facts.languages, language)),
      );
    }
    return [speakers, othersOf.get(language) ?? []] as const;
  };
  // When each candidate could start, as the ranking computes it, but on the stretches computed once
  // for the run: the ranking is then asked only about the few tied first (see choice.ts).
  const rankedFirst = (language: string, now: number, deadline: number, excluded = -1) => {
    const request = { now: new Date(now), deadline: new Date(deadline), language };
    const best = bestCandidate(speakersAndOthers(language), request, (facts) =>
      facts.index === excluded
        ? undefined
        : availableOnDuty(facts.duty, now, deadline, MINIMUM_SHIFT_TIME_MS),
    );
    return best ? best.index : -1;
  };
  const hasRoom = (index: number) => {
    const facts = allFacts[index]!;
    return facts.openCases < facts.maxOpenCases;
  };
  let roundRobinNext = 0;
  const roundRobin = () => {
    for (let step = 0; step < managers.length; step += 1) {
      const index = (roundRobinNext + step) % managers.length;
      if (hasRoom(index)) {
        roundRobinNext = (index + 1) % managers.length;
        return index;
      }
    }
    return -1;
  };
  const languageTurn = new Map<string, number>();
  const speakerIndexes = new Map<string, number[]>();
  const languageOnly = (language: string) => {
    let speakers = speakerIndexes.get(language);
    if (!speakers) {
      speakers = speakersAndOthers(language)[0].map((facts) => facts.index);
      speakerIndexes.set(language, speakers);
    }
    const turn = languageTurn.get(language) ?? 0;
    for (let step = 0; step < speakers.length; step += 1) {
      const index = speakers[(turn + step) % speakers.length]!;
      if (hasRoom(index)) {
        languageTurn.set(language, (turn + step + 1) % speakers.length);
        return index;
      }
    }
    return roundRobin();
  };
  const choose = (kase: CaseState, now: number, deadline: number) => {
    if (rule === 'ours') return rankedFirst(kase.language, now, deadline);
    if (rule === 'language_only') return languageOnly(kase.language);
    return roundRobin();
  };

  /* Duty and work. */
  const onDutyAt = (manager: Manager, at: number) => {
    const { duty } = manager;
    let low = 0;
    let high = duty.length / 2;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (duty[middle * 2 + 1]! <= at) low = middle + 1;
      else high = middle;
    }
    if (low * 2 >= duty.length) return { onDuty: false, next: Infinity, until: at };
    const start = duty[low * 2]!;
    return start <= at
      ? { onDuty: true, next: at, until: duty[low * 2 + 1]! }
      : { onDuty: false, next: start, until: at };
  };
  const startNext = (index: number, now: number) => {
    const manager = managers[index]!;
    if (manager.busy || manager.queue.length === 0) return;
    const { onDuty, next, until } = onDutyAt(manager, now);
    if (!onDuty) {
      if (next !== Infinity && manager.wakeAt !== next) {
        manager.wakeAt = next;
        schedule(next, Kind.ShiftStarts, index);
      }
      return;
    }
    const request = manager.queue.shift()!;
    const kase = cases[request]!;
    const workMs = run.requests[request]!.contactMs;
    kase.startedAt = now;
    manager.busy = true;
    // Work begun on shift is finished, past the shift's end if need be; the time counted as busy
    // is the part on duty (utilisation is of the time on duty).
    manager.busyMs += Math.max(0, Math.min(now + workMs, until, run.endsAt) - Math.max(now, run.startsAt));
    schedule(now + workMs, Kind.ContactMade, index, request);
  };
  const enqueue = (index: number, request: number) => {
    const { queue } = managers[index]!;
    const deadline = cases[request]!.deadline;
    let at = queue.length;
    while (at > 0 && cases[queue[at - 1]!]!.deadline > deadline) at -= 1;
    queue.splice(at, 0, request);
  };
  const takePlace = (index: number, now: number) => {
    const manager = managers[index]!;
    manager.facts.openCases += 1;
    if (inWindow(now)) manager.peakOpenCases = Math.max(manager.peakOpenCases, manager.facts.openCases);
  };
  const assign = (request: number, index: number, now: number) => {
    const kase = cases[request]!;
    const manager = managers[index]!;
    takePlace(index, now);
    kase.manager = index;
    kase.caseManager = manager.id;
    kase.assignedAt = now;
    kase.interpreter = !speaks(manager.languages, kase.language);
    if (inWindow(kase.at)) {
      manager.assigned += 1;
      if (kase.interpreter) manager.interpreterCases += 1;
    }
    enqueue(index, request);
    if (kase.deadline > now) schedule(kase.deadline, Kind.Deadline, index, request);
    startNext(index, now);
  };

  /* Operations: the cases nobody could take, placed oldest first. */
  let waiting: number[] = [];
  let sweepAt = -1;
  const sweep = (now: number) => {
    if (waiting.length === 0) return;
    const stuck = new Set<string>();
    waiting = waiting.filter((request) => {
      const kase = cases[request]!;
      if (stuck.has(kase.language)) return true;
      const index = choose(kase, now, Math.max(kase.deadline, rescueDeadline(new Date(now)).getTime()));
      if (index < 0) {
        stuck.add(kase.language);
        return true;
      }
      assign(request, index, now);
      return false;
    });
    if (waiting.length > 0) {
      const next = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
      if (sweepAt < next) {
        sweepAt = next;
        schedule(next, Kind.OperationsSweep);
      }
    }
  };
  const waitForOperations = (request: number, now: number) => {
    cases[request]!.waited = true;
    waiting.push(request);
    const next = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
    if (sweepAt < next) {
      sweepAt = next;
      schedule(next, Kind.OperationsSweep);
    }
  };
  const releasePlace = (index: number, now: number) => {
    managers[index]!.facts.openCases -= 1;
    sweep(now);
  };

  /* The breach rescue of the SLA room: the case manager is off shift or away at the deadline. */
  const rescue = (request: number, now: number) => {
    const kase = cases[request]!;
    if (kase.startedAt !== null || kase.manager < 0) return;
    const holder = managers[kase.manager]!;
    if (onDutyAt(holder, now).onDuty) return;
    const index = rankedFirst(kase.language, now, rescueDeadline(new Date(now)).getTime(), kase.manager);
    if (index < 0) return;
    holder.queue.splice(holder.queue.indexOf(request), 1);
    holder.facts.openCases -= 1;
    if (inWindow(kase.at)) {
      holder.assigned -= 1;
      if (kase.interpreter) holder.interpreterCases -= 1;
    }
    kase.rescued = true;
    assign(request, index, now);
    sweep(now);
  };

  const handle = (event: SimEvent) => {
    const now = event.at;
    switch (event.kind) {
      case Kind.ContactMade: {
        const manager = managers[event.manager]!;
        const kase = cases[event.request]!;
        kase.contactedAt = now;
        manager.busy = false;
        if (inWindow(kase.at)) manager.contacts += 1;
        const lengthMs = run.requests[event.request]!.caseLengthMs;
        if (lengthMs > 0) schedule(now + lengthMs, Kind.CaseClosed, event.manager);
        else releasePlace(event.manager, now);
        startNext(event.manager, now);
        return;
      }
      case Kind.CaseClosed:
        releasePlace(event.manager, now);
        return;
      case Kind.ShiftStarts:
        managers[event.manager]!.wakeAt = -1;
        startNext(event.manager, now);
        return;
      case Kind.Deadline:
        rescue(event.request, now);
        return;
      case Kind.OperationsSweep:
        sweep(now);
        return;
    }
  };

  let nextRequest = 0;
  for (;;) {
    const event = events.peek();
    const arrival = run.requests[nextRequest];
    if (arrival && (!event || arrival.at < event.at)) {
      const request = nextRequest;
      nextRequest += 1;
      const kase = cases[request]!;
      const index = choose(kase, arrival.at, kase.deadline);
      if (index >= 0) assign(request, index, arrival.at);
      else waitForOperations(request, arrival.at);
      continue;
    }
    if (!event) break;
    events.pop();
    handle(event);
  }

  const report = buildReport(run, rule, cases, managers, {
    unassignedAtSubmission: cases.filter((kase) => inWindow(kase.at) && kase.waited).length,
  });
  if (!options.keepCases) return { report };
  return {
    report,
    cases: cases.map(({ deadline: _deadline, manager: _manager, waited: _waited, ...outcome }) => outcome),
  };
}

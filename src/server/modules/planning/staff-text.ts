import type { PromiseConfidence, ShareEstimate, StaffingPlanResult } from '../../../shared/planning.js';
import { table } from './report-text.js';
import type { PlanningText } from './text/index.js';

/*
 * The staffing plan as an operator reads it in a terminal (`plan staff`), in their language: the
 * what-ifs asked, the roster per language and time-zone band (now and proposed, each shift
 * pattern), and the promise predicted for both rosters on the same seeds, with its confidence.
 */

export function formatStaffingPlan(plan: StaffingPlanResult, text: PlanningText): string[] {
  const { t, percent, number } = text;
  const signed = (value: number) => (value > 0 ? `+${value}` : String(value));
  const interval = (estimate: ShareEstimate) =>
    estimate.low === null ? '–' : `${percent(estimate.low)} – ${percent(estimate.high)}`;
  const whatIfs = [
    ...plan.whatIf.surges.map((surge) =>
      t('staff.surge', { language: surge.language, factor: number(surge.factor, 2) }),
    ),
    ...(plan.whatIf.offSick ? [t('staff.offSick', { count: plan.whatIf.offSick })] : []),
    ...(plan.whatIf.holidayLeaveShare
      ? [t('staff.holiday', { share: percent(plan.whatIf.holidayLeaveShare, 0) })]
      : []),
  ];
  const promiseRow = (label: string, confidence: PromiseConfidence, estimate = confidence.pooled) => [
    label,
    percent(estimate.share),
    interval(estimate),
    `${confidence.seedsMeetingTarget} / ${confidence.seeds}`,
    percent(confidence.worstSeed),
  ];
  return [
    t('staff.heading', { target: percent(plan.target), seeds: plan.proposed.seeds }),
    t('staff.whatIf', { list: whatIfs.length ? whatIfs.join(', ') : t('staff.none') }),
    plan.reached ? t('staff.reached') : t('staff.notReached'),
    '',
    t('staff.roster'),
    ...table(
      [
        t('staff.language'),
        t('staff.band'),
        t('staff.pattern'),
        t('staff.now'),
        t('staff.proposed'),
        t('staff.change'),
      ],
      [
        ...plan.cells.flatMap((cell) => [
          [
            cell.language,
            t(`staff.bands.${cell.band}`),
            '',
            cell.current,
            cell.proposed,
            signed(cell.proposed - cell.current),
          ],
          ...cell.patterns.map((pattern) => [
            '',
            '',
            pattern.id,
            pattern.current,
            pattern.proposed,
            signed(pattern.proposed - pattern.current),
          ]),
        ]),
        [
          t('staff.total'),
          '',
          '',
          plan.currentSize,
          plan.proposedSize,
          signed(plan.proposedSize - plan.currentSize),
        ],
      ],
    ).map((line) => `  ${line}`),
    '',
    t('staff.promise'),
    ...table(
      ['', t('staff.pooled'), t('staff.interval'), t('staff.seedsMeeting'), t('staff.worstSeed')],
      [
        promiseRow(t('staff.roster_now'), plan.current),
        promiseRow(t('staff.roster_proposed'), plan.proposed),
        [
          t('staff.roundRobinProposed'),
          percent(plan.proposed.roundRobin.share),
          interval(plan.proposed.roundRobin),
          '',
          '',
        ],
      ],
    ).map((line) => `  ${line}`),
    '',
    t('staff.byLanguage'),
    ...table(
      ['', t('simulate.cases'), t('staff.pooled'), t('staff.interval')],
      plan.proposed.byLanguage.map((entry) => [
        `${entry.meetsTarget ? ' ' : '!'} ${entry.language}`,
        entry.cases,
        percent(entry.share),
        interval(entry),
      ]),
    ).map((line) => `  ${line}`),
    '',
    t('staff.steps', { steps: plan.steps, simulations: plan.simulations }),
  ];
}

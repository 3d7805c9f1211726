import { type Command, CommanderError } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { MAX_CONFIRMATION_SEEDS, StaffingOptions, type Scenario } from '../../../shared/planning.js';
import type { Runtime } from '../../room.js';
import { systemContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import {
  isReaderLocale,
  planningText,
  readerLocale,
  readerLocales,
  type PlanningText,
} from './text/index.js';

/*
 * The operator's `plan` commands (docs/planning.md): `plan simulate`, `plan staff` and
 * `plan scenario`. The simulator and the planner load only for their own command, and need no
 * database. Their output is in the reader's language (`--lang`, else the operator's locale).
 */

interface PlanIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const langOption = [
  '--lang <language>',
  `the language to write in (${readerLocales.join(', ')}; default: the locale)`,
] as const;

function textFor(lang: string | undefined, io: PlanIo): PlanningText {
  if (lang !== undefined && !isReaderLocale(lang)) {
    const english = planningText('en');
    throw new CommanderError(1, 'plan', english.t('errors.badLanguage', { list: readerLocales.join(', ') }));
  }
  return planningText(readerLocale(lang, io.env));
}

/** A scenario file, checked; refused with every problem named (exit code 1). */
async function scenarioFile(file: string, text: PlanningText): Promise<Scenario> {
  if (!existsSync(file) || !statSync(file).isFile())
    throw new CommanderError(1, 'plan', text.t('errors.noFile', { file }));
  const planning = await import('./service.js');
  try {
    if (statSync(file).size > planning.MAX_SCENARIO_FILE_BYTES)
      throw new AppError('planning.scenario_too_large');
    return planning.readScenario(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof AppError)
      throw new CommanderError(1, 'plan', `${file}: ${error.message}\n${error.detail ?? ''}`.trimEnd());
    throw error;
  }
}

/** `--surge ar=1.5`, given once per language. */
function surgesOf(values: string[], text: PlanningText) {
  return values.map((value) => {
    const match = /^([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)=(\d+(?:\.\d+)?)$/.exec(value);
    if (!match) throw new CommanderError(1, 'plan', text.t('errors.badSurge'));
    return { language: match[1]!, factor: Number(match[2]) };
  });
}

interface StaffFlags {
  target: string;
  seeds: string;
  surge: string[];
  sick: string;
  holiday: string;
  threads?: string;
  json?: boolean;
  lang?: string;
}

function staffingOptionsOf(flags: StaffFlags, text: PlanningText): StaffingOptions {
  const target = Number(flags.target);
  if (!Number.isFinite(target) || target < 50 || target > 100)
    throw new CommanderError(1, 'plan', text.t('errors.badTarget'));
  const seeds = Number(flags.seeds);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > MAX_CONFIRMATION_SEEDS)
    throw new CommanderError(1, 'plan', text.t('errors.badSeeds', { max: MAX_CONFIRMATION_SEEDS }));
  const sick = Number(flags.sick);
  if (!Number.isInteger(sick) || sick < 0 || sick > 200)
    throw new CommanderError(1, 'plan', text.t('errors.badSick'));
  const holiday = Number(flags.holiday);
  if (!Number.isFinite(holiday) || holiday < 0 || holiday > 0.9)
    throw new CommanderError(1, 'plan', text.t('errors.badHoliday'));
  const parsed = StaffingOptions.safeParse({
    targetPercent: target,
    seeds,
    whatIf: { surges: surgesOf(flags.surge, text), offSick: sick, holidayLeaveShare: holiday },
  });
  if (!parsed.success) throw new CommanderError(1, 'plan', text.t('errors.badSurge'));
  return parsed.data;
}

export function addPlanCommands(
  program: Command,
  io: PlanIo,
  withRuntime: <T>(work: (runtime: Runtime) => Promise<T>) => Promise<T>,
): void {
  const plan = program.command('plan').description('planning the 24-hour promise');
  plan
    .command('simulate')
    .argument('<scenario>', 'a scenario file (JSON; see docs/planning.md)')
    .description(
      'simulate the scenario under our assignment rule, round-robin and language-only assignment, on the same ' +
        'requests, and print the promise kept, by language, country, case manager and hour of the week',
    )
    .option('--json', 'print the whole report as JSON')
    .option(...langOption)
    .action(async (file: string, options: { json?: boolean; lang?: string }) => {
      const text = textFor(options.lang, io);
      const scenario = await scenarioFile(file, text);
      const { simulateScenario } = await import('./service.js');
      const comparison = simulateScenario(scenario);
      const { formatComparison } = await import('./report-text.js');
      io.stdout.write(
        options.json
          ? `${JSON.stringify(comparison, null, 2)}\n`
          : `${formatComparison(comparison, text).join('\n')}\n`,
      );
    });

  plan
    .command('staff')
    .argument('<scenario>', 'a scenario file (JSON; see docs/planning.md)')
    .description(
      'find the smallest roster per language and time-zone band that keeps the target on the scenario, confirm ' +
        'it over many seeds, and print it beside the scenario’s own roster; what-ifs: a surge of a language, ' +
        'people off sick, a holiday week',
    )
    .option('--target <percent>', 'the share to contact within 24 hours, in %', '99.5')
    .option('--seeds <count>', 'seeds to confirm the roster over', '20')
    .option(
      '--surge <language=factor>',
      'requests in a language multiplied by a factor (repeatable): ar=1.5',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--sick <count>', 'case managers off sick for the whole run', '0')
    .option('--holiday <share>', 'a holiday week: the share of each team on leave (0 to 0.9)', '0')
    .option('--threads <count>', 'worker threads for the simulations (default: one per core)')
    .option('--json', 'print the whole plan as JSON')
    .option(...langOption)
    .action(async (file: string, flags: StaffFlags) => {
      const text = textFor(flags.lang, io);
      const options = staffingOptionsOf(flags, text);
      const scenario = await scenarioFile(file, text);
      const { staffScenario } = await import('./service.js');
      const { defaultPlannerThreads } = await import('./staffing/pool.js');
      const threads = flags.threads === undefined ? defaultPlannerThreads() : Number(flags.threads);
      if (!Number.isInteger(threads) || threads < 0 || threads > 64)
        throw new CommanderError(1, 'plan', '--threads must be a whole number from 0 to 64');
      const result = await staffScenario(scenario, options, threads);
      const { formatStaffingPlan } = await import('./staff-text.js');
      io.stdout.write(
        flags.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${formatStaffingPlan(result, text).join('\n')}\n`,
      );
    });

  plan
    .command('scenario')
    .description(
      "write a scenario for next week from the database: the forecast from the last weeks' submissions (by hour " +
        'of the week, language and country, with their trend) and the roster of active case managers; the ' +
        'forecast is summed up on stderr',
    )
    .option('--weeks <weeks>', 'how many weeks of submissions to forecast from', '4')
    .action(async (options: { weeks: string }) => {
      const weeks = Number(options.weeks);
      if (!Number.isInteger(weeks) || weeks < 1 || weeks > 26)
        throw new CommanderError(1, 'plan', '--weeks must be a whole number from 1 to 26');
      const { scenarioFromDatabase } = await import('./service.js');
      const { scenario, forecast } = await withRuntime((runtime) =>
        scenarioFromDatabase(systemContext(runtime, 'cli-plan-scenario'), { weeks }),
      ).catch((error: unknown) => {
        if (error instanceof AppError) throw new CommanderError(1, 'plan', error.message);
        throw error;
      });
      for (const stream of forecast) {
        const sign = stream.trendPerWeek >= 0 ? '+' : '';
        io.stderr.write(
          `${stream.language} ${stream.country}: ${stream.weeklyHistory.join(', ')} a week ` +
            `(trend ${sign}${stream.trendPerWeek} a week): ${stream.nextWeek} next week\n`,
        );
      }
      io.stdout.write(`${JSON.stringify(scenario, null, 2)}\n`);
    });
}

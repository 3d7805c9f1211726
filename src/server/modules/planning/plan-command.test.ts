import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOperatorCommand } from '../../operator-commands.js';
import type { RuleComparison, StaffingPlanResult } from '../../../shared/planning.js';

/*
 * An operations lead runs `plan simulate <scenario.json>` (docs/planning.md). The simulator needs
 * no database: the command reads the file, checks it against the scenario format, and prints the
 * report, or refuses the file with every problem named and exit code 1.
 */
const example = path.join(import.meta.dirname, 'examples/gulf-market.json');
const folder = mkdtempSync(path.join(tmpdir(), 'plan-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function command(env: Record<string, string>, args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runOperatorCommand(args, {
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
const plan = (...args: string[]) => command({}, ['plan', 'simulate', ...args]);
/** Small enough to run in a few seconds: two confirmation seeds, in this thread. */
const staff = (...args: string[]) =>
  command({}, ['plan', 'staff', example, '--seeds', '2', '--threads', '0', ...args]);

function scenarioFile(name: string, content: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
}

const gulf = () =>
  JSON.parse(readFileSync(example, 'utf8')) as Record<string, unknown> & { roster: object[] };

describe('plan simulate', () => {
  it('prints the three rules side by side, then our rule by language, country, case manager and hour', async () => {
    const { code, stdout, stderr } = await plan(example);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\s+our rule\s+round-robin\s+language only$/m);
    expect(stdout).toMatch(/^contacted within 24 h\s+\d+\.\d\d %\s+\d+\.\d\d %\s+\d+\.\d\d %$/m);
    expect(stdout).toMatch(/^By language \(our rule\)$/m);
    expect(stdout).toMatch(/^ {2}ar\s+\d+\s+\d+\.\d\d %\s+\d+ \/ \d+ \/ \d+\s+0$/m);
    expect(stdout).toMatch(/^ {2}dubai-early\s+ar en\s+\d+/m);
    expect(stdout).toMatch(
      /(Hours of the week where fewer than 99\.50 % were contacted in time|The promise holds for 99\.50 % in every hour)/,
    );
  });

  it('--json gives the whole report, the same as the text', async () => {
    const { code, stdout } = await plan(example, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as RuleComparison;
    expect(report.seed).toBe(3);
    expect(report.ours.byLanguage.map((entry) => entry.language)).toEqual(['ar', 'en']);
    expect(report.roundRobin.cases).toBe(report.ours.cases);
    expect(report.ours.caseManagers).toHaveLength(7);
  });

  it('a file that is not JSON is refused, saying so', async () => {
    const { code, stdout, stderr } = await plan(scenarioFile('broken.json', '{ "startsAt": '));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('The scenario file is not valid JSON.');
  });

  it('a scenario with mistakes is refused with each mistake named by its place in the file', async () => {
    const scenario = gulf();
    const file = scenarioFile(
      'mistakes.json',
      JSON.stringify({
        ...scenario,
        startsAt: '2026-11-03T00:00:00Z',
        arrivals: [
          { country: 'UK', language: 'ar', perWeek: 10 },
          { country: 'AE', language: 'xx-?' },
        ],
        roster: [{ ...scenario.roster[0], timeZone: 'Mars/Olympus', maxOpenCases: 0 }],
        firstContactMinutes: { kind: 'lognormal', median: 30, p90: 10 },
        surprise: true,
      }),
    );
    const { code, stderr } = await plan(file);
    expect(code).toBe(1);
    expect(stderr).toContain('The scenario does not follow the scenario format.');
    for (const place of [
      'startsAt: must be a Monday at 00:00 UTC',
      'arrivals.0.country',
      'arrivals.1.language',
      'arrivals.1: give either perWeek or perHourOfWeek',
      'roster.0.timeZone',
      'roster.0.maxOpenCases',
      'firstContactMinutes.p90: p90 must be more than the median',
      'surprise',
    ])
      expect(stderr).toContain(place);
  });

  it('a scenario too big to run in reasonable time is refused before anything runs', async () => {
    const scenario = gulf();
    const huge = scenarioFile(
      'huge.json',
      JSON.stringify({
        ...scenario,
        arrivals: [{ country: 'AE', language: 'ar', perWeek: 150_000 }],
        roster: [
          { ...scenario.roster[0], count: 2_000 },
          { ...scenario.roster[1], count: 5 },
        ],
      }),
    );
    const { code, stderr } = await plan(huge);
    expect(code).toBe(1);
    expect(stderr).toContain('arrivals: forecasts about');
    expect(stderr).toContain('roster: holds more than 2000 case managers');
    const crowded = scenarioFile(
      'crowded.json',
      JSON.stringify({
        ...scenario,
        weeks: 1,
        warmupDays: 0,
        arrivals: [{ country: 'AE', language: 'ar', perWeek: 25_000 }],
        roster: [{ ...scenario.roster[0], count: 2_000 }],
      }),
    );
    expect((await plan(crowded)).stderr).toContain(
      'roster: about 25000 requests for 2000 case managers is too large to simulate in reasonable time',
    );
    const padded = scenarioFile('padded.json', `${JSON.stringify(scenario)}${' '.repeat(3 * 1024 * 1024)}`);
    expect((await plan(padded)).stderr).toContain('The scenario file is too large.');
  });

  it('a file that is not there is named', async () => {
    const { code, stderr } = await plan(path.join(folder, 'nowhere.json'));
    expect(code).toBe(1);
    expect(stderr).toContain('nowhere.json: no such file');
  });
});

describe('plan simulate in the reader’s language', () => {
  it('follows the operator’s locale, and --lang before it', async () => {
    const french = await command({ LANG: 'fr_FR.UTF-8' }, ['plan', 'simulate', example]);
    expect(french.code).toBe(0);
    expect(french.stdout).toMatch(/^\s+notre règle\s+tour de rôle\s+langue seule$/m);
    expect(french.stdout).toMatch(/^contact sous 24 h\s+\d+,\d\d %/m);
    const arabic = await command({ LANG: 'fr_FR.UTF-8' }, ['plan', 'simulate', example, '--lang', 'ar']);
    expect(arabic.stdout).toContain('قاعدتنا');
    const english = await command({ LANG: 'C.UTF-8' }, ['plan', 'simulate', example]);
    expect(english.stdout).toMatch(/^\s+our rule\s+round-robin\s+language only$/m);
  });

  it('a language it does not write in is refused, naming those it does', async () => {
    const { code, stdout, stderr } = await plan(example, '--lang', 'tlh');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('--lang must be one of en, fr, es, de, it, pt, zh-CN, ar');
  });
});

describe('plan staff', { timeout: 120_000 }, () => {
  it('prints the roster proposed per language and time-zone band beside the roster now, and the promise of each', async () => {
    const { code, stdout, stderr } = await staff();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Staffing plan for a target of 99.50 % within 24 hours, confirmed over 2 seeds');
    expect(stdout).toContain('What-ifs: none');
    expect(stdout).toMatch(/^ {2}ar\s+Middle East and South Asia\s+3\s+\d+\s+[+-]?\d+$/m);
    expect(stdout).toMatch(/^ {2}en\s+Europe and Africa\s+4\s+\d+\s+[+-]?\d+$/m);
    expect(stdout).toMatch(/^\s+dubai-early\s+1\s+\d+/m);
    expect(stdout).toMatch(/^ {2}roster now\s+\d+\.\d\d %\s+\d+\.\d\d % – \d+\.\d\d %\s+\d \/ 2/m);
    expect(stdout).toMatch(/^ {2}roster proposed\s+\d+\.\d\d %/m);
    expect(stdout).toMatch(/^ {2}round-robin, roster proposed\s+\d+\.\d\d %/m);
  });

  it('answers what-ifs: a surge of Arabic requests asks for more Arabic speakers', async () => {
    const calm = JSON.parse((await staff('--json')).stdout) as StaffingPlanResult;
    const surge = await staff(
      '--json',
      '--surge',
      'ar=2',
      '--sick',
      '1',
      '--holiday',
      '0.2',
      '--target',
      '99',
    );
    expect(surge.code).toBe(0);
    const surged = JSON.parse(surge.stdout) as StaffingPlanResult;
    expect(surged.target).toBe(0.99);
    expect(surged.whatIf).toEqual({
      surges: [{ language: 'ar', factor: 2 }],
      offSick: 1,
      holidayLeaveShare: 0.2,
    });
    const arabic = (result: StaffingPlanResult) =>
      result.cells.find((cell) => cell.language === 'ar')!.proposed;
    expect(arabic(surged)).toBeGreaterThan(arabic(calm));
    const text = await staff('--surge', 'ar=2', '--sick', '1', '--lang', 'de');
    expect(text.stdout).toContain('Annahmen: Anfragen auf ar × 2,00, 1 krankgemeldet');
  });

  it.each([
    ['a target above 100 %', ['--target', '120'], '--target must be a percentage from 50 to 100'],
    ['a target that is not a number', ['--target', 'most'], '--target must be a percentage from 50 to 100'],
    ['no seeds', ['--seeds', '0'], '--seeds must be a whole number from 1 to 50'],
    [
      'a surge without a factor',
      ['--surge', 'ar'],
      '--surge must be a language and a factor, such as ar=1.5',
    ],
    [
      'a surge of a language that is not one',
      ['--surge', '123=2'],
      '--surge must be a language and a factor',
    ],
    ['a surge beyond ten times', ['--surge', 'ar=11'], '--surge must be a language and a factor'],
    ['people off sick below none', ['--sick', '-1'], '--sick must be a whole number from 0 to 200'],
    [
      'everyone on holiday',
      ['--holiday', '1'],
      '--holiday must be a share of each team on leave, from 0 to 0.9',
    ],
  ])('%s is refused, saying what is expected, and nothing is planned', async (_, args, message) => {
    const { code, stdout, stderr } = await staff(...args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('refuses a scenario with mistakes as plan simulate does', async () => {
    const file = scenarioFile('staff-broken.json', JSON.stringify({ ...gulf(), weeks: 9 }));
    const { code, stderr } = await command({}, ['plan', 'staff', file]);
    expect(code).toBe(1);
    expect(stderr).toContain('weeks');
  });
});

/**
 * The planning commands' texts in English: the reference catalogue (`plan simulate`, `plan staff`).
 * Every other language has exactly these keys (the type below and a test check it). `{{...}}` are
 * figures, labels of the scenario or times: never anything about a member.
 */
export const en = {
  rules: { ours: 'our rule', roundRobin: 'round-robin', languageOnly: 'language only' },
  simulate: {
    heading:
      'Requests submitted {{from}} to {{to}}: {{requests}}, {{caseManagers}} case managers, seed {{seed}}, target {{target}} within 24 h',
    within24h: 'contacted within 24 h',
    minutes: 'p50 / p90 / p99 min',
    interpreterCases: 'interpreter cases',
    waited: 'waited for operations',
    moved: 'moved at breach',
    notContacted: 'not contacted',
    byLanguage: 'By language (our rule)',
    byCountry: 'By country (our rule)',
    cases: 'cases',
    interpreter: 'interpreter',
    caseManagers: 'Case managers (our rule)',
    languages: 'languages',
    assigned: 'assigned',
    contacts: 'contacts',
    peakOpen: 'peak open',
    onDutyHours: 'on duty h',
    busyHours: 'busy h',
    utilisation: 'utilisation',
    beyondRun: '> run',
    holds: 'The promise holds for {{target}} in every hour of the week (our rule).',
    breaking:
      'Hours of the week where fewer than {{target}} were contacted in time (our rule, by submission):',
    breakingHour: '{{hour}}  {{cases}} cases, {{share}}',
  },
  staff: {
    heading: 'Staffing plan for a target of {{target}} within 24 hours, confirmed over {{seeds}} seeds',
    whatIf: 'What-ifs: {{list}}',
    surge: '{{language}} requests × {{factor}}',
    offSick: '{{count}} off sick',
    holiday: 'holiday week, {{share}} of each team on leave',
    none: 'none',
    reached: 'The proposed roster keeps the target on every language over the search seeds.',
    notReached:
      'The target was not reached within the additions allowed: read the languages below the target (a language nobody speaks goes through interpreters).',
    roster: 'Roster per language and time-zone band',
    language: 'language',
    band: 'band',
    pattern: 'shift pattern',
    now: 'now',
    proposed: 'proposed',
    change: 'change',
    total: 'total',
    promise: 'The promise, pooled over the seeds',
    roster_now: 'roster now',
    roster_proposed: 'roster proposed',
    roundRobinProposed: 'round-robin, roster proposed',
    pooled: 'contacted within 24 h',
    interval: '95 % interval',
    seedsMeeting: 'seeds keeping the target',
    worstSeed: 'worst seed',
    byLanguage: 'By language, roster proposed',
    steps: '{{steps}} search steps, {{simulations}} simulations',
    bands: {
      americas: 'Americas',
      europe_africa: 'Europe and Africa',
      middle_east_south_asia: 'Middle East and South Asia',
      east_asia_pacific: 'East Asia and Pacific',
    },
  },
  errors: {
    noFile: '{{file}}: no such file',
    badTarget: '--target must be a percentage from 50 to 100',
    badSeeds: '--seeds must be a whole number from 1 to {{max}}',
    badSurge: '--surge must be a language and a factor, such as ar=1.5',
    badSick: '--sick must be a whole number from 0 to 200',
    badHoliday: '--holiday must be a share of each team on leave, from 0 to 0.9',
    badLanguage: '--lang must be one of {{list}}',
  },
};

/** A catalogue with exactly the English keys. */
type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };
export type Catalogue = Texts<typeof en>;

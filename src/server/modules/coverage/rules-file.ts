import {
  createScanner,
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import {
  BenefitRulesFile,
  benefitCategories,
  type BenefitRule,
  type BenefitRulesVersion,
} from '../../../shared/coverage.js';

/*
 * Reading a benefit rules file (docs/coverage.md): its JSON, its schema, and the ways a file can
 * contradict itself that a schema cannot say. Every problem names the line and the field, so
 * that the person who wrote the file finds it; one problem rejects the whole file.
 */

export interface RulesFileProblem {
  /** 1-based line of the field in the file; null for the file as a whole. */
  line: number | null;
  /** Where in the file, as a path: `plans[0].versions[1].benefits.mental_health.annualLimit`. */
  field: string;
  reason: string;
}

/** Above this size a rules file is refused unread (a whole insurer's products fit in far less). */
export const MAX_RULES_FILE_BYTES = 5 * 1024 * 1024;

type Path = (string | number)[];

const fieldOf = (path: Path): string =>
  path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  ) || '(file)';

function lineLocator(text: string) {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) if (text[index] === '\n') starts.push(index + 1);
  return (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/** The line of a path: of the deepest part of it the file has (a missing field: its parent object). */
function lineOfPath(root: Node | undefined, path: Path, lineAt: (offset: number) => number): number | null {
  if (!root) return null;
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = findNodeAtLocation(root, path.slice(0, depth));
    if (node) return lineAt(node.parent?.type === 'property' ? node.parent.offset : node.offset);
  }
  return null;
}

/** A rules file is about ten levels deep; a parser that recurses must never see thousands. */
const MAX_DEPTH = 64;

/** jsonc-parser's token kinds (a `const enum` there, which this project's compiler settings cannot read). */
const token = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, end: 17 } as const;

/** Where the nesting first passes MAX_DEPTH (an offset), read token by token without recursion. */
function tooDeepAt(content: string): number | undefined {
  const scanner = createScanner(content, true);
  let depth = 0;
  for (let kind: number = scanner.scan(); kind !== token.end; kind = scanner.scan()) {
    if (kind === token.openBrace || kind === token.openBracket) {
      depth += 1;
      if (depth > MAX_DEPTH) return scanner.getTokenOffset();
    } else if (kind === token.closeBrace || kind === token.closeBracket) {
      depth -= 1;
    }
  }
  return undefined;
}

export type RulesFileReading =
  { ok: true; file: BenefitRulesFile; problems: [] } | { ok: false; problems: RulesFileProblem[] };

/** Reads and checks a rules file; any problem rejects it whole. */
export function readRulesFile(content: string): RulesFileReading {
  const lineAt = lineLocator(content);
  const deep = tooDeepAt(content);
  if (deep !== undefined)
    return {
      ok: false,
      problems: [
        { line: lineAt(deep), field: '(file)', reason: `nested more than ${MAX_DEPTH} levels deep` },
      ],
    };
  const errors: ParseError[] = [];
  const root = parseTree(content, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !root) {
    return {
      ok: false,
      problems: errors.slice(0, 20).map((error) => ({
        line: lineAt(error.offset),
        field: '(file)',
        reason: `not valid JSON: ${printParseErrorCode(error.error)}`,
      })),
    };
  }
  const problem = (path: Path, reason: string): RulesFileProblem => ({
    line: lineOfPath(root, path, lineAt),
    field: fieldOf(path),
    reason,
  });
  const parsed = BenefitRulesFile.safeParse(JSON.parse(content));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) =>
        problem(
          issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
          issue.message,
        ),
      ),
    };
  }
  const contradictions = contradictionsOf(parsed.data).map(({ path, reason }) => problem(path, reason));
  if (contradictions.length > 0) return { ok: false, problems: contradictions };
  return { ok: true, file: parsed.data, problems: [] };
}

/** What a benefit that is not covered may not have: any of these says the file contradicts itself. */
const termsOfCover: { field: keyof BenefitRule; present: (rule: BenefitRule) => boolean }[] = [
  { field: 'annualLimit', present: (rule) => rule.annualLimit !== null },
  { field: 'deductible', present: (rule) => rule.deductible > 0 },
  { field: 'coInsurancePercent', present: (rule) => rule.coInsurancePercent > 0 },
  { field: 'referralRequired', present: (rule) => rule.referralRequired },
  { field: 'preauthorisation', present: (rule) => rule.preauthorisation.when !== 'never' },
  { field: 'waitingPeriodDays', present: (rule) => rule.waitingPeriodDays > 0 },
  { field: 'exclusions', present: (rule) => rule.exclusions.length > 0 },
  { field: 'network', present: (rule) => rule.network !== 'any_provider' },
];

/** The contradictions of a file that its schema cannot see, each with its path. */
export function contradictionsOf(file: BenefitRulesFile): { path: Path; reason: string }[] {
  const found: { path: Path; reason: string }[] = [];
  const firstPlanAt = new Map<string, number>();
  file.plans.forEach((plan, planIndex) => {
    const at: Path = ['plans', planIndex];
    const earlier = firstPlanAt.get(plan.planCode);
    if (earlier !== undefined)
      found.push({
        path: [...at, 'planCode'],
        reason: `plan ${plan.planCode} is already listed at plans[${earlier}]`,
      });
    else firstPlanAt.set(plan.planCode, planIndex);

    const labels = new Map<string, number>();
    plan.versions.forEach((version, versionIndex) => {
      const vat: Path = [...at, 'versions', versionIndex];
      const sameLabel = labels.get(version.label);
      if (sameLabel !== undefined)
        found.push({
          path: [...vat, 'label'],
          reason: `label ${version.label} is already used by versions[${sameLabel}]`,
        });
      else labels.set(version.label, versionIndex);
      if (version.effectiveTo !== null && version.effectiveTo < version.effectiveFrom)
        found.push({ path: [...vat, 'effectiveTo'], reason: 'ends before it starts' });
      found.push(
        ...versionContradictions(version).map(({ path, reason }) => ({ path: [...vat, ...path], reason })),
      );
    });

    // Versions in date order: each must end before the next one starts.
    const ordered = plan.versions
      .map((version, index) => ({ version, index }))
      .sort((a, b) => (a.version.effectiveFrom < b.version.effectiveFrom ? -1 : 1));
    for (let index = 1; index < ordered.length; index += 1) {
      const before = ordered[index - 1]!;
      const after = ordered[index]!;
      if (before.version.effectiveTo === null || before.version.effectiveTo >= after.version.effectiveFrom)
        found.push({
          path: [...at, 'versions', after.index, 'effectiveFrom'],
          reason: `overlaps versions[${before.index}] (${before.version.label}, from ${before.version.effectiveFrom} to ${before.version.effectiveTo ?? 'no end'})`,
        });
    }
  });
  return found;
}

function versionContradictions(version: BenefitRulesVersion): { path: Path; reason: string }[] {
  const found: { path: Path; reason: string }[] = [];
  const area = version.areaOfCover;
  area.exclude.forEach((entry, index) => {
    if (area.include.includes(entry))
      found.push({
        path: ['areaOfCover', 'exclude', index],
        reason: `${entry} is both included and excluded`,
      });
  });
  for (const category of benefitCategories) {
    const rule = version.benefits[category];
    const at: Path = ['benefits', category];
    if (!rule.covered) {
      for (const term of termsOfCover)
        if (term.present(rule))
          found.push({
            path: [...at, term.field],
            reason: `the benefit is not covered, so it cannot have ${term.field}`,
          });
      continue;
    }
    const limit = rule.annualLimit;
    if (limit?.kind === 'money' && limit.amount === 0)
      found.push({
        path: [...at, 'annualLimit', 'amount'],
        reason: 'a limit of nothing: set covered to false instead',
      });
  }
  return found;
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startTestServer, type TestServer } from '../../../../test/support/server.js';
import { runCli } from '../../../../test/support/factories.js';
import { systemContext, type RequestContext } from '../../platform/context.js';
import {
  MAX_REGISTER_FILE_BYTES,
  fileSizeProblem,
  formatFromFileName,
  formatReport,
  importDecision,
  readRegisterFile,
  registerColumns,
  validateEmployers,
  validateMembers,
  validatePlans,
  type ImportProblem,
  type MemberReferences,
} from './import.js';
import { importRegister, type RegisterImportInput } from './service.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const fixturePath = (name: string) => path.join(repoRoot, 'test/fixtures/register', name);
const fixture = (name: string) => readFileSync(fixturePath(name));

const lines = (problems: ImportProblem[]) =>
  problems.map((p) =>
    p.line === null ? `${p.field}: ${p.reason}` : `line ${p.line}: ${p.field}: ${p.reason}`,
  );

// --- Checking files, without a database ---------------------------------------------------------

const TODAY = '2026-03-15';
const memberHeader = registerColumns.members.join(',');

/** The register as it stands before the March file: three plans, one employer, one member. */
const references: MemberReferences = {
  plans: new Map([
    ['AUR-IND', { kind: 'individual' }],
    ['AUR-FAM', { kind: 'family' }],
    ['AUR-CORP', { kind: 'company' }],
    ['AUR-BASIC', { kind: 'individual' }],
  ]),
  employers: new Set(['NORDWIND']),
  members: new Map([['AUR-900001-01', { membershipNumber: 'AUR-900001' }]]),
};

interface Person {
  membership?: string;
  plan?: string;
  employer?: string;
  start?: string;
  end?: string;
  number: string;
  relationship?: string;
  given?: string;
  family?: string;
  born?: string;
  country?: string;
  language?: string;
  guardian?: string;
}

/** One CSV line of a members file; defaults describe a holder on an individual plan in Spain. */
const person = (p: Person) =>
  [
    p.membership ?? p.number.replace(/-\d+$/, ''),
    p.plan ?? 'AUR-IND',
    p.employer ?? '',
    p.start ?? '2024-01-01',
    p.end ?? '',
    p.number,
    p.relationship ?? 'holder',
    p.given ?? 'Lucía',
    p.family ?? 'Fernández',
    p.born ?? '1979-04-12',
    p.country ?? 'ES',
    p.language ?? 'es',
    p.guardian ?? '',
  ].join(',');

const membersCsv = (...people: Person[]) => [memberHeader, ...people.map(person)].join('\n') + '\n';
const checkMembers = (content: string | Buffer, format: 'csv' | 'json' = 'csv') =>
  validateMembers(readRegisterFile(content, format, 'members'), references, TODAY);

describe('reading a register file', () => {
  it('a spreadsheet export with a byte order mark, CRLF line endings and quoted commas reads cleanly', () => {
    const result = checkMembers(fixture('members-2026-03.csv'));
    expect(result.problems).toEqual([]);
    expect(result.rowsRead).toBe(11);
    const emily = result.valid.find((row) => row.memberNumber === 'AUR-100280-01');
    expect(emily).toMatchObject({ line: 12, familyName: "O'Brien, née Clarke", preferredLanguage: 'en-GB' });
    expect(result.valid[0]).toMatchObject({ line: 2, membershipNumber: 'AUR-100231', givenName: 'Lucía' });
  });

  it('names the physical line, counting blank lines and fields that run over two lines', () => {
    const text = [
      memberHeader,
      person({ number: 'AUR-1-01' }),
      '',
      person({ number: 'AUR-2-01', family: '"Fernández\nGarcía"' }),
      person({ number: 'AUR-3-01', born: '1979-02-30' }),
    ].join('\r\n');
    const result = checkMembers(text);
    expect(lines(result.problems)).toEqual(['line 6: date_of_birth: must be a date in the form YYYY-MM-DD']);
  });

  it('reports every missing column of the header and reads no row', () => {
    const header = registerColumns.members.filter((c) => c !== 'date_of_birth' && c !== 'country').join(',');
    const result = checkMembers(
      `${header}\nAUR-1,AUR-IND,,2024-01-01,,AUR-1-01,holder,Lucía,Fernández,es,\n`,
    );
    expect(lines(result.problems)).toEqual([
      'line 1: date_of_birth: column is missing',
      'line 1: country: column is missing',
    ]);
    expect(result).toMatchObject({ rowsRead: 1, valid: [], rejectedRows: 1 });
  });

  it('refuses a column it does not know, so that a misspelt optional column is not silently dropped', () => {
    const text = membersCsv({ number: 'AUR-1-01' }).replace('guardian_member_number', 'guardian_member_no');
    expect(lines(checkMembers(text).problems)).toEqual([
      'line 1: guardian_member_no: is not a column of a members file',
      'line 1: guardian_member_number: column is missing',
    ]);
  });

  it('refuses garbage: binary content, text that is not UTF-8, broken quoting, not JSON, an empty file', () => {
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0x10]);
    expect(lines(checkMembers(binary).problems)).toEqual([
      'file: is not UTF-8 text: save it as CSV UTF-8 or JSON and try again',
    ]);
    expect(lines(checkMembers(Buffer.from('a,b\u0000c\n')).problems)).toEqual([
      'file: is not a text file: a CSV or JSON file is expected',
    ]);
    expect(lines(checkMembers(Buffer.from('membership_number\n"AUR-1\n')).problems)).toEqual([
      'line 2: file: is not a readable CSV file: a quoted field is never closed',
    ]);
    expect(lines(checkMembers('%PDF-1.7 "hello" world\n').problems)).toEqual([
      'line 1: file: is not a readable CSV file: a field has a quote in the middle: quote the whole field and double inner quotes',
    ]);
    const prose = checkMembers('Dear operations team,\nplease find the March file attached.\n');
    expect(prose.valid).toEqual([]);
    expect(prose.problems.filter((p) => p.reason === 'column is missing')).toHaveLength(13);
    expect(lines(checkMembers('{"rows": [', 'json').problems)[0]).toMatch(/^file: is not valid JSON: /);
    expect(lines(checkMembers('{"members": []}', 'json').problems)).toEqual([
      'file: must hold an array of rows, or an object {"rows": [...]}',
    ]);
    expect(lines(checkMembers('\n\n', 'csv').problems)).toEqual(['file: has no rows']);
    expect(lines(checkMembers(`${memberHeader}\n`, 'csv').problems)).toEqual(['file: has no rows']);
  });

  it('refuses a file over the size limit before reading it', () => {
    expect(fileSizeProblem(63 * 1024 * 1024)?.reason).toBe(
      'is 63.0 MB; the limit is 50.0 MB: split the file and import the parts',
    );
    expect(fileSizeProblem(MAX_REGISTER_FILE_BYTES)).toBeUndefined();
    const justOver = checkMembers(Buffer.alloc(MAX_REGISTER_FILE_BYTES + 1, 0x20));
    expect(justOver.problems).toEqual([fileSizeProblem(MAX_REGISTER_FILE_BYTES + 1)]);
  });

  it('a row with too few or too many fields is reported, not guessed at', () => {
    const text = membersCsv({ number: 'AUR-1-01' }) + 'AUR-2,AUR-IND,,2024-01-01\n';
    expect(lines(checkMembers(text).problems)).toEqual(['line 3: row: has 4 fields; the header has 13']);
  });

  it('reads JSON as an array or as {"rows": [...]}, numbering the entries from 1', () => {
    const entry = (number: string, born: string) => ({
      membership_number: number.replace(/-\d+$/, ''),
      plan_code: 'AUR-IND',
      start_date: '2024-01-01',
      member_number: number,
      relationship: 'holder',
      given_name: 'Giulia',
      family_name: 'Rossi',
      date_of_birth: born,
      country: 'it',
      preferred_language: 'it',
    });
    const asArray = checkMembers(
      JSON.stringify([entry('AUR-1-01', '1992-05-19'), entry('AUR-2-01', '19920519')]),
      'json',
    );
    expect(lines(asArray.problems)).toEqual(['line 2: date_of_birth: must be a date in the form YYYY-MM-DD']);
    expect(asArray.valid[0]).toMatchObject({ country: 'IT', employerCode: null, endDate: null });
    const asObject = checkMembers(
      JSON.stringify({
        rows: [
          entry('AUR-1-01', '1992-05-19'),
          'Giulia',
          { ...entry('AUR-3-01', '1992-05-19'), email: 'g@example.org' },
        ],
      }),
      'json',
    );
    expect(lines(asObject.problems)).toEqual([
      'line 2: row: must be an object with the fields of the row',
      'line 3: email: is not a field of a members file',
    ]);
  });

  it('tells the format from the file name', () => {
    expect(formatFromFileName('members-2026-03.CSV')).toBe('csv');
    expect(formatFromFileName('/tmp/plans.json')).toBe('json');
    expect(formatFromFileName('members.xlsx')).toBeUndefined();
  });
});

describe('checking a plans file', () => {
  it('accepts the Aurora plans, with an empty service list and a quoted name', () => {
    const result = validatePlans(readRegisterFile(fixture('plans.csv'), 'csv', 'plans'));
    expect(result.problems).toEqual([]);
    expect(result.valid.map((plan) => [plan.planCode, plan.kind, plan.services])).toEqual([
      ['AUR-IND', 'individual', ['second_medical_opinion']],
      ['AUR-FAM', 'family', ['second_medical_opinion', 'virtual_doctor']],
      ['AUR-CORP', 'company', ['second_medical_opinion']],
      ['AUR-BASIC', 'individual', []],
    ]);
    expect(result.valid[1]?.planName).toBe('Aurora Family, Plus');
  });

  it('reports a kind that does not exist, an unknown service, a plan listed twice and an insurer with two names', () => {
    const text = [
      registerColumns.plans.join(','),
      'AUR,Aurora Mutual,AUR-IND,Aurora Individual,individual,second_medical_opinion',
      'AUR,Aurora Mutual,AUR-GRP,Aurora Group,group,second_medical_opinion',
      'AUR,Aurora Mutual,AUR-DENT,Aurora Dental,individual,second_medical_opinion;dental',
      'AUR,Aurora Mutual,AUR-IND,Aurora Individual 2,individual,',
      'AUR,Aurora Mutual Insurance,AUR-FAM,Aurora Family,family,',
    ].join('\n');
    const result = validatePlans(readRegisterFile(text, 'csv', 'plans'));
    expect(lines(result.problems)).toEqual([
      'line 3: kind: must be one of individual, family, company',
      'line 4: services: "dental" is not a service; the services are second_medical_opinion, virtual_doctor, mind_health',
      'line 5: plan_code: plan AUR-IND is already on line 2',
      'line 6: insurer_name: insurer AUR is named "Aurora Mutual" on line 2',
    ]);
    expect(result.valid.map((plan) => plan.line)).toEqual([2]);
  });
});

describe('checking an employers file', () => {
  it('accepts the JSON employer file and reports a bad country and a duplicate code', () => {
    expect(
      validateEmployers(readRegisterFile(fixture('employers.json'), 'json', 'employers')).problems,
    ).toEqual([]);
    const rows = [
      { employer_code: 'NORDWIND', name: 'Nordwind', country: 'DE', added_services: ['mind_health'] },
      { employer_code: 'SOLAR', name: 'Solar SA', country: 'Spain', added_services: '' },
      { employer_code: 'NORDWIND', name: 'Nordwind again', country: 'DE' },
    ];
    const result = validateEmployers(readRegisterFile(JSON.stringify(rows), 'json', 'employers'));
    expect(lines(result.problems)).toEqual([
      'line 2: country: must be an ISO 3166-1 alpha-2 country code such as "ES"',
      'line 3: employer_code: employer NORDWIND is already on line 1',
    ]);
    expect(result.valid[0]?.addedServices).toEqual(['mind_health']);
  });
});

describe('checking a members file', () => {
  it('the March file for Aurora passes every rule', () => {
    const result = checkMembers(fixture('members-2026-03.csv'));
    expect(result.problems).toEqual([]);
    expect(result.valid).toHaveLength(11);
    expect(result.valid.find((row) => row.memberNumber === 'AUR-100232-03')?.guardianMemberNumber).toBe(
      'AUR-100232-01',
    );
  });

  it('a birth date typed as 2088 is in the future: line 7 is reported and its membership is rejected', () => {
    const result = checkMembers(fixture('members-2026-03-bad-birth-date.csv'));
    expect(lines(result.problems)).toEqual(['line 7: date_of_birth: is in the future']);
    expect(result).toMatchObject({ rowsRead: 11, rejectedRows: 1 });
    expect(result.valid).toHaveLength(10);
  });

  it('a plan code the register does not know is reported', () => {
    const result = checkMembers(membersCsv({ number: 'AUR-1-01', plan: 'AUR-GOLD' }));
    expect(lines(result.problems)).toEqual(['line 2: plan_code: there is no plan AUR-GOLD in the register']);
  });

  it('a company plan needs a known employer, and only a company plan may have one', () => {
    const result = checkMembers(
      membersCsv(
        { number: 'AUR-1-01', plan: 'AUR-CORP' },
        { number: 'AUR-2-01', plan: 'AUR-CORP', employer: 'GLOBEX' },
        { number: 'AUR-3-01', plan: 'AUR-FAM', employer: 'NORDWIND' },
        { number: 'AUR-4-01', plan: 'AUR-CORP', employer: 'NORDWIND' },
      ),
    );
    expect(lines(result.problems)).toEqual([
      'line 2: employer_code: is required: AUR-CORP is a company plan',
      'line 3: employer_code: there is no employer GLOBEX in the register',
      'line 4: employer_code: must be empty: AUR-FAM is a family plan, not a company plan',
    ]);
    expect(result.valid.map((row) => row.memberNumber)).toEqual(['AUR-4-01']);
  });

  it('a membership with two holders, or with none, is rejected whole', () => {
    const result = checkMembers(
      membersCsv(
        { membership: 'AUR-1', number: 'AUR-1-01', plan: 'AUR-FAM' },
        { membership: 'AUR-1', number: 'AUR-1-02', plan: 'AUR-FAM', given: 'Julien' },
        {
          membership: 'AUR-1',
          number: 'AUR-1-03',
          plan: 'AUR-FAM',
          relationship: 'child',
          born: '2015-11-03',
        },
        { membership: 'AUR-2', number: 'AUR-2-02', plan: 'AUR-FAM', relationship: 'spouse' },
      ),
    );
    expect(lines(result.problems)).toEqual([
      'line 2: membership_number: not imported: membership AUR-1 has an error on line 3',
      'line 3: relationship: membership AUR-1 already has a holder on line 2',
      'line 4: membership_number: not imported: membership AUR-1 has an error on line 3',
      'line 5: relationship: membership AUR-2 has no holder',
    ]);
    expect(result).toMatchObject({ valid: [], rejectedRows: 4 });
  });

  it('every row of a membership must agree on plan, employer and term', () => {
    const result = checkMembers(
      membersCsv(
        { membership: 'AUR-1', number: 'AUR-1-01', plan: 'AUR-FAM' },
        {
          membership: 'AUR-1',
          number: 'AUR-1-02',
          plan: 'AUR-IND',
          relationship: 'spouse',
          start: '2024-02-01',
        },
      ),
    );
    expect(lines(result.problems)).toEqual([
      'line 2: membership_number: not imported: membership AUR-1 has an error on line 3',
      'line 3: plan_code: differs from line 2 of membership AUR-1 (AUR-FAM)',
      'line 3: start_date: differs from line 2 of membership AUR-1 (2024-01-01)',
    ]);
  });

  it('a guardian must be on the same membership, in the file or already in the register', () => {
    const child = { plan: 'AUR-FAM', relationship: 'child', born: '2015-11-03' } as const;
    const result = checkMembers(
      membersCsv(
        { membership: 'AUR-1', number: 'AUR-1-01', plan: 'AUR-FAM' },
        { membership: 'AUR-1', number: 'AUR-1-02', ...child, guardian: 'AUR-1-01' },
        { membership: 'AUR-2', number: 'AUR-2-01', plan: 'AUR-FAM' },
        { membership: 'AUR-2', number: 'AUR-2-02', ...child, guardian: 'AUR-1-01' },
        {
          membership: 'AUR-900001',
          number: 'AUR-900001-02',
          ...child,
          relationship: 'child',
          guardian: 'AUR-900001-01',
        },
        {
          membership: 'AUR-900001',
          number: 'AUR-900001-03',
          ...child,
          relationship: 'holder',
          guardian: 'AUR-777-01',
        },
      ),
    );
    expect(lines(result.problems)).toEqual([
      'line 4: membership_number: not imported: membership AUR-2 has an error on line 5',
      'line 5: guardian_member_number: member AUR-1-01 is on membership AUR-1, not on AUR-2',
      'line 6: membership_number: not imported: membership AUR-900001 has an error on line 7',
      'line 7: guardian_member_number: there is no member AUR-777-01 in this file or the register',
    ]);
    expect(result.valid.map((row) => row.memberNumber)).toEqual(['AUR-1-01', 'AUR-1-02']);
  });

  it('guardians cannot go round in a loop, nor be the member themselves', () => {
    const result = checkMembers(
      membersCsv(
        { membership: 'AUR-1', number: 'AUR-1-01', plan: 'AUR-FAM', guardian: 'AUR-1-02' },
        {
          membership: 'AUR-1',
          number: 'AUR-1-02',
          plan: 'AUR-FAM',
          relationship: 'spouse',
          guardian: 'AUR-1-01',
        },
        { membership: 'AUR-2', number: 'AUR-2-01', guardian: 'AUR-2-01' },
      ),
    );
    expect(lines(result.problems)).toEqual([
      'line 2: guardian_member_number: guardians go round in a loop (AUR-1-01 -> AUR-1-02)',
      'line 3: guardian_member_number: guardians go round in a loop (AUR-1-02 -> AUR-1-01)',
      'line 4: guardian_member_number: cannot be the member themselves',
    ]);
  });

  it('a membership cannot end before it starts', () => {
    const result = checkMembers(membersCsv({ number: 'AUR-1-01', start: '2026-01-01', end: '2025-12-31' }));
    expect(lines(result.problems)).toEqual(['line 2: end_date: is before the start date 2026-01-01']);
  });

  it('countries are the codes ISO 3166-1 assigns today and languages BCP 47 tags of real languages', () => {
    const result = checkMembers(
      membersCsv(
        { number: 'AUR-1-01', country: 'XX' },
        { number: 'AUR-2-01', country: 'Spain' },
        { number: 'AUR-3-01', language: 'en_US' },
        { number: 'AUR-4-01', country: 'es', language: 'PT-br' },
        // Withdrawn or only reserved codes that browsers still name, and a language no one speaks.
        { number: 'AUR-5-01', country: 'UK' },
        { number: 'AUR-6-01', country: 'DD' },
        { number: 'AUR-7-01', language: 'xx' },
        // An old alias BCP 47 itself maps to today's code is kept under that code.
        { number: 'AUR-8-01', language: 'en-UK' },
      ),
    );
    const notAssigned = 'is not a country code ISO 3166-1 assigns today (for the United Kingdom, "GB")';
    const notALanguage = 'must be the BCP 47 tag of a known language, such as "es" or "zh-CN"';
    expect(lines(result.problems)).toEqual([
      `line 2: country: ${notAssigned}`,
      'line 3: country: must be an ISO 3166-1 alpha-2 country code such as "ES"',
      `line 4: preferred_language: ${notALanguage}`,
      `line 6: country: ${notAssigned}`,
      `line 7: country: ${notAssigned}`,
      `line 8: preferred_language: ${notALanguage}`,
    ]);
    expect(result.valid[0]).toMatchObject({ country: 'ES', preferredLanguage: 'pt-BR' });
    expect(result.valid[1]).toMatchObject({ preferredLanguage: 'en-GB' });
  });

  it('a member number that appears twice is reported on its second line', () => {
    const result = checkMembers(
      membersCsv({ membership: 'AUR-1', number: 'AUR-1-01' }, { membership: 'AUR-2', number: 'AUR-1-01' }),
    );
    expect(lines(result.problems)).toEqual(['line 3: member_number: member AUR-1-01 is already on line 2']);
    expect(result.valid.map((row) => row.membershipNumber)).toEqual(['AUR-1']);
  });

  it('a missing value is "required", a bad relationship names the choices', () => {
    const result = checkMembers(membersCsv({ number: 'AUR-1-01', given: '', relationship: 'cousin' }));
    expect(lines(result.problems)).toEqual([
      'line 2: relationship: must be one of holder, spouse, partner, child, other_dependant',
      'line 2: given_name: is required',
    ]);
  });
});

describe('what an import does with the findings', () => {
  const validation = (valid: number, problems: number) => ({
    rowsRead: valid + problems,
    valid: Array.from({ length: valid }),
    problems: Array.from({ length: problems }, (_, i) => ({ line: i + 2, field: 'x', reason: 'y' })),
    rejectedRows: problems,
  });

  it('a file with errors imports nothing unless bad rows are skipped; a dry run never writes', () => {
    expect(importDecision(validation(10, 0), { skipBadRows: false, dryRun: false })).toEqual({
      rejected: false,
      write: true,
    });
    expect(importDecision(validation(10, 1), { skipBadRows: false, dryRun: false })).toEqual({
      rejected: true,
      write: false,
    });
    expect(importDecision(validation(10, 1), { skipBadRows: true, dryRun: false })).toEqual({
      rejected: false,
      write: true,
    });
    expect(importDecision(validation(0, 3), { skipBadRows: true, dryRun: false })).toEqual({
      rejected: true,
      write: false,
    });
    expect(importDecision(validation(10, 0), { skipBadRows: false, dryRun: true })).toEqual({
      rejected: false,
      write: false,
    });
  });

  it('the report ends with one summary line', () => {
    const report = formatReport({
      kind: 'members',
      format: 'csv',
      rowsRead: 11,
      validRows: 10,
      rejectedRows: 1,
      problems: [{ line: 7, field: 'date_of_birth', reason: 'is in the future' }],
      rejected: true,
      dryRun: false,
      written: false,
      changes: {},
    });
    expect(report).toEqual([
      'line 7: date_of_birth: is in the future',
      'members file: 11 rows, 10 valid, 1 rejected, 1 error; nothing imported (fix the errors, or use --skip-bad-rows to import the valid rows)',
    ]);
  });
});

// --- Importing into the register ----------------------------------------------------------------

describe('an operator imports the Aurora register for March', () => {
  let server: TestServer;
  let ctx: RequestContext;
  const run = (file: string, options: Partial<RegisterImportInput> & Pick<RegisterImportInput, 'kind'>) =>
    importRegister(ctx, {
      format: formatFromFileName(file)!,
      content: fixture(file),
      skipBadRows: false,
      dryRun: false,
      ...options,
    });
  const count = async (table: string) =>
    (await server.sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  const importEvents = async () =>
    (
      await server.sql.query(
        `SELECT actor_user_id, actor_role, entity_type, entity_id, purpose, details
           FROM audit_event WHERE action = 'register.imported' ORDER BY seq`,
      )
    ).rows;
  const registerSnapshot = async () => ({
    memberships: (await server.sql.query(`SELECT * FROM membership ORDER BY membership_number`)).rows,
    members: (await server.sql.query(`SELECT * FROM member ORDER BY member_number`)).rows,
  });

  beforeAll(async () => {
    server = await startTestServer();
    ctx = systemContext(server.runtime, 'test');
  });
  afterAll(async () => server?.close());

  it('loads the plans and the employer before the members', async () => {
    const plans = await run('plans.csv', { kind: 'plans' });
    expect(plans).toMatchObject({
      written: true,
      problems: [],
      changes: { insurers: { created: 1 }, plans: { created: 4 } },
    });
    const employers = await run('employers.json', { kind: 'employers' });
    expect(employers).toMatchObject({ written: true, changes: { employers: { created: 1 } } });
    const family = await server.sql.query(
      `SELECT name, kind, services FROM plan_product WHERE code = 'AUR-FAM'`,
    );
    expect(family.rows[0]).toEqual({
      name: 'Aurora Family, Plus',
      kind: 'family',
      services: ['second_medical_opinion', 'virtual_doctor'],
    });
  });

  it('the March file has a birth date in 2088 on line 7: nothing is imported and the report names line 7', async () => {
    const report = await run('members-2026-03-bad-birth-date.csv', { kind: 'members' });
    expect(report).toMatchObject({ rejected: true, written: false, rowsRead: 11, validRows: 10 });
    expect(formatReport(report)[0]).toBe('line 7: date_of_birth: is in the future');
    expect(await count('membership')).toBe(0);
    expect(await count('member')).toBe(0);
    expect(await importEvents()).toHaveLength(2);
  });

  it('a dry run of the same file with --skip-bad-rows says what would be imported, and writes nothing', async () => {
    const report = await run('members-2026-03-bad-birth-date.csv', {
      kind: 'members',
      skipBadRows: true,
      dryRun: true,
    });
    expect(report).toMatchObject({
      rejected: false,
      written: false,
      changes: { memberships: { created: 7 }, members: { created: 10 } },
    });
    expect(formatReport(report).at(-1)).toBe(
      'members file: 11 rows, 10 valid, 1 rejected, 1 error; dry run, nothing written; would import memberships: 7 new, 0 updated, 0 unchanged; members: 10 new, 0 updated, 0 unchanged',
    );
    expect(await count('member')).toBe(0);
  });

  it('with --skip-bad-rows the other ten people are imported and line 7 is still reported', async () => {
    const report = await run('members-2026-03-bad-birth-date.csv', { kind: 'members', skipBadRows: true });
    expect(report).toMatchObject({ written: true, validRows: 10, rejectedRows: 1 });
    expect(formatReport(report)[0]).toBe('line 7: date_of_birth: is in the future');
    expect(await count('member')).toBe(10);
    expect(await count('membership')).toBe(7);
    const wei = await server.sql.query(`SELECT 1 FROM member WHERE member_number = 'AUR-100241-01'`);
    expect(wei.rowCount).toBe(0);
  });

  it('the corrected file adds Wei Zhang and leaves everyone else as they were', async () => {
    const before = await registerSnapshot();
    const report = await run('members-2026-03.csv', { kind: 'members' });
    expect(report).toMatchObject({
      written: true,
      problems: [],
      changes: {
        memberships: { created: 1, updated: 0, unchanged: 7 },
        members: { created: 1, updated: 0, unchanged: 10 },
      },
    });
    const after = await registerSnapshot();
    expect(after.members.filter((row) => row.member_number !== 'AUR-100241-01')).toEqual(before.members);
    const wei = await server.sql.query(
      `SELECT m.preferred_language, e.code AS employer, ms.end_date::text
         FROM member m JOIN membership ms ON ms.id = m.membership_id JOIN employer e ON e.id = ms.employer_id
        WHERE m.member_number = 'AUR-100241-01'`,
    );
    expect(wei.rows[0]).toEqual({
      preferred_language: 'zh-CN',
      employer: 'NORDWIND',
      end_date: '2026-12-31',
    });
  });

  it('the Durand family: Léa is on her mother’s membership, with her mother as guardian', async () => {
    const lea = await server.sql.query(
      `SELECT child.relationship, guardian.given_name AS guardian, ms.membership_number
         FROM member child
         JOIN member guardian ON guardian.id = child.guardian_member_id
         JOIN membership ms ON ms.id = child.membership_id
        WHERE child.member_number = 'AUR-100232-03'`,
    );
    expect(lea.rows[0]).toEqual({
      relationship: 'child',
      guardian: 'Camille',
      membership_number: 'AUR-100232',
    });
  });

  it('importing the same files again changes nothing and creates nothing twice', async () => {
    const before = await registerSnapshot();
    const plans = await run('plans.csv', { kind: 'plans' });
    expect(plans.changes).toEqual({
      insurers: { created: 0, updated: 0, unchanged: 1 },
      plans: { created: 0, updated: 0, unchanged: 4 },
    });
    const members = await run('members-2026-03.csv', { kind: 'members' });
    expect(members.changes).toEqual({
      memberships: { created: 0, updated: 0, unchanged: 8 },
      members: { created: 0, updated: 0, unchanged: 11 },
    });
    expect(await registerSnapshot()).toEqual(before);
    expect(await count('plan_product')).toBe(4);
  });

  it('a changed row updates that member only', async () => {
    const changed = fixture('members-2026-03.csv')
      .toString('utf8')
      .replace('Giulia,Rossi,1992-05-19,IT,it', 'Giulia,Rossi,1992-05-19,IT,en');
    const report = await importRegister(ctx, {
      kind: 'members',
      format: 'csv',
      content: changed,
      skipBadRows: false,
      dryRun: false,
    });
    expect(report.changes.members).toEqual({ created: 0, updated: 1, unchanged: 10 });
    const giulia = await server.sql.query(
      `SELECT preferred_language FROM member WHERE member_number = 'AUR-100260-01'`,
    );
    expect(giulia.rows[0].preferred_language).toBe('en');
  });

  it('each import that wrote is one register.imported event by the system, in the audit trail', async () => {
    const events = await importEvents();
    expect(events).toHaveLength(7);
    expect(events[0]).toEqual({
      actor_user_id: null,
      actor_role: 'system',
      entity_type: 'register',
      entity_id: 'plans',
      purpose: 'administration',
      details: { format: 'csv', rows: 4, skipped: 0 },
    });
    expect(events[2]).toMatchObject({
      entity_id: 'members',
      details: { format: 'csv', rows: 10, skipped: 1 },
    });
  });
});

// --- The operator command -----------------------------------------------------------------------

describe('the operator runs `register import` from the command line', () => {
  let databaseUrl: string;
  let dataDir: string;
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
  };

  /** The operator's `npm run cli -- register import ...`, with this story's database and data folder. */
  const cli = (...args: string[]) =>
    runCli(['register', 'import', ...args], { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, ...secrets });

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'consilium-cli-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'imports the plans, refuses the member file with a bad row (exit 1), and says why',
    { timeout: 180_000 },
    async () => {
      const plans = await cli(fixturePath('plans.csv'), '--kind', 'plans');
      expect(plans).toMatchObject({ code: 0, stderr: '' });
      expect(plans.stdout).toBe(
        'plans file: 4 rows, 4 valid, 0 rejected, 0 errors; imported insurers: 1 new, 0 updated, 0 unchanged; plans: 4 new, 0 updated, 0 unchanged\n',
      );
      await cli(fixturePath('employers.json'), '--kind', 'employers');

      const members = await cli(fixturePath('members-2026-03-bad-birth-date.csv'), '--kind', 'members');
      expect(members.code).toBe(1);
      expect(members.stdout.split('\n')).toEqual([
        'line 7: date_of_birth: is in the future',
        'members file: 11 rows, 10 valid, 1 rejected, 1 error; nothing imported (fix the errors, or use --skip-bad-rows to import the valid rows)',
        '',
      ]);

      const dryRun = await cli(fixturePath('members-2026-03.csv'), '--kind', 'members', '--dry-run');
      expect(dryRun.code).toBe(0);
      expect(dryRun.stdout).toContain('dry run, nothing written; would import memberships: 8 new');
    },
  );

  it(
    'refuses a file it cannot tell the format of, or a kind that does not exist',
    { timeout: 120_000 },
    async () => {
      const unknownFormat = await cli('members.xlsx', '--kind', 'members');
      expect(unknownFormat.code).toBe(1);
      expect(unknownFormat.stderr).toContain('cannot tell the format of members.xlsx');
      const badKind = await cli(fixturePath('plans.csv'), '--kind', 'products');
      expect(badKind.code).toBe(1);
      expect(badKind.stderr).toContain('Allowed choices are plans, employers, members');
    },
  );
});

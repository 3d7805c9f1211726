import { Command, CommanderError, Option } from 'commander';
import { createReadStream, readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, ConfigError, operatorLocaleEnv } from './config.js';
import { openRuntime, type Runtime } from './boot.js';
import { createLogger } from './platform/logger.js';
import { verifyAuditChain } from './modules/audit/service.js';
import {
  fileSizeProblem,
  formatFromFileName,
  formatProblem,
  formatReport,
  registerFormats,
  registerKinds,
  type RegisterFormat,
  type RegisterKind,
} from './modules/plans/import.js';
import { importRegister } from './modules/plans/service.js';
import { ORPHAN_GRACE_MS, sweepOrphanBlobs } from './modules/documents/service.js';
import { systemContext } from './platform/context.js';
import { addPlanCommands } from './modules/planning/plan-command.js';
import { AppError } from './platform/errors.js';
import { currentTotpCode, type DemoAccounts } from './demo/seed.js';
import { StaffCreation, staffRoles } from '../shared/identity.js';
import type { FacilityImportFormat } from '../shared/facilities.js';
import type { SpecialistImportFormat } from '../shared/specialists.js';

/** Where a command reads its settings and writes what it has to say. */
export interface OperatorIo {
  /** The settings; the process's own environment when absent (as `loadConfig` reads it). */
  env?: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * Operator commands: `npm run cli -- <command>` (the entry is `cli.ts`). Each opens the same
 * database the server uses (embedded or DATABASE_URL) and ends with 0 on success, 1 on a finding
 * or failure, 78 on a setting that cannot be read. `argv` holds the words after the program's
 * name; the answer is the exit code.
 */
export async function runOperatorCommand(argv: readonly string[], io: OperatorIo): Promise<number> {
  let exitCode = 0;
  const program = operatorProgram(io, () => (exitCode = 1));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error: unknown) {
    if (error instanceof CommanderError) {
      if (error.code !== 'commander.helpDisplayed' && error.code !== 'commander.version') {
        // Commander has written its own "error: ..." lines; ours it has not.
        if (!error.message.startsWith('error:')) io.stderr.write(`${error.message}\n`);
      }
      return error.exitCode;
    }
    if (error instanceof AppError) {
      io.stderr.write(`${error.detail ?? error.message}\n`);
      return 1;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 78;
    }
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/**
 * The format of a network or register file (CSV, or a FHIR R4 Bundle as JSON): the one asked for,
 * else from the file name. Refuses a name it cannot tell and a file that is not there.
 */
function csvOrFhirFile(file: string, asked: 'csv' | 'fhir' | undefined, command: string): 'csv' | 'fhir' {
  const extension = path.extname(file).toLowerCase();
  const format = asked ?? (extension === '.csv' ? 'csv' : extension === '.json' ? 'fhir' : undefined);
  if (!format) {
    throw new CommanderError(
      1,
      command,
      `cannot tell the format of ${file}: add --format csv or --format fhir`,
    );
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new CommanderError(1, command, `${file}: no such file`);
  }
  return format;
}

/** A generator's `--count` and `--seed`, checked. */
function generatorOptions(options: { count: string; seed: string }, command: string) {
  const count = Number(options.count);
  const seed = Number(options.seed);
  if (!Number.isInteger(count) || count < 1 || count > 5_000_000)
    throw new CommanderError(1, command, '--count must be a whole number from 1 to 5000000');
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31)
    throw new CommanderError(1, command, '--seed must be a whole number from 0 to 2147483648');
  return { count, seed };
}

function operatorProgram(io: OperatorIo, reportFinding: () => void): Command {
  async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
    const config = loadConfig(io.env);
    const runtime = await openRuntime(
      config,
      createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
    );
    try {
      return await work(runtime);
    } finally {
      await runtime.close();
    }
  }

  /**
   * Creates a staff account as operations do in the console, from options already gathered, and
   * prints its temporary password once. `command` names the command in its refusals.
   */
  async function createStaffAccount(command: string, input: Record<string, unknown>, source: string) {
    const parsed = StaffCreation.safeParse(input);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new CommanderError(1, command, problems.join('\n'));
    }
    const { createStaff } = await import('./modules/identity/service.js');
    const created = await withRuntime((runtime) =>
      createStaff(systemContext(runtime, source), runtime.auth, parsed.data),
    ).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'staff.email_taken')
        throw new CommanderError(1, command, `an account already has the address ${parsed.data.email}`);
      throw error;
    });
    return created;
  }

  const program = new Command()
    .name('consilium')
    .description('Consilium operator commands')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    })
    .showHelpAfterError();

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description(
      'recompute the hash chain, check it against the signed heads, and report the first broken link',
    )
    .action(async () => {
      const result = await withRuntime((runtime) => verifyAuditChain(runtime));
      if (result.ok) {
        io.stdout.write(
          `audit chain intact: ${result.checked} events checked against ${result.anchors} signed heads\n`,
        );
      } else {
        // Sequence numbers and reasons only: never an event's details.
        const where = result.firstBrokenSeq === null ? '' : ` at event ${result.firstBrokenSeq}`;
        io.stdout.write(
          `audit chain BROKEN${where}: ${result.reason} (${result.checked} events in the trail)\n`,
        );
        reportFinding();
      }
    });

  const accounts = program.command('accounts').description('accounts of members and staff');
  accounts
    .command('test-mark')
    .argument('<email>', "the account's e-mail address")
    .option('--off', 'take the mark off: the account counts again')
    .description(
      'mark an account as a test account (training, checks in production): it works as any other, ' +
        'but what it does never counts in figures such as the service rating',
    )
    .action(async (email: string, options: { off?: boolean }) => {
      const { markTestAccount } = await import('./modules/identity/service.js');
      const marked = await withRuntime((runtime) =>
        markTestAccount(systemContext(runtime, 'cli-accounts-test-mark'), {
          email,
          testAccount: !options.off,
        }),
      ).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'resource.not_found')
          throw new CommanderError(1, 'accounts', `no account has the address ${email}`);
        throw error;
      });
      io.stdout.write(
        `account ${marked.userId} ${options.off ? 'counts again' : 'marked as a test account: it never counts'}\n`,
      );
    });

  accounts
    .command('staff')
    .description(
      'create a staff account, as operations do in the console: the first operations account of a ' +
        'new installation, or any other; prints the temporary password once (replaced at first sign-in, ' +
        'then the authenticator app is enrolled). Specialists: `specialists account`',
    )
    .requiredOption('--email <email>', 'their e-mail address')
    .requiredOption('--name <name>', 'the name the account shows')
    .addOption(
      new Option('--role <role>', 'what they do')
        .choices(staffRoles.filter((role) => role !== 'specialist'))
        .makeOptionMandatory(),
    )
    .option('--languages <tags>', 'the languages they work in, comma-separated BCP 47 tags', 'en')
    .option('--locale <tag>', "the account's language (default: the first of --languages)")
    .option('--time-zone <zone>', 'an IANA time zone', 'UTC')
    .option('--employer-id <id>', 'an employer admin: the id of the company they administer')
    .action(
      async (options: {
        email: string;
        name: string;
        role: string;
        languages: string;
        locale?: string;
        timeZone: string;
        employerId?: string;
      }) => {
        const languages = options.languages.split(',').map((tag) => tag.trim());
        const created = await createStaffAccount(
          'accounts',
          {
            email: options.email,
            name: options.name,
            role: options.role,
            languages,
            locale: options.locale ?? languages[0],
            timeZone: options.timeZone,
            ...(options.employerId ? { employerId: options.employerId } : {}),
          },
          'cli-accounts-staff',
        );
        io.stdout.write(
          `${options.role} account ${created.userId} created for ${options.email.toLowerCase()}\n` +
            `temporary password (shown once; give it to them, never by e-mail): ${created.temporaryPassword}\n`,
        );
      },
    );

  const demo = program.command('demo').description('the demo data (development only)');
  demo
    .command('totp')
    .argument('<email>', 'a demo staff account')
    .description('print the current two-factor code of a demo staff account')
    .action(async (email: string) => {
      const config = loadConfig(io.env);
      if (config.env === 'production')
        throw new CommanderError(1, 'demo', 'demo commands are off in production');
      const file = path.join(config.dataDir, 'demo-accounts.json');
      if (!existsSync(file)) throw new CommanderError(1, 'demo', 'no demo accounts in this data folder');
      const accounts = JSON.parse(readFileSync(file, 'utf8')) as DemoAccounts;
      const account = accounts.accounts.find((entry) => entry.email === email.toLowerCase());
      if (!account?.totpSecret) throw new CommanderError(1, 'demo', `no demo staff account ${email}`);
      io.stdout.write(`${await currentTotpCode(account.totpSecret)}\n`);
    });

  const register = program.command('register').description('the members-and-plans register');
  register
    .command('import')
    .argument('<file>', 'the CSV or JSON file from the insurer')
    .description(
      'check a register file row by row and import it in one transaction; a file with any error imports nothing ' +
        '(exit code 1 when errors are reported and nothing was written)',
    )
    .addOption(
      new Option('--kind <kind>', 'what the file holds').choices(registerKinds).makeOptionMandatory(),
    )
    .addOption(
      new Option('--format <format>', 'the file format (default: from the file name)').choices(
        registerFormats,
      ),
    )
    .option(
      '--skip-bad-rows',
      'import the valid rows and report the bad ones (a membership with a bad row is skipped whole)',
    )
    .option('--dry-run', 'check and report only; write nothing')
    .action(
      async (
        file: string,
        options: { kind: RegisterKind; format?: RegisterFormat; skipBadRows?: boolean; dryRun?: boolean },
      ) => {
        const format = options.format ?? formatFromFileName(file);
        if (!format) {
          throw new CommanderError(
            1,
            'register',
            `cannot tell the format of ${file} from its name: add --format csv or --format json`,
          );
        }
        const stat = existsSync(file) ? statSync(file) : undefined;
        if (!stat?.isFile()) throw new CommanderError(1, 'register', `${file}: no such file`);
        const tooBig = fileSizeProblem(stat.size);
        if (tooBig) {
          io.stdout.write(`${formatProblem(tooBig)}\n`);
          reportFinding();
          return;
        }
        const content = readFileSync(file);
        const report = await withRuntime((runtime) =>
          importRegister(systemContext(runtime, 'cli-register-import'), {
            kind: options.kind,
            format,
            content,
            skipBadRows: options.skipBadRows === true,
            dryRun: options.dryRun === true,
          }),
        );
        io.stdout.write(`${formatReport(report).join('\n')}\n`);
        if (report.problems.length > 0 && !report.written) reportFinding();
      },
    );

  const specialists = program.command('specialists').description('the specialist network');
  specialists
    .command('import')
    .argument(
      '<file>',
      'a CSV file or a FHIR R4 Bundle (JSON) of Practitioner, PractitionerRole and Organization',
    )
    .description(
      'check every row or entry and import the network file in one transaction; with any rejected row nothing ' +
        'is imported (exit code 1) unless --skip-invalid',
    )
    .addOption(
      new Option('--format <format>', 'csv or fhir (default: from the file name: .csv, .json)').choices([
        'csv',
        'fhir',
      ]),
    )
    .option('--skip-invalid', 'import the valid rows and report the rejected ones')
    .action(async (file: string, options: { format?: SpecialistImportFormat; skipInvalid?: boolean }) => {
      const format = csvOrFhirFile(file, options.format, 'specialists');
      // The network's modules (taxonomy, parsers, generator) load only for its own commands.
      const { formatImportReport, importNetwork } = await import('./modules/specialists/service.js');
      const source = createReadStream(file);
      const report = await withRuntime((runtime) =>
        importNetwork(systemContext(runtime, 'cli-specialists-import'), {
          format,
          source,
          skipInvalid: options.skipInvalid === true,
        }),
      ).finally(() => source.destroy());
      io.stdout.write(`${formatImportReport(report).join('\n')}\n`);
      if (!report.applied) reportFinding();
    });
  specialists
    .command('generate')
    .description(
      'add a deterministic, realistic generated network (the same seed gives the same specialists)',
    )
    .option('--count <count>', 'how many specialists', '50000')
    .option('--seed <seed>', 'the seed', '42')
    .action(async (options: { count: string; seed: string }) => {
      const { count, seed } = generatorOptions(options, 'specialists');
      const { generateSpecialists } = await import('./modules/specialists/service.js');
      const result = await withRuntime((runtime) =>
        generateSpecialists(systemContext(runtime, 'cli-specialists-generate'), {
          count,
          seed,
          onProgress: (written) => io.stderr.write(`\r${written} / ${count}`),
        }),
      );
      io.stderr.write('\n');
      io.stdout.write(`generated ${result.written} specialists with seed ${seed}\n`);
    });
  specialists
    .command('account')
    .argument('<specialistId>', 'the id of the record in the network')
    .description(
      "create a specialist's desk account for their record in the network, as operations do in the console; " +
        'prints the temporary password once (the specialist replaces it at first sign-in)',
    )
    .requiredOption('--email <email>', "the specialist's e-mail address")
    .requiredOption('--name <name>', 'the name the account shows, for example "Dra. Ana Torres"')
    .option('--locale <tag>', "the account's language (default: from the record's languages)")
    .option('--time-zone <zone>', 'an IANA time zone', 'UTC')
    .action(
      async (
        specialistId: string,
        options: { email: string; name: string; locale?: string; timeZone: string },
      ) => {
        const created = await createStaffAccount(
          'specialists',
          {
            email: options.email,
            name: options.name,
            role: 'specialist',
            specialistId,
            timeZone: options.timeZone,
            ...(options.locale ? { locale: options.locale } : {}),
          },
          'cli-specialists-account',
        ).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'resource.not_found')
            throw new CommanderError(
              1,
              'specialists',
              `no specialist of the network has the id ${specialistId}`,
            );
          throw error;
        });
        io.stdout.write(
          `desk account ${created.userId} created for specialist ${specialistId}\n` +
            `temporary password (shown once; give it to the specialist, never by e-mail): ${created.temporaryPassword}\n`,
        );
      },
    );

  const coverage = program.command('coverage').description('what the plans pay for (docs/coverage.md)');
  coverage
    .command('import')
    .argument('<file>', 'benefit rules (JSON), paid claims or declared conditions (CSV)')
    .description(
      'check a coverage file and import it in one transaction; any problem imports nothing (exit code 1). ' +
        'Benefit rules replace the versions of the plans the file names; paid claims and declared conditions are added',
    )
    .addOption(
      new Option('--kind <kind>', 'what the file holds')
        .choices(['benefits', 'paid', 'conditions'])
        .makeOptionMandatory(),
    )
    .option('--dry-run', 'check and report only; write nothing')
    .action(async (file: string, options: { kind: 'benefits' | 'paid' | 'conditions'; dryRun?: boolean }) => {
      const stat = existsSync(file) ? statSync(file) : undefined;
      if (!stat?.isFile()) throw new CommanderError(1, 'coverage', `${file}: no such file`);
      const { formatCoverageReport, importCoverageFile } = await import('./modules/coverage/service.js');
      const { MAX_RULES_FILE_BYTES } = await import('./modules/coverage/rules-file.js');
      if (stat.size > MAX_RULES_FILE_BYTES)
        throw new CommanderError(1, 'coverage', `${file}: larger than ${MAX_RULES_FILE_BYTES} bytes`);
      const content = readFileSync(file);
      const report = await withRuntime((runtime) =>
        importCoverageFile(systemContext(runtime, 'cli-coverage-import'), {
          kind: options.kind,
          content,
          dryRun: options.dryRun === true,
        }),
      );
      io.stdout.write(`${formatCoverageReport(report).join('\n')}\n`);
      if (report.problems.length > 0) reportFinding();
    });

  const facilities = program.command('facilities').description('the facilities register');
  facilities
    .command('import')
    .argument(
      '<file>',
      'a CSV file or a FHIR R4 Bundle (JSON) of Location, Organization and HealthcareService',
    )
    .description(
      'check every row or entry and import the facilities file in one transaction; with any rejected row ' +
        'nothing is imported (exit code 1) unless --skip-invalid',
    )
    .addOption(
      new Option('--format <format>', 'csv or fhir (default: from the file name: .csv, .json)').choices([
        'csv',
        'fhir',
      ]),
    )
    .option('--skip-invalid', 'import the valid rows and report the rejected ones')
    .action(async (file: string, options: { format?: FacilityImportFormat; skipInvalid?: boolean }) => {
      const format = csvOrFhirFile(file, options.format, 'facilities');
      // The register's modules (taxonomy, parsers, generator) load only for its own commands.
      const { formatImportReport, importFacilities } = await import('./modules/facilities/service.js');
      const source = createReadStream(file);
      const report = await withRuntime((runtime) =>
        importFacilities(systemContext(runtime, 'cli-facilities-import'), {
          format,
          source,
          skipInvalid: options.skipInvalid === true,
        }),
      ).finally(() => source.destroy());
      io.stdout.write(`${formatImportReport(report).join('\n')}\n`);
      if (!report.applied) reportFinding();
    });
  facilities
    .command('generate')
    .description(
      'add a deterministic, realistic generated register on real cities (the same seed gives the same facilities)',
    )
    .option('--count <count>', 'how many facilities', '20000')
    .option('--seed <seed>', 'the seed', '42')
    .action(async (options: { count: string; seed: string }) => {
      const { count, seed } = generatorOptions(options, 'facilities');
      const { generateFacilities } = await import('./modules/facilities/service.js');
      const result = await withRuntime((runtime) =>
        generateFacilities(systemContext(runtime, 'cli-facilities-generate'), {
          count,
          seed,
          onProgress: (written) => io.stderr.write(`\r${written} / ${count}`),
        }),
      );
      io.stderr.write('\n');
      io.stdout.write(`generated ${result.written} facilities with seed ${seed}\n`);
    });

  const documents = program.command('documents').description('the document store');
  documents
    .command('sweep')
    .description(
      'remove blobs without metadata older than the grace period, unfinished writes, and resumable uploads ' +
        'left unfinished for 24 hours',
    )
    .option(
      '--older-than-minutes <minutes>',
      'grace period for blobs without metadata',
      String(ORPHAN_GRACE_MS / 60_000),
    )
    .action(async (options: { olderThanMinutes: string }) => {
      const minutes = Number(options.olderThanMinutes);
      if (!Number.isFinite(minutes) || minutes < 0)
        throw new CommanderError(1, 'documents', '--older-than-minutes must be a number of minutes');
      const report = await withRuntime((runtime) => sweepOrphanBlobs(runtime, minutes * 60_000));
      io.stdout.write(
        `document store swept: ${report.orphanBlobsDeleted} orphan blobs, ${report.unfinishedWritesDeleted} unfinished ` +
          `writes, ${report.staleUploadsDeleted} stale resumable uploads removed\n`,
      );
    });

  addPlanCommands(program, { ...io, env: operatorLocaleEnv(io.env) }, withRuntime);

  return program;
}

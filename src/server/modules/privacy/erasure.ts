import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { RequestContext } from '../../platform/context.js';
import type { Database, Queryable, Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { ErasurePlan, RetentionHold } from '../../../shared/privacy.js';
import { recordAudit } from '../audit/index.js';
import { casesOfMember, eraseCaseRecords } from '../cases/index.js';
import { removeShreddedBlobs, shredDocumentsOfCases } from '../documents/index.js';
import { eraseServiceReviewsOfMember } from '../feedback/index.js';
import { eraseAccountOfMember } from '../identity/index.js';
import { eraseMessagesOfCases } from '../messaging/index.js';
import { eraseOutcomesOfCases } from '../outcomes/index.js';
import { findRegisterEntry, pseudonymiseRegisterEntry } from '../plans/index.js';
import { eraseRecordsCollectionOfCases } from '../records/index.js';
import { eraseReferralsOfCases } from '../referrals/index.js';
import { eraseReviewsOfCases } from '../reviews/index.js';
import * as repo from './repo.js';
import type { ErasureScope } from './schema.js';

export type RetentionSettings = Pick<Config['privacy'], 'retentionYears' | 'retentionByCountry'>;

const ENDED = new Set(['closed', 'withdrawn']);

/** Years after the end of a case that its medical records are kept, for a member of this country. */
export const retentionYearsFor = (settings: RetentionSettings, country: string): number =>
  settings.retentionByCountry[country] ?? settings.retentionYears;

function addYears(at: Date, years: number): Date {
  const until = new Date(at);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until;
}

/**
 * What erasing the member would do now: cases still open stop it; ended cases within their
 * retention period are kept (with the rule and until when); the others may go.
 */
export async function planErasure(
  db: Queryable,
  settings: RetentionSettings,
  memberId: string,
  now: Date,
): Promise<ErasurePlan & { erasableCaseIds: string[] }> {
  const person = await findRegisterEntry(db, memberId);
  const country = person?.country ?? '';
  const years = retentionYearsFor(settings, country);
  const plan = {
    openCaseNumbers: [] as string[],
    retained: [] as RetentionHold[],
    erasableCaseNumbers: [] as string[],
  };
  const erasableCaseIds: string[] = [];
  for (const kase of await casesOfMember(db, memberId)) {
    if (!ENDED.has(kase.status)) {
      plan.openCaseNumbers.push(kase.number);
      continue;
    }
    const endedAt = kase.closedAt ?? kase.withdrawnAt ?? kase.updatedAt;
    const retainedUntil = addYears(endedAt, years);
    if (retainedUntil > now) {
      plan.retained.push({
        caseId: kase.id,
        caseNumber: kase.number,
        country,
        years,
        retainedUntil: retainedUntil.toISOString(),
      });
    } else {
      plan.erasableCaseNumbers.push(kase.number);
      erasableCaseIds.push(kase.id);
    }
  }
  return { ...plan, erasableCaseIds };
}

/** The steps of an erasure, each idempotent: run once by the decision, again by every replay. */
async function applyErasure(tx: Tx, memberId: string, scope: ErasureScope, now: Date): Promise<string[]> {
  const storageKeys = await shredDocumentsOfCases(tx, scope.caseIds);
  await eraseMessagesOfCases(tx, scope.caseIds);
  await eraseReviewsOfCases(tx, scope.caseIds);
  await eraseOutcomesOfCases(tx, scope.caseIds);
  await eraseRecordsCollectionOfCases(tx, scope.caseIds);
  await eraseReferralsOfCases(tx, scope.caseIds);
  await eraseCaseRecords(tx, scope.caseIds);
  // A service review is not a medical record: its words go whatever the retention of its case.
  await eraseServiceReviewsOfMember(tx, memberId);
  if (scope.account) await eraseAccountOfMember(tx, memberId, now);
  if (scope.register) await pseudonymiseRegisterEntry(tx, memberId, now);
  await repo.eraseRequestMessages(tx, memberId);
  const archives = await repo.exportsWithContent(tx, memberId);
  await repo.markExportsExpired(
    tx,
    archives.map((archive) => archive.id),
  );
  return [...storageKeys, ...archives.map((archive) => archive.storageKey as string)];
}

export interface ErasureDone {
  entry: repo.ErasureLedgerRow;
  /** Blobs to remove once the transaction has committed. */
  storageKeys: string[];
  retainedCases: number;
}

/**
 * Erases the member in the caller's transaction. Refused with `privacy.erasure_open_case` while a
 * case is open, and with `privacy.erasure_retained` (the rule attached) when records are within
 * their retention period, unless `keepRetained`: then what may go goes and the rest stays. The
 * register entry (the patient of the records) is pseudonymised only when no record is kept.
 */
export async function eraseMember(
  tx: Tx,
  ctx: RequestContext,
  settings: RetentionSettings,
  input: { memberId: string; privacyRequestId: string | null; keepRetained: boolean },
): Promise<ErasureDone> {
  const now = ctx.clock.now();
  const plan = await planErasure(tx, settings, input.memberId, now);
  if (plan.openCaseNumbers.length > 0) {
    throw new AppError('privacy.erasure_open_case', {
      extensions: { openCaseNumbers: plan.openCaseNumbers },
    });
  }
  if (plan.retained.length > 0 && !input.keepRetained) {
    throw new AppError('privacy.erasure_retained', { extensions: { retained: plan.retained } });
  }
  const scope: ErasureScope = {
    caseIds: plan.erasableCaseIds,
    account: true,
    register: plan.retained.length === 0,
  };
  const storageKeys = await applyErasure(tx, input.memberId, scope, now);
  const entry = {
    id: uuidv7(),
    memberId: input.memberId,
    privacyRequestId: input.privacyRequestId,
    erasedAt: now,
    scope,
  };
  await repo.insertLedgerEntry(tx, entry);
  await recordAudit(
    tx,
    ctx,
    {
      action: 'member.erased',
      details: { erasedCases: scope.caseIds.length, retainedCases: plan.retained.length, replayed: false },
    },
    { entityType: 'member', entityId: input.memberId, subjectMemberId: input.memberId, purpose: 'privacy' },
  );
  return { entry, storageKeys, retainedCases: plan.retained.length };
}

// --- The ledger outside the database -------------------------------------------------------------

const LedgerLine = z.object({
  id: z.uuid(),
  memberId: z.uuid(),
  privacyRequestId: z.uuid().nullable(),
  erasedAt: z.iso.datetime(),
  scope: z.object({ caseIds: z.array(z.uuid()), account: z.boolean(), register: z.boolean() }),
});

const lineOf = (entry: repo.ErasureLedgerRow) =>
  `${JSON.stringify({ ...entry, erasedAt: entry.erasedAt.toISOString() })}\n`;

/** Appends entries to the ledger file and flushes it to disk. */
async function appendToLedgerFile(file: string, entries: repo.ErasureLedgerRow[]): Promise<void> {
  if (entries.length === 0) return;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await appendFile(file, entries.map(lineOf).join(''), { mode: 0o600 });
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readLedgerFile(file: string): Promise<repo.ErasureLedgerRow[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: repo.ErasureLedgerRow[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let parsed;
    try {
      parsed = LedgerLine.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    // A line cut short by a crash is the last one: anything else is damage an operator must see.
    if (!parsed?.success) throw new Error(`line ${index + 1} of the erasure ledger ${file} is damaged`);
    entries.push({ ...parsed.data, erasedAt: new Date(parsed.data.erasedAt) });
  }
  return entries;
}

type LedgerDeps = { db: Database; config: Pick<Config, 'privacy' | 'dataDir' | 'objectStore'> };

/** After an erasure has committed: the line in the file outside the database, and the blobs removed. */
export async function finishErasure(deps: LedgerDeps, done: ErasureDone): Promise<void> {
  await appendToLedgerFile(deps.config.privacy.erasureLedgerFile, [done.entry]);
  await removeShreddedBlobs(deps.config, done.storageKeys);
}

/**
 * At start: reconciles the ledger in the database with the file outside it, and replays every
 * erasure the file holds. A database restored from a backup made before an erasure has lost the
 * erasure's row but the file has not: the replay erases again, and the database gets its row back.
 * A line the file lacks (a crash between commit and append) is appended from the database.
 */
export async function replayErasureLedger(deps: LedgerDeps, ctx: RequestContext): Promise<number> {
  const file = deps.config.privacy.erasureLedgerFile;
  const inFile = await readLedgerFile(file);
  const inDatabase = await repo.listLedger(deps.db);
  const fileIds = new Set(inFile.map((entry) => entry.id));
  await appendToLedgerFile(
    file,
    inDatabase.filter((entry) => !fileIds.has(entry.id)),
  );
  const databaseIds = new Set(inDatabase.map((entry) => entry.id));
  let replayed = 0;
  for (const entry of inFile) {
    if (databaseIds.has(entry.id)) continue;
    const storageKeys = await deps.db.transaction(async (tx) => {
      const keys = await applyErasure(tx, entry.memberId, entry.scope, ctx.clock.now());
      await repo.insertLedgerEntry(tx, entry);
      await recordAudit(
        tx,
        ctx,
        {
          action: 'member.erased',
          details: { erasedCases: entry.scope.caseIds.length, retainedCases: 0, replayed: true },
        },
        {
          entityType: 'member',
          entityId: entry.memberId,
          subjectMemberId: entry.memberId,
          purpose: 'privacy',
        },
      );
      return keys;
    });
    await removeShreddedBlobs(deps.config, storageKeys);
    replayed += 1;
  }
  return replayed;
}

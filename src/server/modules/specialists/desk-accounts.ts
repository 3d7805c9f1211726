import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import * as repo from './repo.js';

/*
 * A record of the network becomes reviewable once it is linked to a desk account (role
 * `specialist`): operations create the account with the record's id (identity's `createStaff`),
 * and these two steps run in that creation's transaction. Kept apart from service.ts so that the
 * identity room does not load the importer and the generator.
 */

/**
 * The network record a desk account is being created for (identity's `createStaff`), locked until
 * the caller's transaction ends so that two operators cannot give it two accounts. Unknown: 404;
 * already linked to an account: 409. The account's defaults (language, country) come from it.
 */
export async function deskRecordForNewAccount(tx: Tx, specialistId: string) {
  const record = await repo.lockSpecialistForAccount(tx, specialistId);
  if (!record) throw notFound();
  if (record.userId !== null) throw new AppError('staff.specialist_already_linked');
  return record;
}

/** Links the record to its new desk account, in the account's creation transaction, audited. */
export async function linkDeskAccount(
  tx: Tx,
  ctx: RequestContext,
  input: { specialistId: string; userId: string },
): Promise<void> {
  const now = ctx.clock.now();
  if (!(await repo.linkAccount(tx, { ...input, now }))) throw new AppError('staff.specialist_already_linked');
  await recordAudit(
    tx,
    ctx,
    { action: 'specialist.desk_account_linked', details: { userId: input.userId } },
    { entityType: 'specialist', entityId: input.specialistId, purpose: 'administration' },
  );
}

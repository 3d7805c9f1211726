import { systemContext } from '../../platform/context.js';
import type { Room } from '../../room.js';
import { blobOwners } from '../documents/index.js';
import { replayErasureLedger } from './erasure.js';
import { ownedArchiveKeys } from './repo.js';
import { defineRequestJobs } from './requests.js';
import { privacyRoutes } from './routes.js';
import { defineExportJobs } from './service.js';

/**
 * The member's data in the member's hands: the export archive, requests to the privacy officer,
 * erasure with retention (and its ledger, replayed at start), and the privacy officer's desk.
 */
export const privacyRoom: Room = {
  name: 'privacy',
  routes: privacyRoutes,
  async jobs(jobs, runtime) {
    await defineExportJobs(jobs, runtime);
    await defineRequestJobs(jobs, runtime);
  },
  async start(runtime) {
    const replayed = await replayErasureLedger(runtime, systemContext(runtime, 'erasure-ledger-replay'));
    if (replayed > 0)
      runtime.log.warn({ replayed }, 'erasures replayed from the ledger (the database was restored)');
  },
  connect() {
    blobOwners.register('privacy.archives', ownedArchiveKeys);
  },
};

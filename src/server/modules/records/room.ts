import type { Room } from '../../room.js';
import { caseEnded } from '../cases/index.js';
import { handleClocks } from '../sla/index.js';
import { fireRecordsClock } from './clocks.js';
import { recordsClockKinds } from './link.js';
import { recordsRoutes } from './routes.js';
import { closeLinksOfCase } from './service.js';

/** Records straight from the treating doctors: providers, the member's release, provider links. */
export const recordsRoom: Room = {
  name: 'records',
  routes: recordsRoutes,
  connect() {
    // A case that ends closes its providers' links at once.
    caseEnded.register('records', (tx, ctx, caseId) => closeLinksOfCase(tx, ctx, caseId));
    // Reminders to providers and the overdue notice are clocks of the SLA room's sweep.
    handleClocks(recordsClockKinds, fireRecordsClock);
  },
};

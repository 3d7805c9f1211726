import type { Room } from '../../room.js';
import { coverageRoutes } from './routes.js';

/** What a plan pays for: benefit rules by version, the usage ledger and the cover check. */
export const coverageRoom: Room = { name: 'coverage', routes: coverageRoutes };

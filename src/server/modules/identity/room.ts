import type { Room } from '../../room.js';
import { identityRoutes } from './routes.js';

/** Accounts, sign-up by membership proof, staff and their profiles. */
export const identityRoom: Room = { name: 'identity', routes: identityRoutes };

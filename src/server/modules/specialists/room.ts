import type { Room } from '../../room.js';
import { specialistRoutes } from './routes.js';

/** The specialist network: import, search and matching, desk accounts, capacity. */
export const specialistsRoom: Room = { name: 'specialists', routes: specialistRoutes };

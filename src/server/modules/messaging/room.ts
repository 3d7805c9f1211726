import type { Room } from '../../room.js';
import { messagingRoutes } from './routes.js';

/** Messages between the member and their case manager, and the case's live stream. */
export const messagingRoom: Room = { name: 'messaging', routes: messagingRoutes };

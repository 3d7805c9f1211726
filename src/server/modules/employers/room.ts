import type { Room } from '../../room.js';
import { employersRoutes } from './routes.js';

/** The employer's Healthcare Hub (aggregates only), the add-ons of employer plans, and how members reach them. */
export const employersRoom: Room = { name: 'employers', routes: employersRoutes };

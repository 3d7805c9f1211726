import type { Room } from '../../room.js';
import { facilityRoutes } from './routes.js';

/** The facilities register: import, generation, corrections and the facility finder. */
export const facilitiesRoom: Room = { name: 'facilities', routes: facilityRoutes };

import type { Room } from '../../room.js';
import { caseRoutes } from './routes.js';

/** The case core and its lifecycle: request, contact, recommendations, follow-ups, closure. */
export const casesRoom: Room = { name: 'cases', routes: caseRoutes };

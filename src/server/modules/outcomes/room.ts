import type { Room } from '../../room.js';
import { outcomesRoutes } from './routes.js';

/**
 * Outcomes per case: what the opinion changed (one answer per case), what the member did
 * afterwards (check-ins and calls), and the figures operations read. Its reaction to delivered
 * recommendations (the outcome check-ins) is registered with its routes, which know the setting.
 */
export const outcomesRoom: Room = {
  name: 'outcomes',
  routes: outcomesRoutes,
};

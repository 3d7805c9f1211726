import type { Room } from '../../room.js';

/** Choosing a case manager: language, shift, capacity and continuity (no routes of its own). */
export const assignmentRoom: Room = { name: 'assignment' };

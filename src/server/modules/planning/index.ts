/** The planning room's public face: nothing yet (no other room needs the planner). */
export {};

/** The SLA room's public face: the 24-hour clocks of a case, and clocks for other rooms' deadlines. */
export { cancelPendingClocks, scheduleFirstContactClocks, type SlaSettings } from './repo.js';
export { cancelClocksOf, handleClocks, scheduleClock, type DueClock } from './clocks.js';
export { firstContactStanding, type FirstContactStanding } from './gauges.js';
export {
  FIRST_CONTACT_PROMISE_MS,
  RESCUE_WINDOW_MS,
  contactedInTime,
  firstContactDeadline,
  rescueDeadline,
} from './deadlines.js';
export { promiseFactsOf, type PromiseFact } from './promise-facts.js';

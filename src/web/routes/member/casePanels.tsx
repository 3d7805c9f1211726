/*
 * The case page's panels below the fold, in a chunk of their own that loads once the page is on
 * screen: the records and the upload, recommendations, the outcome check-in, follow-ups, calls, sharing consent, withdrawal
 * (each in panels/).
 */
export { RecordsPanel } from './panels/RecordsPanel';
export { RecommendationsPanel } from './panels/RecommendationsPanel';
export { FollowUpsPanel } from './panels/FollowUpsPanel';
export { OutcomeCheckInPanel } from './panels/OutcomeCheckIn';
export { CallsPanel } from './panels/CallsPanel';
export { SharingPanel } from './panels/SharingPanel';
export { WithdrawPanel } from './panels/WithdrawPanel';

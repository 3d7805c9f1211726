/**
 * The records room's public face: the member's export and erasure (the privacy room) read and
 * erase a case's providers, releases and requests through it.
 */
export { eraseRecordsCollectionOfCases, recordsCollectionOfCases } from './erasure.js';

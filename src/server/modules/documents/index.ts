/** The documents room's public face: the records of a case as other rooms may use them. */
export { activeSharingConsent } from './service.js';
export { fileGeneratedDocument } from './generated.js';
export { blobOwners, sharingConsentWithdrawn } from './hooks.js';
export { presentDocument } from './present.js';
export { fileExtension } from './sniff.js';
export { discardContent, documentBlobs, ingestContent, openContent } from './store.js';
export { documentsOfCases, isShredded, removeShreddedBlobs, shredDocumentsOfCases } from './erasure.js';

/** The documents room's public face: the records of a case as other rooms may use them. */
export { activeSharingConsent } from './service.js';
export { chosenDocumentsOfCase, fileGeneratedDocument, fileProviderDocument } from './generated.js';
export { blobOwners, sharingConsentWithdrawn } from './hooks.js';
export { presentDocument } from './present.js';
export { fileExtension } from './sniff.js';
export { discardContent, documentBlobs, documentStaging, ingestContent, openContent } from './store.js';
export {
  listDocuments as documentsOfCase,
  listSharingConsents as sharingConsentsOfCase,
  type DocumentRow,
  type SharingConsentRow,
} from './repo.js';
export { documentsPolicy } from './policy.js';
/** For another room's resumable uploads (a provider's link): one request at a time per upload. */
export { PostgresUploadLocker } from './upload-lock.js';
export { documentsOfCases, isShredded, removeShreddedBlobs, shredDocumentsOfCases } from './erasure.js';

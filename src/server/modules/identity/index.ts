/** The identity room's public face: what other rooms may ask about accounts and staff. */
export {
  accountIdByEmail,
  activeUserIdsWithRole,
  displayNameOf,
  findActiveProfile,
  sessionIsActive,
  staffNames,
  type ActiveProfile,
} from './repo.js';
export { accountOfMember, eraseAccountOfMember, erasedEmail } from './erasure.js';

/** The identity room's public face: what other rooms may ask about accounts and staff. */
export {
  activeUserIdsWithRole,
  displayNameOf,
  findActiveProfile,
  sessionIsActive,
  staffNames,
  type ActiveProfile,
} from './repo.js';

import 'i18next';
import type casePanels from './locales/case-panels/en.json';
import type coverage from './locales/coverage/en.json';
import type errors from './locales/errors/en.json';
import type accessLog from './locales/access-log/en.json';
import type account from './locales/account/en.json';
import type hub from './locales/hub/en.json';
import type imaging from './locales/imaging/en.json';
import type member from './locales/member/en.json';
import type ops from './locales/ops/en.json';
import type request from './locales/request/en.json';
import type shared from './locales/shared/en.json';
import type signIn from './locales/sign-in/en.json';
import type specialist from './locales/specialist/en.json';
import type staff from './locales/staff/en.json';
import type feedback from './locales/feedback/en.json';
import type employers from './locales/employers/en.json';
import type referrals from './locales/referrals/en.json';
import type outcomes from './locales/outcomes/en.json';
import type records from './locales/records/en.json';
import type followups from './locales/followups/en.json';
import type privacy from './locales/privacy/en.json';
import type planning from './locales/planning/en.json';

/** Keys are checked at compile time against the English catalogues (the reference), all areas. */
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: {
      translation: typeof shared &
        typeof casePanels &
        typeof errors &
        typeof member &
        typeof signIn &
        typeof hub &
        typeof request &
        typeof accessLog &
        typeof account &
        typeof staff &
        typeof ops &
        typeof specialist &
        typeof imaging &
        typeof coverage &
        typeof feedback &
        typeof employers &
        typeof referrals &
        typeof outcomes &
        typeof records &
        typeof followups &
        typeof privacy &
        typeof planning;
    };
    keySeparator: false;
    nsSeparator: false;
    returnNull: false;
  }
}

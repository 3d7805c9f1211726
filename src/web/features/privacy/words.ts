import type { TFunction } from 'i18next';
import type { PrivacyRequestKind, PrivacyRequestStatus } from '../../../shared/privacy';

/** The words of a request's kind and status, shared by the member's page and the desk. */
export const kindWords = (t: TFunction, kind: PrivacyRequestKind): string =>
  ({
    access: t('privacy.kind.access'),
    rectification: t('privacy.kind.rectification'),
    erasure: t('privacy.kind.erasure'),
    restriction: t('privacy.kind.restriction'),
    objection: t('privacy.kind.objection'),
  })[kind];

export const statusWords = (t: TFunction, status: PrivacyRequestStatus): string =>
  ({
    open: t('privacy.status.open'),
    granted: t('privacy.status.granted'),
    partially_granted: t('privacy.status.partially_granted'),
    refused: t('privacy.status.refused'),
  })[status];

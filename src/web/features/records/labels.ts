import type { KindOfDocument } from '../../../shared/document-types';
import type { ProviderRequestStatus } from '../../../shared/records';

export const recordKinds: KindOfDocument[] = [
  'report',
  'prescription',
  'test_result',
  'imaging',
  'letter',
  'other',
];

export const kindKey = {
  report: 'records.kind.report',
  prescription: 'records.kind.prescription',
  test_result: 'records.kind.test_result',
  imaging: 'records.kind.imaging',
  letter: 'records.kind.letter',
  other: 'records.kind.other',
} as const satisfies Record<KindOfDocument, string>;

export const statusKey = {
  requested: 'records.status.requested',
  authorised: 'records.status.authorised',
  sent: 'records.status.sent',
  opened: 'records.status.opened',
  received: 'records.status.received',
  not_held: 'records.status.not_held',
  overdue: 'records.status.overdue',
  withdrawn: 'records.status.withdrawn',
  revoked: 'records.status.revoked',
} as const satisfies Record<ProviderRequestStatus, string>;

/** Dark enough for white text; the words say the same, colour is never the only signal. */
export const statusColour: Record<ProviderRequestStatus, string> = {
  requested: '#52606d',
  authorised: '#005476',
  sent: '#005476',
  opened: '#005476',
  received: '#1b5e20',
  not_held: '#3e4c59',
  overdue: '#a51d1d',
  withdrawn: '#3e4c59',
  revoked: '#3e4c59',
};

export const closedKey = {
  expired: 'records.closed.expired',
  revoked: 'records.closed.revoked',
  finished: 'records.closed.finished',
  withdrawn: 'records.closed.withdrawn',
} as const;

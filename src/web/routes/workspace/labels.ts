import type { ContactChannel } from '../../../shared/cases';
import type { DocumentKind } from '../../../shared/documents';

// Every enum value has its own key, written out so that the catalogue test sees each one used.
export const channelKey = {
  phone: 'cm.channel.phone',
  video: 'cm.channel.video',
  message: 'cm.channel.message',
} as const satisfies Record<ContactChannel, string>;

export const outcomeKey = {
  reached: 'cm.outcome.reached',
  no_answer: 'cm.outcome.no_answer',
  left_message: 'cm.outcome.left_message',
  rescheduled: 'cm.outcome.rescheduled',
} as const;

export const documentKindKey = {
  report: 'cm.kind.report',
  prescription: 'cm.kind.prescription',
  test_result: 'cm.kind.test_result',
  imaging: 'cm.kind.imaging',
  letter: 'cm.kind.letter',
  other: 'cm.kind.other',
} as const satisfies Record<DocumentKind, string>;

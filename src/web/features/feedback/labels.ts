import type { WithholdReason } from '../../../shared/feedback';

/** Why the words were withheld, as the member reads it ("… : they name members of staff"). */
export const reasonKey = {
  health_details: 'feedback.reason.health_details',
  staff_names: 'feedback.reason.staff_names',
  abusive: 'feedback.reason.abusive',
  not_about_service: 'feedback.reason.not_about_service',
  advertising: 'feedback.reason.advertising',
} as const satisfies Record<WithholdReason, string>;

/** The same reasons as the moderator chooses them. */
export const reasonChoiceKey = {
  health_details: 'feedback.moderation.reasonChoice.health_details',
  staff_names: 'feedback.moderation.reasonChoice.staff_names',
  abusive: 'feedback.moderation.reasonChoice.abusive',
  not_about_service: 'feedback.moderation.reasonChoice.not_about_service',
  advertising: 'feedback.moderation.reasonChoice.advertising',
} as const satisfies Record<WithholdReason, string>;

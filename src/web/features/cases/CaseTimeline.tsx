import { Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '../../api/endpoints';
import { formatMoment } from '../../app/format';
import { caseStatusKey } from './status';
import { withoutReviewKey } from './withoutReview';

/** Each kind of timeline entry in words; written out so that the catalogue test sees every key. */
const eventKey: Record<string, string> = {
  submitted: 'timeline.event.submitted',
  assign: 'timeline.event.assign',
  assignment_pending: 'timeline.event.assignment_pending',
  reassigned: 'timeline.event.reassigned',
  reassignment_reason: 'timeline.event.reassignment_reason',
  contact_recorded: 'timeline.event.contact_recorded',
  record_first_contact: 'timeline.event.record_first_contact',
  call_proposed: 'timeline.event.call_proposed',
  call_scheduled: 'timeline.event.call_scheduled',
  record_requested: 'timeline.event.record_requested',
  document_uploaded: 'timeline.event.document_uploaded',
  sharing_consent_given: 'timeline.event.sharing_consent_given',
  sharing_consent_withdrawn: 'timeline.event.sharing_consent_withdrawn',
  provider_records_requested: 'timeline.event.provider_records_requested',
  records_release_signed: 'timeline.event.records_release_signed',
  records_release_withdrawn: 'timeline.event.records_release_withdrawn',
  provider_records_answered: 'timeline.event.provider_records_answered',
  followup_question_forwarded: 'timeline.event.followup_question_forwarded',
  followup_answered: 'timeline.event.followup_answered',
  followup_answer_edited: 'timeline.event.followup_answer_edited',
  followup_answer_overdue: 'timeline.event.followup_answer_overdue',
  recommendations_drafted: 'timeline.event.recommendations_drafted',
  deliver_recommendations: 'timeline.event.deliver_recommendations',
  recommendations_acknowledged: 'timeline.event.recommendations_acknowledged',
  review_summary_written: 'timeline.event.review_summary_written',
  review_translation_entered: 'timeline.event.review_translation_entered',
  doctor_letter_sent: 'timeline.event.doctor_letter_sent',
  follow_ups_planned: 'timeline.event.follow_ups_planned',
  start_monitoring: 'timeline.event.start_monitoring',
  progress_reported: 'timeline.event.progress_reported',
  withdraw: 'timeline.event.withdraw',
  close: 'timeline.event.close',
  first_contact_warning: 'timeline.event.first_contact_warning',
  first_contact_escalation: 'timeline.event.first_contact_escalation',
  first_contact_breach: 'timeline.event.first_contact_breach',
  refer: 'timeline.event.refer',
  'referral.created': 'timeline.event.referral_created',
  'referral.withdrawn': 'timeline.event.referral_withdrawn',
  'preauthorisation.requested': 'timeline.event.preauthorisation_requested',
  'preauthorisation.first_approval': 'timeline.event.preauthorisation_first_approval',
  'preauthorisation.approved': 'timeline.event.preauthorisation_approved',
  'preauthorisation.declined': 'timeline.event.preauthorisation_declined',
  'preauthorisation.information_requested': 'timeline.event.preauthorisation_information_requested',
  'preauthorisation.information_given': 'timeline.event.preauthorisation_information_given',
};

const actorKey: Record<string, string> = {
  member: 'timeline.actor.member',
  guardian: 'timeline.actor.guardian',
  case_manager: 'timeline.actor.case_manager',
  specialist: 'timeline.actor.specialist',
  ops: 'timeline.actor.ops',
  privacy_officer: 'timeline.actor.privacy_officer',
  moderator: 'timeline.actor.moderator',
  cover_assessor: 'timeline.actor.cover_assessor',
  system: 'timeline.actor.system',
};

/** What happened, in a sentence: a known kind, else the status it moved to, else "updated". */
export function describeEvent(event: CaseEvent, t: TFunction): string {
  const known = eventKey[event.type];
  if (known) return t(known as 'timeline.event.submitted');
  if (event.toStatus) return t('timeline.event.status', { status: t(caseStatusKey[event.toStatus]) });
  return t('timeline.event.other');
}

/** The reason given; a delivery without a specialist review names its reason from the list. */
function reasonText(event: CaseEvent, t: TFunction): string {
  const known =
    event.type === 'deliver_recommendations' && event.reason && event.reason in withoutReviewKey
      ? withoutReviewKey[event.reason as keyof typeof withoutReviewKey]
      : undefined;
  return known ? t(known) : (event.reason ?? '');
}

/** Who did it: their name when the API gives one, else their role in words. */
export function describeActor(event: CaseEvent, t: TFunction): string {
  const role = actorKey[event.actor.role];
  const roleText = role ? t(role as 'timeline.actor.member') : t('timeline.actor.someone');
  return event.actor.name ? t('timeline.by.named', { name: event.actor.name, role: roleText }) : roleText;
}

/**
 * The timeline of a case, oldest first: what happened, who did it, when (in the viewer's time
 * zone), and the reason given. Used by the member's case page and the staff case view.
 */
export function CaseTimeline({ events, timeZone }: { events: CaseEvent[]; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  if (ordered.length === 0) return <Text>{t('timeline.empty')}</Text>;
  return (
    <Timeline
      active={ordered.length - 1}
      bulletSize={18}
      lineWidth={2}
      component="ol"
      className="plain-list"
      aria-label={t('timeline.heading')}
    >
      {ordered.map((event) => (
        <Timeline.Item
          key={event.id}
          component="li"
          bullet={<ThemeIcon size={18} radius="xl" color="brand.8" aria-hidden="true" />}
          title={describeEvent(event, t)}
        >
          <Stack gap={2}>
            <Text size="sm">{describeActor(event, t)}</Text>
            <Text size="sm" c="dimmed">
              <time dateTime={event.occurredAt}>
                {formatMoment(event.occurredAt, i18n.language, timeZone)}
              </time>
            </Text>
            {event.reason && <Text size="sm">{t('timeline.reason', { reason: reasonText(event, t) })}</Text>}
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

import { Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases';
import { staffApi, staffKeys } from '../../api/staff';
import { formatMoment } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { caseStatusKey, channelKey, languageName } from './labels';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text component="div" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

const dayKey = ['cm.day.0', 'cm.day.1', 'cm.day.2', 'cm.day.3', 'cm.day.4', 'cm.day.5', 'cm.day.6'] as const;

/** What the member told us when they asked, as they wrote it. */
export function IntakePanel({ kase }: { kase: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const regions = new Intl.DisplayNames([i18n.language], { type: 'region' });
  const region = (code: string) => {
    try {
      return regions.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const none = t('cm.intake.none');
  return (
    <Stack gap="md">
      <Field label={t('cm.intake.concern')}>{kase.concern}</Field>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field label={t('cm.intake.diagnosis')}>{kase.diagnosisReceived ?? none}</Field>
        <Field label={t('cm.intake.treatment')}>{kase.treatmentPlanReceived ?? none}</Field>
      </SimpleGrid>
      <Field label={t('cm.intake.firstOpinion')}>
        {[
          kase.firstOpinion.doctorName,
          kase.firstOpinion.institution,
          kase.firstOpinion.country && region(kase.firstOpinion.country),
        ]
          .filter(Boolean)
          .join(' · ') || none}
      </Field>
      <div>
        <Text size="sm" fw={600}>
          {t('cm.intake.questions')}
        </Text>
        <List type="ordered">
          {kase.questions.map((question, index) => (
            <List.Item key={index}>{question}</List.Item>
          ))}
        </List>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field label={t('cm.intake.language')}>
          <Group gap="xs">
            <span>{languageName(kase.preferredLanguage, i18n.language)}</span>
            {kase.interpreterNeeded && (
              <Badge variant="outline" color="#495057">
                {t('cm.queue.interpreter')}
              </Badge>
            )}
          </Group>
        </Field>
        <Field label={t('cm.intake.contact')}>
          {t(channelKey[kase.contactChannel])} · <span dir="ltr">{kase.timeZone}</span>
        </Field>
        <Field label={t('cm.intake.windows')}>
          {kase.preferredContactWindows.length === 0
            ? t('cm.intake.anyTime')
            : kase.preferredContactWindows
                .map(
                  (window) =>
                    `${window.days.map((day) => t(dayKey[day] ?? 'cm.day.0')).join(', ')} ${window.from}–${window.to}`,
                )
                .join('; ')}
        </Field>
        <Field label={t('cm.intake.location')}>
          {kase.location.city}, {region(kase.location.country)}
        </Field>
      </SimpleGrid>
    </Stack>
  );
}

const eventKey = {
  submitted: 'cm.event.submitted',
  assignment_pending: 'cm.event.assignment_pending',
  assign: 'cm.event.assign',
  record_first_contact: 'cm.event.record_first_contact',
  contact_recorded: 'cm.event.contact_recorded',
  call_proposed: 'cm.event.call_proposed',
  call_scheduled: 'cm.event.call_scheduled',
  document_uploaded: 'cm.event.document_uploaded',
  record_requested: 'cm.event.record_requested',
  start_gathering: 'cm.event.start_gathering',
  recommendations_drafted: 'cm.event.recommendations_drafted',
  deliver_recommendations: 'cm.event.deliver_recommendations',
  recommendations_acknowledged: 'cm.event.recommendations_acknowledged',
  follow_ups_planned: 'cm.event.follow_ups_planned',
  start_monitoring: 'cm.event.start_monitoring',
  progress_reported: 'cm.event.progress_reported',
  reassigned: 'cm.event.reassigned',
  reassignment_reason: 'cm.event.reassignment_reason',
  sharing_consent_given: 'cm.event.sharing_consent_given',
  sharing_consent_withdrawn: 'cm.event.sharing_consent_withdrawn',
  first_contact_warning: 'cm.event.first_contact_warning',
  first_contact_escalation: 'cm.event.first_contact_escalation',
  first_contact_breach: 'cm.event.first_contact_breach',
  close: 'cm.event.close',
  withdraw: 'cm.event.withdraw',
} as const;
const isKnownEvent = (type: string): type is keyof typeof eventKey => type in eventKey;

const actorKey = {
  member: 'cm.actor.member',
  guardian: 'cm.actor.guardian',
  case_manager: 'cm.actor.case_manager',
  ops: 'cm.actor.ops',
  system: 'cm.actor.system',
} as const;

/** Everything that happened, oldest first, with who did it and when (in the reader's time zone). */
export function TimelinePanel({ caseId, timeZone }: { caseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const timeline = useQuery({
    queryKey: staffKeys.part(caseId, 'timeline'),
    queryFn: () => staffApi.timeline(caseId),
  });
  if (timeline.isPending) return <Loading />;
  if (timeline.error) return <ErrorNotice error={timeline.error} />;
  return (
    <ol className="plain-list timeline" aria-label={t('cm.tab.timeline')}>
      {timeline.data.items.map((event) => {
        const who =
          event.actor.name ??
          t(
            event.actor.role in actorKey
              ? actorKey[event.actor.role as keyof typeof actorKey]
              : 'cm.actor.system',
          );
        return (
          <li key={event.id}>
            <Paper withBorder p="sm" mb="xs">
              <Text fw={600}>
                {isKnownEvent(event.type)
                  ? t(eventKey[event.type])
                  : event.toStatus
                    ? t('cm.event.statusChanged', { status: t(caseStatusKey[event.toStatus]) })
                    : t('cm.event.other')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('cm.event.byAt', { who, time: formatMoment(event.occurredAt, i18n.language, timeZone) })}
              </Text>
              {event.reason && <Text size="sm">{event.reason}</Text>}
            </Paper>
          </li>
        );
      })}
    </ol>
  );
}

export function CaseHeading({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Title order={2} size="h3">
        {kase.member.givenName} {kase.member.familyName}
      </Title>
      <Badge variant="light" color="brand">
        {t(caseStatusKey[kase.status])}
      </Badge>
    </Group>
  );
}

import { Anchor, Badge, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases';
import { api, queryKeys } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { UserText } from '../../components/UserText';
import { CaseTimeline } from '../../features/cases/CaseTimeline';
import { caseStatusKey } from '../../features/cases/status';
import { formatPersonName } from '../../../shared/display';
import { languageName, listOf, regionName, zoneName } from '../../app/format';
import { channelKey } from './labels';
import { useNow } from './Deadline';

/** The time on the member's clock, to judge whether it is a good moment to call. */
const clockIn = (now: number, locale: string, timeZone: string) => {
  try {
    return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(now);
  } catch {
    return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(now);
  }
};

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
  const region = (code: string) => regionName(code, i18n.language);
  const none = t('cm.intake.none');
  const now = useNow(60_000);
  return (
    <Stack gap="md">
      <Field label={t('cm.intake.concern')}>
        <UserText>{kase.concern}</UserText>
      </Field>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field label={t('cm.intake.diagnosis')}>
          {kase.diagnosisReceived ? <UserText>{kase.diagnosisReceived}</UserText> : none}
        </Field>
        <Field label={t('cm.intake.treatment')}>
          {kase.treatmentPlanReceived ? <UserText>{kase.treatmentPlanReceived}</UserText> : none}
        </Field>
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
            <List.Item key={index}>
              <UserText>{question}</UserText>
            </List.Item>
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
          {t(channelKey[kase.contactChannel])} · {zoneName(kase.timeZone, i18n.language)}
          <Group gap="xs" mt={4}>
            {kase.contactPhone ? (
              <Anchor
                href={`tel:${kase.contactPhone.e164}`}
                dir="ltr"
                data-testid="member-phone"
                aria-label={t('cm.intake.call', { number: kase.contactPhone.international })}
              >
                {kase.contactPhone.international}
              </Anchor>
            ) : (
              kase.contactChannel === 'phone' && <span>{t('cm.intake.noPhone')}</span>
            )}
            <Text span size="sm" c="dimmed" data-testid="member-time-now">
              {t('cm.intake.theirTimeNow', { time: clockIn(now, i18n.language, kase.timeZone) })}
            </Text>
          </Group>
        </Field>
        <Field label={t('cm.intake.windows')}>
          {kase.preferredContactWindows.length === 0
            ? t('cm.intake.reasonableHour')
            : kase.preferredContactWindows
                .map(
                  (window) =>
                    `${listOf(
                      window.days.map((day) => t(dayKey[day] ?? 'cm.day.0')),
                      i18n.language,
                    )} ${window.from}–${window.to}`,
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

/** Everything that happened, oldest first: the timeline members and staff share (staff see internal entries too). */
export function TimelinePanel({ caseId, timeZone }: { caseId: string; timeZone: string | undefined }) {
  const events = useQuery({ queryKey: queryKeys.caseEvents(caseId), queryFn: () => api.caseEvents(caseId) });
  if (events.isPending) return <Loading />;
  if (events.error) return <ErrorNotice error={events.error} />;
  return <CaseTimeline events={events.data.items} timeZone={timeZone} />;
}

export function CaseHeading({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Title order={2} size="h3">
        {formatPersonName(kase.member, kase.preferredLanguage)}
      </Title>
      <Badge variant="light" color="brand">
        {t(caseStatusKey[kase.status])}
      </Badge>
    </Group>
  );
}

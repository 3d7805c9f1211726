import { Button, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, queryKeys, type AccessLogEntry } from '../../api/endpoints';
import { formatMoment } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';

/** What was done, grouped into words a member reads at a glance. */
const actionGroup: Record<string, string> = {
  'case.read': 'accessLog.action.caseViewed',
  'case.listed': 'accessLog.action.caseViewed',
  'case.timeline_read': 'accessLog.action.caseViewed',
  'case.calls_read': 'accessLog.action.caseViewed',
  'case.contacts_read': 'accessLog.action.caseViewed',
  'case.follow_ups_read': 'accessLog.action.caseViewed',
  'case.stream_opened': 'accessLog.action.caseViewed',
  'case.messages_read': 'accessLog.action.messagesRead',
  'case.messages_marked_read': 'accessLog.action.messagesRead',
  'document.listed': 'accessLog.action.recordsListed',
  'record_request.listed': 'accessLog.action.recordsListed',
  'sharing_consent.listed': 'accessLog.action.recordsListed',
  'document.downloaded': 'accessLog.action.recordOpened',
  'case.recommendations_read': 'accessLog.action.recommendationsRead',
  'case.fhir_exported': 'accessLog.action.caseExported',
  'member.read': 'accessLog.action.membershipViewed',
  'healthcare_hub.read': 'accessLog.action.membershipViewed',
  'profile.read': 'accessLog.action.profileViewed',
  'profile.updated': 'accessLog.action.profileChanged',
  'access_log.read': 'accessLog.action.accessLogRead',
  'service_review.written': 'accessLog.action.serviceReviewWritten',
  'service_review.edited': 'accessLog.action.serviceReviewWritten',
  'service_review.read': 'accessLog.action.serviceReviewRead',
  'service_review.queue_read': 'accessLog.action.serviceReviewRead',
  'service_review.published': 'accessLog.action.serviceReviewModerated',
  'service_review.withheld': 'accessLog.action.serviceReviewModerated',
  'service_review.replied': 'accessLog.action.serviceReviewModerated',
  'referral.read': 'accessLog.action.referralRead',
  'referral_letter.read': 'accessLog.action.referralRead',
  'guarantee_letter.read': 'accessLog.action.referralRead',
  'preauthorisation.read': 'accessLog.action.referralRead',
  'referral.created': 'accessLog.action.referralChanged',
  'referral.withdrawn': 'accessLog.action.referralChanged',
  'preauthorisation.decided': 'accessLog.action.referralChanged',
  'preauthorisation.information_given': 'accessLog.action.referralChanged',
};

const roleKey: Record<string, string> = {
  member: 'timeline.actor.member',
  case_manager: 'timeline.actor.case_manager',
  specialist: 'timeline.actor.specialist',
  ops: 'timeline.actor.ops',
  privacy_officer: 'timeline.actor.privacy_officer',
  moderator: 'timeline.actor.moderator',
  cover_assessor: 'timeline.actor.cover_assessor',
  system: 'timeline.actor.system',
};

const purposeKey: Record<string, string> = {
  self_service: 'accessLog.purpose.self_service',
  care: 'accessLog.purpose.care',
  operations: 'accessLog.purpose.operations',
  administration: 'accessLog.purpose.administration',
  privacy: 'accessLog.purpose.privacy',
  security: 'accessLog.purpose.security',
};

export function describeAccess(
  entry: AccessLogEntry,
  t: TFunction,
): { who: string; what: string; why: string } {
  const role = roleKey[entry.actor.role];
  const roleText = role ? t(role as 'timeline.actor.member') : t('timeline.actor.someone');
  const who = entry.actor.isYou
    ? t('accessLog.you')
    : entry.actor.name
      ? t('timeline.by.named', { name: entry.actor.name, role: roleText })
      : roleText;
  const group = actionGroup[entry.action];
  const what = group
    ? t(group as 'accessLog.action.caseViewed')
    : entry.action.endsWith('read') || entry.action.endsWith('listed')
      ? t('accessLog.action.otherRead')
      : t('accessLog.action.otherChange');
  const purpose = purposeKey[entry.purpose];
  const why = purpose ? t(purpose as 'accessLog.purpose.care') : t('accessLog.purpose.other');
  return { who, what, why };
}

/** `/me/access-log`: who looked at or changed the member's file, newest first, in plain words. */
export function AccessLogPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const log = useInfiniteQuery({
    queryKey: queryKeys.accessLog,
    queryFn: ({ pageParam }) => api.accessLog(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      <PageHeading>{t('accessLog.title')}</PageHeading>
      <Text>{t('accessLog.intro')}</Text>
      {log.isPending ? (
        <Loading />
      ) : log.error ? (
        <ErrorNotice error={log.error} />
      ) : entries.length === 0 ? (
        <Text>{t('accessLog.empty')}</Text>
      ) : (
        <Stack component="ol" gap="xs" className="plain-list" aria-label={t('accessLog.title')}>
          {entries.map((entry) => {
            const { who, what, why } = describeAccess(entry, t);
            return (
              <Paper component="li" key={entry.id} withBorder p="sm" data-action={entry.action}>
                <Text>{t('accessLog.entry', { who, what })}</Text>
                <Text size="sm" c="dimmed">
                  <time dateTime={entry.occurredAt}>
                    {formatMoment(entry.occurredAt, i18n.language, me.data?.timeZone)}
                  </time>
                  {' · '}
                  {why}
                  {entry.outcome !== 'success' ? ` · ${t('accessLog.refused')}` : ''}
                </Text>
              </Paper>
            );
          })}
        </Stack>
      )}
      {log.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          onClick={() => void log.fetchNextPage()}
          loading={log.isFetchingNextPage}
        >
          {t('accessLog.more')}
        </Button>
      )}
    </Stack>
  );
}

export default AccessLogPage;

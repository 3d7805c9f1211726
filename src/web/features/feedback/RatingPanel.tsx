import { Anchor, Badge, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ModerationStatus, MyServiceReview } from '../../../shared/feedback';
import { formatMoment } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { UserText } from '../../components/UserText';
import { useAreas } from '../../i18n';
import { feedbackApi, feedbackKeys } from './api';
import { reasonKey } from './labels';
import { ReviewForm } from './ReviewForm';
import { Stars } from './Stars';

const statusKey = {
  pending: 'feedback.mine.status.pending',
  published: 'feedback.mine.status.published',
  withheld: 'feedback.mine.status.withheld',
} as const satisfies Record<ModerationStatus, string>;

/**
 * On the case page once the recommendations are delivered: the member rates the service, then
 * sees what the moderator decided, and may change their review for 30 days.
 */
export function RatingPanel({ caseId, timeZone }: { caseId: string; timeZone: string | undefined }) {
  const ready = useAreas(['feedback']);
  const mine = useQuery({ queryKey: feedbackKeys.mine(caseId), queryFn: () => feedbackApi.myReview(caseId) });
  if (!ready) return <Loading />;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-rating">
      <RatingContent caseId={caseId} timeZone={timeZone} mine={mine.data} error={mine.error} />
    </Paper>
  );
}

function RatingContent({
  caseId,
  timeZone,
  mine,
  error,
}: {
  caseId: string;
  timeZone: string | undefined;
  mine: MyServiceReview | null | undefined;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap="sm">
      <Title order={2} size="h3" id="case-rating">
        {t('feedback.panel.heading')}
      </Title>
      {error ? (
        <ErrorNotice error={error} />
      ) : mine === undefined ? (
        <Loading />
      ) : mine === null || editing ? (
        <>
          <Text>{t('feedback.panel.intro')}</Text>
          <ReviewForm caseId={caseId} current={mine} onDone={() => setEditing(false)} />
        </>
      ) : (
        <MyReview review={mine} timeZone={timeZone} onEdit={() => setEditing(true)} />
      )}
    </Stack>
  );
}

function MyReview({
  review,
  timeZone,
  onEdit,
}: {
  review: MyServiceReview;
  timeZone: string | undefined;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" data-review-status={review.status}>
      <Badge
        variant="filled"
        w="fit-content"
        // Dark enough for white text (AA); the words say the same.
        color={review.status === 'withheld' ? '#8a3b00' : '#005476'}
      >
        {t(statusKey[review.status])}
      </Badge>
      <Stars stars={review.stars} />
      <Text fw={600}>
        <UserText>{review.title}</UserText>
      </Text>
      <Text className="message-body">
        <UserText>{review.text}</UserText>
      </Text>
      {review.status === 'withheld' && review.withheldReason && (
        <Text role="status">
          {t('feedback.mine.withheld', { reason: t(reasonKey[review.withheldReason]) })}
        </Text>
      )}
      {review.editable ? (
        <>
          <Text size="sm">
            {t('feedback.mine.editUntil', {
              date: formatMoment(review.editableUntil, i18n.language, timeZone),
            })}
          </Text>
          <Button variant="default" w="fit-content" onClick={onEdit}>
            {t('feedback.mine.edit')}
          </Button>
        </>
      ) : (
        <Text size="sm">{t('feedback.mine.closed')}</Text>
      )}
      <Anchor component={Link} to="/service-reviews">
        {t('feedback.mine.seePublic')}
      </Anchor>
    </Stack>
  );
}

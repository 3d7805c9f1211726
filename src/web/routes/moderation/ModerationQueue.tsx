import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  moderationStatuses,
  withholdReasons,
  type ModerationStatus,
  type ReviewFlag,
  type ReviewForModeration,
  type WithholdReason,
} from '../../../shared/feedback';
import { formatMoment, languageName } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { UserText } from '../../components/UserText';
import { feedbackApi, feedbackKeys } from '../../features/feedback/api';
import { reasonChoiceKey } from '../../features/feedback/labels';
import { Stars } from '../../features/feedback/Stars';

const tabKey = {
  pending: 'feedback.moderation.tab.pending',
  published: 'feedback.moderation.tab.published',
  withheld: 'feedback.moderation.tab.withheld',
} as const satisfies Record<ModerationStatus, string>;

const flagKey = {
  phone_number: 'feedback.moderation.flag.phone_number',
  email_address: 'feedback.moderation.flag.email_address',
  staff_name: 'feedback.moderation.flag.staff_name',
  health_term: 'feedback.moderation.flag.health_term',
} as const satisfies Record<ReviewFlag['kind'], string>;

function Decision({ review, onDone }: { review: ReviewForModeration; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<WithholdReason | ''>('');
  const [missingReason, setMissingReason] = useState(false);
  const decide = useMutation({
    mutationFn: (decision: 'publish' | 'withhold') =>
      feedbackApi.decide(
        review.id,
        decision === 'publish'
          ? { decision, version: review.version }
          : { decision, version: review.version, reason: reason as WithholdReason },
      ),
    onSuccess: onDone,
  });
  const reasonId = `reason-${review.id}`;
  return (
    <Stack gap="xs">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Button
          onClick={() => decide.mutate('publish')}
          loading={decide.isPending && decide.variables === 'publish'}
        >
          {t('feedback.moderation.publish')}
        </Button>
        <NativeSelect
          id={reasonId}
          label={t('feedback.moderation.reason')}
          value={reason}
          error={missingReason ? t('feedback.moderation.reasonNeeded') : undefined}
          onChange={(event) => {
            setReason(event.currentTarget.value as WithholdReason | '');
            setMissingReason(false);
          }}
          data={[
            { value: '', label: t('feedback.moderation.chooseReason') },
            ...withholdReasons.map((value) => ({ value, label: t(reasonChoiceKey[value]) })),
          ]}
        />
        <Button
          variant="default"
          color="orange"
          loading={decide.isPending && decide.variables === 'withhold'}
          onClick={() => {
            if (!reason) {
              setMissingReason(true);
              document.getElementById(reasonId)?.focus();
              return;
            }
            decide.mutate('withhold');
          }}
        >
          {t('feedback.moderation.withhold')}
        </Button>
      </Group>
      <ErrorNotice error={decide.error} />
    </Stack>
  );
}

function Reply({ review, onDone }: { review: ReviewForModeration; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(review.reply?.text ?? '');
  const reply = useMutation({
    mutationFn: () => feedbackApi.reply(review.id, text.trim()),
    onSuccess: onDone,
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        reply.mutate();
      }}
    >
      <Stack gap="xs">
        <GrowingTextarea
          label={t('feedback.moderation.reply')}
          minRows={2}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <ErrorNotice error={reply.error} />
        <Button
          type="submit"
          variant="default"
          w="fit-content"
          loading={reply.isPending}
          disabled={!text.trim()}
        >
          {t('feedback.moderation.sendReply')}
        </Button>
      </Stack>
    </form>
  );
}

function QueueItem({
  review,
  canDecide,
  canReply,
  onChanged,
}: {
  review: ReviewForModeration;
  canDecide: boolean;
  canReply: boolean;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  return (
    <Paper withBorder p="md" radius="md" component="article" data-review-id={review.id}>
      <Stack gap="xs">
        <Group gap="sm" wrap="wrap">
          <Stars stars={review.stars} />
          <Text size="sm" c="dimmed">
            {t('feedback.moderation.meta', {
              date: formatMoment(review.submittedAt, i18n.language, me.data?.timeZone),
              language: languageName(review.language, i18n.language),
            })}
          </Text>
        </Group>
        <Title order={3} size="h4">
          <UserText>{review.title}</UserText>
        </Title>
        <Text className="message-body" lang={review.language}>
          <UserText>{review.text}</UserText>
        </Text>
        {review.flags.length > 0 && (
          <Group gap={6} wrap="wrap" aria-label={t('feedback.moderation.flags')} role="list">
            {review.flags.map((flag, index) => (
              <Badge key={index} color="#8a3b00" variant="filled" role="listitem" tt="none">
                <UserText>{t(flagKey[flag.kind], { match: flag.match })}</UserText>
              </Badge>
            ))}
          </Group>
        )}
        {review.status === 'withheld' && review.withheldReason && (
          <Text size="sm">
            {t('feedback.moderation.withheldFor', { reason: t(reasonChoiceKey[review.withheldReason]) })}
          </Text>
        )}
        {canDecide && review.status === 'pending' && <Decision review={review} onDone={onChanged} />}
        {canReply && review.status === 'published' && <Reply review={review} onDone={onChanged} />}
      </Stack>
    </Paper>
  );
}

/**
 * `/moderation`: the moderator's queue of service reviews (the words and stars only, with the
 * automatic flags), to publish or withhold; operations read it too and reply for the service.
 */
export function ModerationQueuePage() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ModerationStatus>('pending');
  const queue = useInfiniteQuery({
    queryKey: feedbackKeys.queue(status),
    queryFn: ({ pageParam }) => feedbackApi.queue(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const changed = () => void queryClient.invalidateQueries({ queryKey: ['service-reviews'] });
  return (
    <Stack gap="md">
      <PageHeading>{t('feedback.moderation.title')}</PageHeading>
      <Text>{t('feedback.moderation.intro')}</Text>
      <SegmentedControl
        aria-label={t('feedback.moderation.show')}
        value={status}
        onChange={(value) => setStatus(value as ModerationStatus)}
        data={moderationStatuses.map((value) => ({ value, label: t(tabKey[value]) }))}
        w="fit-content"
      />
      {queue.error ? (
        <ErrorNotice error={queue.error} />
      ) : !queue.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text>{t('feedback.moderation.empty')}</Text>
      ) : (
        items.map((review) => (
          <QueueItem
            key={review.id}
            review={review}
            canDecide={me.data?.role === 'moderator'}
            canReply={me.data?.role === 'ops'}
            onChanged={changed}
          />
        ))
      )}
      {queue.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          onClick={() => void queue.fetchNextPage()}
          loading={queue.isFetchingNextPage}
        >
          {t('feedback.moderation.more')}
        </Button>
      )}
    </Stack>
  );
}

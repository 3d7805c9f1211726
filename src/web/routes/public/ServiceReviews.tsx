import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublishedReview, RatingSummary } from '../../../shared/feedback';
import { formatNumber, languageName } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { UserText } from '../../components/UserText';
import { feedbackApi, feedbackKeys } from '../../features/feedback/api';
import { Stars } from '../../features/feedback/Stars';
import { locales } from '../../i18n/locales';

/** The 5→1 distribution as bars, each with its words (the bar's length is never the only signal). */
function Distribution({ summary }: { summary: RatingSummary }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} component="ul" aria-label={t('feedback.public.distributionLabel')} className="rating-bars">
      {([5, 4, 3, 2, 1] as const).map((stars) => {
        const count = summary.distribution[stars];
        const share = summary.count === 0 ? 0 : Math.round((count / summary.count) * 100);
        return (
          <li key={stars} className="rating-bar" data-stars={stars}>
            <Text component="span" size="sm" className="rating-bar-label">
              {t('feedback.public.bar', { stars, count })}
            </Text>
            <span className="rating-bar-track" aria-hidden="true">
              <span className="rating-bar-fill" style={{ inlineSize: `${share}%` }} />
            </span>
          </li>
        );
      })}
    </Stack>
  );
}

function Summary({ summary }: { summary: RatingSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="rating-summary">
      <Stack gap="sm">
        <Title order={2} size="h3" id="rating-summary">
          {t('feedback.public.summaryHeading')}
        </Title>
        {summary.average !== null && (
          <Group gap="sm" align="center">
            <Text fw={700} size="xl" data-testid="rating-average">
              {t('feedback.public.average', {
                average: formatNumber(summary.average, i18n.language, { maximumFractionDigits: 1 }),
              })}
            </Text>
            <Stars stars={Math.round(summary.average)} />
          </Group>
        )}
        <Text data-testid="rating-count">{t('feedback.public.count', { count: summary.count })}</Text>
        <Distribution summary={summary} />
      </Stack>
    </Paper>
  );
}

function Review({ review }: { review: PublishedReview }) {
  const { t, i18n } = useTranslation();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(
    new Date(review.publishedAt),
  );
  return (
    <Paper withBorder p="md" radius="md" component="article" data-review-id={review.id}>
      <Stack gap={6}>
        <Group gap="sm" wrap="wrap">
          <Stars stars={review.stars} />
          <Badge variant="filled" color="#1b5e20">
            {t('feedback.public.verified')}
          </Badge>
        </Group>
        <Title order={3} size="h4">
          <UserText>{review.title}</UserText>
        </Title>
        <Text className="message-body" lang={review.language}>
          <UserText>{review.text}</UserText>
        </Text>
        <Text size="sm" c="dimmed">
          {t('feedback.public.meta', { date, language: languageName(review.language, i18n.language) })}
        </Text>
        {review.reply && (
          <Paper p="sm" radius="sm" bg="gray.0" className="review-reply">
            <Text size="sm" fw={600}>
              {t('feedback.public.reply')}
            </Text>
            <Text size="sm" className="message-body">
              <UserText>{review.reply.text}</UserText>
            </Text>
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * `/service-reviews`, open to anyone: the rating of the service (every verified rating, published
 * or not), its 5→1 distribution, and the published reviews by language and stars. The server adds
 * the rating to the page's HTML as schema.org JSON-LD for search engines.
 */
export function ServiceReviewsPage() {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState('');
  const [stars, setStars] = useState<number | null>(null);
  const rating = useQuery({ queryKey: feedbackKeys.rating, queryFn: feedbackApi.rating });
  const reviews = useInfiniteQuery({
    queryKey: feedbackKeys.published(language, stars),
    queryFn: ({ pageParam }) =>
      feedbackApi.published({
        language: language || undefined,
        stars: stars ?? undefined,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = reviews.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <PageHeading>{t('feedback.public.title')}</PageHeading>
      <Text>{t('feedback.public.intro')}</Text>
      {rating.data ? (
        <Summary summary={rating.data} />
      ) : rating.error ? (
        <ErrorNotice error={rating.error} />
      ) : (
        <Loading />
      )}

      <Stack gap="sm" component="section" aria-labelledby="published-reviews">
        <Title order={2} size="h3" id="published-reviews">
          {t('feedback.public.reviewsHeading')}
        </Title>
        <Group gap="md" wrap="wrap" align="flex-end">
          <NativeSelect
            label={t('feedback.public.filterLanguage')}
            value={language}
            onChange={(event) => setLanguage(event.currentTarget.value)}
            data={[
              { value: '', label: t('feedback.public.allLanguages') },
              ...locales.map((locale) => ({ value: locale, label: languageName(locale, i18n.language) })),
            ]}
          />
          <NativeSelect
            label={t('feedback.public.filterStars')}
            value={stars === null ? '' : String(stars)}
            onChange={(event) =>
              setStars(event.currentTarget.value ? Number(event.currentTarget.value) : null)
            }
            data={[
              { value: '', label: t('feedback.public.allStars') },
              ...[5, 4, 3, 2, 1].map((count) => ({
                value: String(count),
                label: t('feedback.stars', { count }),
              })),
            ]}
          />
        </Group>
        {reviews.error ? (
          <ErrorNotice error={reviews.error} />
        ) : !reviews.data ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text>{t('feedback.public.none')}</Text>
        ) : (
          items.map((review) => <Review key={review.id} review={review} />)
        )}
        {reviews.hasNextPage && (
          <Button
            variant="default"
            w="fit-content"
            onClick={() => void reviews.fetchNextPage()}
            loading={reviews.isFetchingNextPage}
          >
            {t('feedback.public.more')}
          </Button>
        )}
      </Stack>
    </Stack>
  );
}

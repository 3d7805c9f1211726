import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import type { Review, ReviewOffer } from '../../../../shared/reviews';
import { documentContentUrl, staffApi, staffKeys } from '../../../api/staff';
import { formatMoment } from '../../../app/format';
import { useMe } from '../../../app/session';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { refreshCase } from '../refreshCase';
import { WriteError } from '../../../features/staff/WriteError';
import { reviewStatusKey, offerStatusKey, displayName } from './labels';
import { OfferFreePlace } from './OfferFreePlace';
import { OpinionView, OpinionRatingForm } from './Opinion';
import { ReviewRequestForm } from './ReviewRequestForm';

/**
 * The specialist review of a case: the reviews asked for (their offers, the opinions that came
 * back and the written report), and, while none is in progress, the request of a new one: a
 * search of the network ranked with its reasons, the panel chosen from it, the summary, the
 * questions and the records to share.
 */
export function ReviewsPanel({ kase, timeZone }: { kase: CaseDetail; timeZone: string | undefined }) {
  const { t } = useTranslation();
  const reviews = useQuery({
    queryKey: staffKeys.reviews(kase.id),
    queryFn: () => staffApi.reviews(kase.id),
  });
  const inProgress = reviews.data?.items.some((review) => review.status === 'open') ?? false;
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-labelledby="reviews-list">
        <Title order={3} size="h4" id="reviews-list" mb="sm">
          {t('cm.review.listHeading')}
        </Title>
        {reviews.error && <ErrorNotice error={reviews.error} />}
        {reviews.isPending && <Loading />}
        {reviews.data && reviews.data.items.length === 0 && <Text>{t('cm.review.none')}</Text>}
        {reviews.data && reviews.data.items.length > 0 && (
          <Stack component="ul" gap="md" className="plain-list">
            {reviews.data.items.map((review) => (
              <ReviewItem key={review.id} kase={kase} review={review} timeZone={timeZone} />
            ))}
          </Stack>
        )}
      </Paper>
      {reviews.data && !inProgress && <ReviewRequestForm kase={kase} />}
    </Stack>
  );
}

/** Offers that hold one of the panel's places (as the server counts them). */
const holdsPanelPlace = (offer: ReviewOffer) =>
  offer.status === 'offered' || offer.status === 'accepted' || offer.status === 'submitted';

function ReviewItem({
  kase,
  review,
  timeZone,
}: {
  kase: CaseDetail;
  review: Review;
  timeZone: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const me = useMe();
  const caseId = kase.id;
  const [offering, setOffering] = useState(false);
  const [offeredTo, setOfferedTo] = useState<string | null>(null);
  const offeredNotice = useRef<HTMLParagraphElement>(null);
  const freePlaces =
    review.status === 'open'
      ? Math.max(0, review.panelSize - review.offers.filter(holdsPanelPlace).length)
      : 0;
  const freePlaceId = `free-place-${review.id}`;
  const report = useMutation({
    mutationFn: () => staffApi.writeReport(caseId, review.id),
    onSettled: () => refreshCase(client, caseId),
  });
  const when = (iso: string) => formatMoment(iso, i18n.language, timeZone);
  return (
    <Paper component="li" withBorder p="sm" data-review-status={review.status}>
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{t('cm.review.requested', { time: when(review.createdAt) })}</Text>
          <Badge variant="outline" color="brand.9">
            {t(reviewStatusKey[review.status])}
          </Badge>
        </Group>
        <Text size="sm" fw={600}>
          {t('cm.review.panel', { count: review.panelSize })}
        </Text>
        <Stack component="ul" gap={2} className="plain-list" aria-label={t('cm.review.offers')}>
          {review.offers.map((offer) => (
            <OfferLine key={offer.id} offer={offer} when={when} />
          ))}
        </Stack>
        {review.offerNextOnDecline && (
          <Text size="sm">{t('cm.review.candidatesLeft', { count: review.candidatesLeft })}</Text>
        )}
        {offeredTo && (
          <Text size="sm" role="status" ref={offeredNotice} tabIndex={-1}>
            {t('cm.review.freePlace.offered', { name: offeredTo })}
          </Text>
        )}
        {freePlaces > 0 && (
          <Stack gap="xs">
            <Text size="sm">{t('cm.review.freePlaces', { count: freePlaces })}</Text>
            <Button
              variant="default"
              w="fit-content"
              aria-expanded={offering}
              aria-controls={offering ? freePlaceId : undefined}
              onClick={() => {
                setOffering((open) => !open);
                setOfferedTo(null);
              }}
            >
              {t('cm.review.freePlace.open')}
            </Button>
            {offering && (
              <OfferFreePlace
                id={freePlaceId}
                kase={kase}
                review={review}
                onOffered={(name) => {
                  setOffering(false);
                  setOfferedTo(name);
                  // The action is gone with the free place: the keyboard lands on what happened.
                  requestAnimationFrame(() => offeredNotice.current?.focus());
                }}
              />
            )}
          </Stack>
        )}
        {review.opinions.map((opinion) => (
          <OpinionView key={opinion.id} opinion={opinion} timeZone={timeZone}>
            {me.data && (
              <OpinionRatingForm
                caseId={caseId}
                reviewId={review.id}
                opinion={opinion}
                mine={review.ratings.find(
                  (rating) => rating.offerId === opinion.offerId && rating.ratedByUserId === me.data.id,
                )}
              />
            )}
          </OpinionView>
        ))}
        {review.reportDocumentId ? (
          <Anchor href={documentContentUrl(caseId, review.reportDocumentId, false)} w="fit-content">
            {t('cm.review.reportDownload')}
          </Anchor>
        ) : (
          review.opinions.length > 0 && (
            <Stack gap="xs">
              <Text size="sm">{t('cm.review.reportHelp')}</Text>
              <WriteError error={report.error} />
              <Button
                variant="default"
                w="fit-content"
                loading={report.isPending}
                onClick={() => report.mutate()}
              >
                {t('cm.review.reportWrite')}
              </Button>
            </Stack>
          )
        )}
      </Stack>
    </Paper>
  );
}

/**
 * One offer of the panel in words: who, where it stands and since when; a declined offer with
 * the reason the specialist gave.
 */
function OfferLine({ offer, when }: { offer: ReviewOffer; when: (iso: string) => string }) {
  const { t } = useTranslation();
  const name = displayName(offer.specialist);
  const endedAt = offer.endedAt ?? offer.respondedAt ?? offer.expiresAt;
  let line: string;
  switch (offer.status) {
    case 'declined':
      line = t('cm.review.offerDeclined', { name, time: when(endedAt) });
      break;
    case 'expired':
      line = t('cm.review.offerExpired', { name, time: when(offer.endedAt ?? offer.expiresAt) });
      break;
    case 'withdrawn':
      line = t('cm.review.offerWithdrawn', { name, time: when(endedAt) });
      break;
    default: {
      const since =
        offer.status === 'offered'
          ? t('cm.review.offerUntil', { time: when(offer.expiresAt) })
          : offer.status === 'accepted' && offer.dueAt
            ? t('cm.review.offerDue', { time: when(offer.dueAt) })
            : offer.status === 'submitted' && offer.submittedAt
              ? t('cm.review.offerSubmitted', { time: when(offer.submittedAt) })
              : '';
      line = `${t('cm.review.offerLine', { name, status: t(offerStatusKey[offer.status]) })} ${since}`;
    }
  }
  return (
    <Text component="li" size="sm" data-offer-status={offer.status}>
      {line}
      {offer.status === 'declined' && (
        <>
          {' '}
          {offer.declineReason ? (
            <span dir="auto">{t('cm.review.declineReason', { reason: offer.declineReason })}</span>
          ) : (
            t('cm.review.noDeclineReason')
          )}
        </>
      )}
    </Text>
  );
}

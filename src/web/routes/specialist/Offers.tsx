import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { DeskItem } from '../../../shared/reviews';
import { api, queryKeys } from '../../api/endpoints';
import { formatMoment } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { offerStatusKey } from './labels';

function OfferCard({ item, timeZone }: { item: DeskItem; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const headingId = `offer-${item.offerId}`;
  const accept = useMutation({
    // The list does not carry the offer's version: the review page's copy does.
    mutationFn: async () => {
      const review = await api.deskReview(item.offerId);
      return api.acceptOffer(item.offerId, review.version);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.desk });
      await navigate(`/specialist/offers/${item.offerId}`);
    },
  });
  const decline = useMutation({
    mutationFn: async () => {
      const review = await api.deskReview(item.offerId);
      return api.declineOffer(item.offerId, review.version);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.desk }),
  });
  const when = (iso: string) => formatMoment(iso, i18n.language, timeZone);
  return (
    <Card withBorder radius="md" padding="lg" component="li" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id={headingId}>
            {t('desk.offers.case', { caseNumber: item.caseNumber })}
          </Title>
          <Badge color="#1d4ed8" variant="filled">
            {t(offerStatusKey[item.status])}
          </Badge>
        </Group>
        <Text>{t('desk.offers.questions', { count: item.questionCount })}</Text>
        {item.status === 'offered' && <Text>{t('desk.offers.expires', { time: when(item.expiresAt) })}</Text>}
        {item.status === 'accepted' && item.dueAt && (
          <Text>{t('desk.offers.due', { time: when(item.dueAt) })}</Text>
        )}
        <ErrorNotice error={accept.error ?? decline.error} />
        <Group gap="sm">
          <Button component={Link} to={`/specialist/offers/${item.offerId}`} variant="light">
            {t('desk.offers.open')}
          </Button>
          {item.status === 'offered' && (
            <>
              <Button onClick={() => accept.mutate()} loading={accept.isPending}>
                {t('desk.offers.accept')}
              </Button>
              <Button
                onClick={() => decline.mutate()}
                loading={decline.isPending}
                variant="outline"
                color="#9b1c1c"
              >
                {t('desk.offers.decline')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** `/specialist/offers`: the review requests offered to the specialist and the reviews they hold. */
export function DeskOffersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const desk = useQuery({ queryKey: queryKeys.desk, queryFn: api.desk });
  return (
    <Stack gap="md">
      <PageHeading>{t('desk.offers.title')}</PageHeading>
      <Text>{t('desk.offers.intro')}</Text>
      {desk.isPending && <Loading />}
      <ErrorNotice error={desk.error} />
      {desk.data && desk.data.items.length === 0 && <Text>{t('desk.offers.empty')}</Text>}
      {desk.data && desk.data.items.length > 0 && (
        <Stack gap="md" component="ul" className="plain-list">
          {desk.data.items.map((item) => (
            <OfferCard key={item.offerId} item={item} timeZone={me.data?.timeZone} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export default DeskOffersPage;

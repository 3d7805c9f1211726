import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import type { Review } from '../../../../shared/reviews';
import { ApiError } from '../../../api/client';
import { staffApi, type MatchSearch } from '../../../api/staff';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { refreshCase } from '../refreshCase';
import { useFormCheck } from '../../../app/formCheck';
import { staffWords } from '../../../features/staff/fieldWords';
import { WriteError } from '../../../features/staff/WriteError';
import { reviewRules } from './reviewRules';
import { displayName } from './labels';
import { MatchSearchForm, useMatches } from './MatchSearch';
import { MatchList } from './MatchList';

/** The server's refusal of an offer in words; "no room" speaks of the specialist, not of the reader. */
function OfferRefusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.code === 'review.no_capacity') {
    return (
      <Alert color="red" variant="light" role="alert" title={t('error.title')}>
        <Text size="sm">{t('cm.review.freePlace.noCapacity')}</Text>
      </Alert>
    );
  }
  return <WriteError error={error} />;
}

/**
 * A place of an open review's panel left free by a declined or lapsed offer, offered to one more
 * specialist: found with the request's own search, chosen from its ranked list.
 */
export function OfferFreePlace({
  id,
  kase,
  review,
  onOffered,
}: {
  id: string;
  kase: CaseDetail;
  review: Review;
  onOffered: (name: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [search, setSearch] = useState<MatchSearch | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [rulesError, setRulesError] = useState<unknown>(null);
  const form = useRef<HTMLElement>(null);
  const fields = useFormCheck(form, { words: staffWords(t, () => t('cm.review.freePlace.needChoice')) });
  const matches = useMatches(kase.id, search);
  // Whoever holds a place or said no cannot be asked again; a lapsed or withdrawn offer can be renewed.
  const askedAlready = useMemo(
    () =>
      new Set(
        review.offers
          .filter((offer) => offer.status !== 'expired' && offer.status !== 'withdrawn')
          .map((offer) => offer.specialist.id),
      ),
    [review.offers],
  );
  const offer = useMutation({
    mutationFn: (specialistId: string) => staffApi.offerReview(kase.id, review.id, { specialistId }),
    onSuccess: (_, specialistId) => {
      const match = matches.data?.items.find((item) => item.specialist.id === specialistId);
      onOffered(match ? displayName(match.specialist) : '');
    },
    onError: fields.refused,
    onSettled: () => refreshCase(client, kase.id),
  });
  const prefix = `free-${review.id}`;
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await reviewRules.load().catch((error: unknown) => void setRulesError(error));
    const body = { specialistId: chosen[0] ?? '' };
    if (rules && fields.check(rules.ReviewOfferCreation, body)) offer.mutate(body.specialistId);
  };
  return (
    <Paper
      withBorder
      p="sm"
      component="section"
      id={id}
      ref={form}
      onFocus={reviewRules.warm}
      aria-labelledby={`${prefix}-heading`}
    >
      <Stack gap="sm">
        <Title order={4} size="h5" id={`${prefix}-heading`}>
          {t('cm.review.freePlace.heading')}
        </Title>
        <Text size="sm">{t('cm.review.freePlace.help')}</Text>
        <MatchSearchForm
          kase={kase}
          idPrefix={prefix}
          heading={t('cm.review.freePlace.search')}
          headingOrder={5}
          searching={matches.isFetching}
          onSearch={(next) => {
            setChosen([]);
            fields.clear();
            offer.reset();
            setSearch(next);
          }}
        />
        {matches.error && <ErrorNotice error={matches.error} />}
        {search && matches.data && (
          <form onSubmit={(event) => void send(event)} noValidate aria-labelledby={`${prefix}-heading`}>
            <Stack gap="sm">
              <MatchList
                idPrefix={prefix}
                headingOrder={5}
                matches={matches.data.items}
                chosen={chosen}
                onToggle={(specialistId, on) => {
                  setChosen(on ? [specialistId] : []);
                  fields.clear();
                  offer.reset();
                }}
                single
                unavailable={askedAlready}
                error={fields.errors.specialistId}
              />
              {matches.data.items.length > 0 && (
                <>
                  <OfferRefusal error={rulesError ?? offer.error} />
                  <Button type="submit" w="fit-content" loading={offer.isPending}>
                    {t('cm.review.freePlace.submit')}
                  </Button>
                </>
              )}
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

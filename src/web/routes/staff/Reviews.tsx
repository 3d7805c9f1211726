import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CaseDetail } from '../../../shared/cases';
import type { CaseDocument, SharingConsent } from '../../../shared/documents';
import type {
  DiagnosisVerdict,
  OfferStatus,
  Opinion,
  OpinionRating,
  Review,
  ReviewOffer,
  ReviewStatus,
  TreatmentVerdict,
} from '../../../shared/reviews';
import type { MatchFactor, SpecialistMatch } from '../../../shared/specialists';
import { specialtyName, specialtyTaxonomy } from '../../../shared/specialty-taxonomy';
import { ApiError } from '../../api/client';
import { api, queryKeys } from '../../api/endpoints';
import { documentContentUrl, matchBody, staffApi, staffKeys, type MatchSearch } from '../../api/staff';
import { formatMoment, languageName, regionName } from '../../app/format';
import { onDemand } from '../../app/onDemand';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { countryOptions } from '../../features/requests/places';
import { refreshCase } from './caseData';
import { useFieldCheck } from './useFieldCheck';
import { WriteError } from './WriteError';

/**
 * The server's own rules for the review's forms (shared/reviews.ts, and the network search's of
 * shared/specialists.ts), with the ICD-10 table they check codes against: fetched when a form of
 * the panel is first used, not with the case. Its limits are repeated as numbers for the page.
 */
const reviewRules = onDemand(async () => {
  const [reviews, specialists] = await Promise.all([
    import('../../../shared/reviews'),
    import('../../../shared/specialists'),
  ]);
  return { ...reviews, SpecialistMatchSearch: specialists.SpecialistMatchSearch };
});
const MAX_PANEL = 5;
const MAX_QUESTIONS = 20;
const MAX_RATING_COMMENT = 1_000;
const SCORES = [1, 2, 3, 4, 5] as const;

// Every enum value has its own key, written out so that the catalogue test sees each one used.
const reviewStatusKey = {
  open: 'cm.review.status.open',
  complete: 'cm.review.status.complete',
  withdrawn: 'cm.review.status.withdrawn',
} as const satisfies Record<ReviewStatus, string>;

const offerStatusKey = {
  offered: 'cm.review.offer.offered',
  accepted: 'cm.review.offer.accepted',
  declined: 'cm.review.offer.declined',
  expired: 'cm.review.offer.expired',
  submitted: 'cm.review.offer.submitted',
  withdrawn: 'cm.review.offer.withdrawn',
} as const satisfies Record<OfferStatus, string>;

const diagnosisKey = {
  confirmed: 'cm.review.diagnosis.confirmed',
  refined: 'cm.review.diagnosis.refined',
  changed: 'cm.review.diagnosis.changed',
} as const satisfies Record<DiagnosisVerdict, string>;

const treatmentKey = {
  confirmed: 'cm.review.treatment.confirmed',
  modified: 'cm.review.treatment.modified',
  changed: 'cm.review.treatment.changed',
} as const satisfies Record<TreatmentVerdict, string>;

const factorKey = {
  specialty: 'cm.match.factor.specialty',
  language: 'cm.match.factor.language',
  licence: 'cm.match.factor.licence',
  capacity: 'cm.match.factor.capacity',
  turnaround: 'cm.match.factor.turnaround',
  distance: 'cm.match.factor.distance',
} as const satisfies Record<MatchFactor, string>;

const reasonKey = {
  subspecialty_exact: 'cm.match.reason.subspecialty_exact',
  specialty_match: 'cm.match.reason.specialty_match',
  related_specialty: 'cm.match.reason.related_specialty',
  condition_block_expertise: 'cm.match.reason.condition_block_expertise',
  condition_chapter_expertise: 'cm.match.reason.condition_chapter_expertise',
  speaks_member_language: 'cm.match.reason.speaks_member_language',
  speaks_another_member_language: 'cm.match.reason.speaks_another_member_language',
  interpreter_needed: 'cm.match.reason.interpreter_needed',
  licensed_in_preferred_region: 'cm.match.reason.licensed_in_preferred_region',
  licensed_in_member_country: 'cm.match.reason.licensed_in_member_country',
  not_licensed_where_wanted: 'cm.match.reason.not_licensed_where_wanted',
  full: 'cm.match.reason.full',
  no_record_yet: 'cm.match.reason.no_record_yet',
} as const;
const isReason = (code: string): code is keyof typeof reasonKey => code in reasonKey;

/**
 * A factor's stable reason code in words: `subspecialty_exact+condition_block_expertise`, or a
 * code with its figure (`places_left:3`, `median_hours:66`, `km:303`).
 */
function describeReason(reason: string, t: TFunction): string {
  return reason
    .split('+')
    .map((part) => {
      const [code = '', figure] = part.split(':');
      const value = Number(figure);
      if (code === 'places_left') return t('cm.match.reason.places_left', { count: value });
      if (code === 'median_hours') return t('cm.match.reason.median_hours', { hours: value });
      if (code === 'km') return t('cm.match.reason.km', { km: value });
      if (isReason(code)) return t(reasonKey[code]);
      return t('cm.match.reason.other', { code: part });
    })
    .join(' · ');
}

const languageNames = (tags: string[], locale: string) =>
  tags.map((tag) => languageName(tag, locale)).join(', ');

const displayName = (person: { name: string; title: string | null }) =>
  person.title ? `${person.title} ${person.name}` : person.name;

/** What the member's consent in force lets the case manager share. */
function coveredBy(consent: SharingConsent | undefined, document: CaseDocument): boolean {
  if (!consent) return false;
  return consent.scope === 'all' || (consent.documentIds ?? []).includes(document.id);
}

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
function OfferFreePlace({
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
  const fields = useFieldCheck(form, { words: () => t('cm.review.freePlace.needChoice') });
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

function OpinionView({
  opinion,
  timeZone,
  children,
}: {
  opinion: Opinion;
  timeZone: string | undefined;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const headingId = `opinion-${opinion.id}`;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={headingId} className="opinion">
      <Stack gap={6}>
        <Title order={4} size="h5" id={headingId}>
          {t('cm.review.opinionBy', {
            name: opinion.specialist.name,
            time: formatMoment(opinion.submittedAt, i18n.language, timeZone),
          })}
        </Title>
        {opinion.version > 1 && opinion.correctionReason && (
          <Text size="sm">
            {t('cm.review.corrected', { version: opinion.version, reason: opinion.correctionReason })}
          </Text>
        )}
        <Text size="sm">
          <strong>{t('cm.review.diagnosis')}</strong> {t(diagnosisKey[opinion.diagnosis.verdict])}
          {opinion.diagnosis.proposedCode && ` (${opinion.diagnosis.proposedCode})`}
        </Text>
        <Text size="sm">
          <strong>{t('cm.review.treatment')}</strong> {t(treatmentKey[opinion.treatment.verdict])}
        </Text>
        {opinion.furtherTests.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {t('cm.review.furtherTests')}
            </Text>
            <Stack component="ul" gap={2}>
              {opinion.furtherTests.map((test, index) => (
                <Text component="li" size="sm" key={index}>
                  {test}
                </Text>
              ))}
            </Stack>
          </>
        )}
        {opinion.answers.length > 0 && (
          <Stack component="dl" gap={4} m={0}>
            {opinion.answers.map((entry, index) => (
              <div key={index}>
                <Text component="dt" size="sm" fw={600}>
                  {entry.question}
                </Text>
                <Text component="dd" size="sm" ms={0} className="message-body">
                  {entry.answer}
                </Text>
              </div>
            ))}
          </Stack>
        )}
        <Text size="sm" fw={600}>
          {t('cm.review.narrative')}
        </Text>
        <Text size="sm" className="message-body">
          {opinion.narrative}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * The case manager's rating of one opinion, for the specialist's record: a labelled group of five
 * radio buttons and an optional comment. Rating again replaces the earlier rating.
 */
function OpinionRatingForm({
  caseId,
  reviewId,
  opinion,
  mine,
}: {
  caseId: string;
  reviewId: string;
  opinion: Opinion;
  mine: OpinionRating | undefined;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [score, setScore] = useState(mine ? String(mine.score) : '');
  const [comment, setComment] = useState(mine?.comment ?? '');
  const [rulesError, setRulesError] = useState<unknown>(null);
  const form = useRef<HTMLFormElement>(null);
  const fields = useFieldCheck(form, {
    words: (_, path) => (path[0] === 'score' ? t('cm.review.rating.needScore') : undefined),
  });
  const headingId = `rating-${opinion.offerId}`;
  const body = () => ({
    offerId: opinion.offerId,
    score: score ? Number(score) : Number.NaN,
    comment: comment.trim() || undefined,
  });
  const rate = useMutation({
    mutationFn: () => staffApi.rateOpinion(caseId, reviewId, body()),
    onError: fields.refused,
    onSettled: () => client.invalidateQueries({ queryKey: staffKeys.reviews(caseId) }),
  });
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await reviewRules.load().catch((error: unknown) => void setRulesError(error));
    if (rules && fields.check(rules.OpinionRatingCreation, body())) rate.mutate();
  };
  return (
    <form
      ref={form}
      onSubmit={(event) => void send(event)}
      onFocus={reviewRules.warm}
      noValidate
      aria-labelledby={headingId}
      className="opinion-rating"
    >
      <Stack gap="xs">
        <Text size="sm" fw={600} id={headingId}>
          {t('cm.review.rating.heading', { name: opinion.specialist.name })}
        </Text>
        <Radio.Group
          label={t('cm.review.rating.score')}
          description={mine ? t('cm.review.rating.yours', { score: mine.score }) : t('cm.review.rating.help')}
          value={score}
          onChange={(value) => {
            setScore(value);
            fields.clear();
            rate.reset();
          }}
          error={fields.errors.score}
          required
        >
          <Group gap="md" mt={4}>
            {SCORES.map((value) => (
              <Radio
                key={value}
                value={String(value)}
                label={t('cm.review.rating.value', { score: value })}
                aria-invalid={fields.errors.score ? true : undefined}
              />
            ))}
          </Group>
        </Radio.Group>
        <GrowingTextarea
          label={t('cm.review.rating.comment')}
          minRows={2}
          maxLength={MAX_RATING_COMMENT}
          value={comment}
          onChange={(event) => {
            setComment(event.currentTarget.value);
            rate.reset();
          }}
          error={fields.errors.comment}
        />
        <WriteError error={rulesError ?? rate.error} />
        {rate.isSuccess && (
          <Text size="sm" role="status">
            {t('cm.review.rating.saved')}
          </Text>
        )}
        <Button type="submit" variant="default" w="fit-content" loading={rate.isPending}>
          {mine ? t('cm.review.rating.replace') : t('cm.review.rating.submit')}
        </Button>
      </Stack>
    </form>
  );
}

const emptySearch = (kase: CaseDetail): MatchSearch => ({
  condition: '',
  specialty: [],
  languages: [kase.preferredLanguage],
  regions: [],
  urgency: 'routine',
  nearby: false,
  includeFull: false,
  limit: 10,
});

/** The network's matches for a case, once a search is given. */
function useMatches(caseId: string, search: MatchSearch | null) {
  return useQuery({
    queryKey: search ? staffKeys.matches(caseId, search) : ['case', caseId, 'specialist-matches', 'none'],
    queryFn: () => staffApi.specialistMatches(caseId, search!),
    enabled: search !== null,
  });
}

/**
 * The search of the network for a case (condition, specialties, languages, countries, urgency),
 * used to choose the panel of a new review and to fill a place a panel was left short of.
 */
function MatchSearchForm({
  kase,
  idPrefix,
  heading,
  headingOrder,
  searching,
  onSearch,
}: {
  kase: CaseDetail;
  idPrefix: string;
  heading: string;
  headingOrder: 4 | 5;
  searching: boolean;
  onSearch: (search: MatchSearch) => void;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<MatchSearch>(() => emptySearch(kase));
  const [rulesError, setRulesError] = useState<unknown>(null);
  const form = useRef<HTMLFormElement>(null);
  const fields = useFieldCheck(form, {
    words: (issue, path) =>
      path[0] !== 'condition'
        ? undefined
        : draft.condition.trim()
          ? t('cm.match.conditionCode')
          : t('cm.match.needConditionOrSpecialty'),
    fieldOf: (path) => path.split('.')[0] ?? path,
  });
  const specialtyOptions = useMemo(
    () =>
      specialtyTaxonomy.map((entry) => ({
        value: entry.code,
        label: specialtyName(entry.code, i18n.language) ?? entry.code,
      })),
    [i18n.language],
  );
  const regionOptions = useMemo(() => countryOptions(i18n.language), [i18n.language]);

  // The search is checked as the server checks its body, so that a code it would refuse is said here.
  const find = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await reviewRules.load().catch((error: unknown) => void setRulesError(error));
    if (rules && fields.check(rules.SpecialistMatchSearch, matchBody(draft))) onSearch({ ...draft });
  };

  return (
    <form
      ref={form}
      onSubmit={(event) => void find(event)}
      onFocus={reviewRules.warm}
      noValidate
      aria-labelledby={`${idPrefix}-search`}
    >
      <Stack gap="sm">
        <Title order={headingOrder} size="h5" id={`${idPrefix}-search`}>
          {heading}
        </Title>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('cm.match.condition')}
            description={t('cm.match.conditionHelp')}
            value={draft.condition}
            maxLength={10}
            onChange={(event) => {
              const condition = event.currentTarget.value;
              setDraft((current) => ({ ...current, condition }));
            }}
            error={fields.errors.condition}
          />
          <MultiSelect
            label={t('cm.match.specialties')}
            description={t('cm.match.specialtiesHelp')}
            data={specialtyOptions}
            value={draft.specialty}
            onChange={(specialty) => setDraft((current) => ({ ...current, specialty }))}
            searchable
            maxValues={10}
            nothingFoundMessage={t('cm.match.noSpecialty')}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('cm.match.languages')}
            description={t('cm.match.languagesHelp')}
            value={draft.languages.join(', ')}
            onChange={(event) => {
              const languages = event.currentTarget.value
                .split(',')
                .map((tag) => tag.trim())
                .filter(Boolean);
              setDraft((current) => ({ ...current, languages }));
            }}
            error={fields.errors.languages}
          />
          <MultiSelect
            label={t('cm.match.regions')}
            description={t('cm.match.regionsHelp')}
            data={regionOptions}
            value={draft.regions}
            onChange={(regions) => setDraft((current) => ({ ...current, regions }))}
            searchable
            maxValues={20}
          />
        </Group>
        <Group wrap="wrap" align="flex-end">
          <NativeSelect
            label={t('cm.match.urgency')}
            value={draft.urgency}
            onChange={(event) => {
              const urgency = event.currentTarget.value === 'urgent' ? 'urgent' : 'routine';
              setDraft((current) => ({ ...current, urgency }));
            }}
            data={[
              { value: 'routine', label: t('cm.match.urgency.routine') },
              { value: 'urgent', label: t('cm.match.urgency.urgent') },
            ]}
          />
          <NumberInput
            label={t('cm.match.limit')}
            value={draft.limit}
            min={1}
            max={50}
            w={140}
            onChange={(value) =>
              setDraft((current) => ({
                ...current,
                limit: Math.min(50, Math.max(1, Number(value) || 10)),
              }))
            }
          />
          <Checkbox
            label={t('cm.match.nearby')}
            checked={draft.nearby}
            onChange={(event) => {
              const nearby = event.currentTarget.checked;
              setDraft((current) => ({ ...current, nearby }));
            }}
          />
          <Checkbox
            label={t('cm.match.includeFull')}
            checked={draft.includeFull}
            onChange={(event) => {
              const includeFull = event.currentTarget.checked;
              setDraft((current) => ({ ...current, includeFull }));
            }}
          />
        </Group>
        <ErrorNotice error={rulesError} />
        <Button type="submit" variant="default" w="fit-content" loading={searching}>
          {t('cm.match.find')}
        </Button>
      </Stack>
    </form>
  );
}

function ReviewRequestForm({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [search, setSearch] = useState<MatchSearch | null>(null);
  const [panel, setPanel] = useState<string[]>([]);
  const [summary, setSummary] = useState('');
  const [questions, setQuestions] = useState<string[]>(() =>
    kase.questions.length > 0 ? kase.questions.slice(0, MAX_QUESTIONS) : [''],
  );
  const [chosenDocuments, setChosenDocuments] = useState<string[] | null>(null);
  const [offerNext, setOfferNext] = useState(true);
  const [rulesError, setRulesError] = useState<unknown>(null);
  // The panel is chosen from the list of matches above the form: its problems are said there.
  const form = useRef<HTMLElement>(null);
  const fields = useFieldCheck(form, {
    words: (_, path) => (path[0] === 'specialistIds' ? t('cm.review.validation.panel') : undefined),
    fieldOf: (path) => (path.startsWith('specialistIds') ? 'panel' : path),
  });

  const matches = useMatches(kase.id, search);
  const documents = useQuery({
    queryKey: queryKeys.documents(kase.id),
    queryFn: () => api.documents(kase.id),
  });
  const consents = useQuery({
    queryKey: queryKeys.sharingConsents(kase.id),
    queryFn: () => api.sharingConsents(kase.id),
  });
  const consent = consents.data?.items.find((item) => item.active);
  // Until the case manager chooses, the records the consent covers are ticked.
  const shared =
    chosenDocuments ??
    (documents.data?.items ?? []).filter((document) => coveredBy(consent, document)).map((d) => d.id);

  const body = () => {
    const ranked = matches.data?.items.map((match) => match.specialist.id) ?? [];
    return {
      version: kase.version,
      specialistIds: panel,
      candidateIds: offerNext ? ranked.filter((id) => !panel.includes(id)) : [],
      offerNextOnDecline: offerNext,
      summary: summary.trim(),
      questions: questions.map((question) => question.trim()),
      documentIds: shared,
    };
  };
  const submit = useMutation({
    mutationFn: () => staffApi.requestReview(kase.id, body()),
    onSuccess: () => {
      setPanel([]);
      setSearch(null);
    },
    onError: fields.refused,
    onSettled: () => refreshCase(client, kase.id),
  });

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await reviewRules.load().catch((error: unknown) => void setRulesError(error));
    if (rules && fields.check(rules.ReviewRequestCreation, body())) submit.mutate();
  };

  const toggle = (id: string, on: boolean) =>
    setPanel((current) => (on ? [...current, id].slice(0, MAX_PANEL) : current.filter((x) => x !== id)));

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      ref={form}
      onFocus={reviewRules.warm}
      aria-labelledby="review-request"
    >
      <Stack gap="md">
        <Title order={3} size="h4" id="review-request">
          {t('cm.review.requestHeading')}
        </Title>
        <MatchSearchForm
          kase={kase}
          idPrefix="review"
          heading={t('cm.match.heading')}
          headingOrder={4}
          searching={matches.isFetching}
          onSearch={(next) => {
            setPanel([]);
            setSearch(next);
          }}
        />

        {matches.error && <ErrorNotice error={matches.error} />}
        {search && matches.data && (
          <MatchList
            idPrefix="review"
            headingOrder={4}
            matches={matches.data.items}
            chosen={panel}
            onToggle={toggle}
            error={fields.errors.panel}
          />
        )}

        {search && matches.data && matches.data.items.length > 0 && (
          <form onSubmit={(event) => void send(event)} noValidate>
            <Stack gap="sm">
              <GrowingTextarea
                label={t('cm.review.summary')}
                description={t('cm.review.summaryHelp')}
                required
                minRows={4}
                maxLength={20_000}
                value={summary}
                onChange={(event) => setSummary(event.currentTarget.value)}
                error={fields.errors.summary}
              />
              <Text fw={600} size="sm">
                {t('cm.review.questions')}
              </Text>
              <Stack component="ol" gap="xs" className="question-list">
                {questions.map((question, index) => (
                  <li key={index}>
                    <Group align="flex-end" gap="xs" wrap="nowrap">
                      <GrowingTextarea
                        style={{ flex: 1 }}
                        label={t('cm.review.question', { number: index + 1 })}
                        minRows={1}
                        maxLength={2_000}
                        required
                        value={question}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          setQuestions((current) => current.map((q, at) => (at === index ? value : q)));
                        }}
                        error={fields.errors[`questions.${index}`]}
                      />
                      {questions.length > 1 && (
                        <Button
                          variant="subtle"
                          color="#a51d1d"
                          aria-label={t('cm.review.removeQuestion', { number: index + 1 })}
                          onClick={() => setQuestions((current) => current.filter((_, at) => at !== index))}
                        >
                          {t('cm.review.remove')}
                        </Button>
                      )}
                    </Group>
                  </li>
                ))}
              </Stack>
              {questions.length < MAX_QUESTIONS && (
                <Button
                  variant="light"
                  w="fit-content"
                  onClick={() => setQuestions((current) => [...current, ''])}
                >
                  {t('cm.review.addQuestion')}
                </Button>
              )}

              <Checkbox.Group
                label={t('cm.review.documents')}
                description={
                  consent
                    ? consent.scope === 'all'
                      ? t('cm.review.consentAll')
                      : t('cm.review.consentSelected')
                    : t('cm.review.consentNone')
                }
                value={shared}
                onChange={setChosenDocuments}
              >
                <Stack gap={4} mt={4}>
                  {(documents.data?.items ?? []).length === 0 && (
                    <Text size="sm">{t('cm.records.noDocuments')}</Text>
                  )}
                  {(documents.data?.items ?? []).map((document) => (
                    <Checkbox
                      key={document.id}
                      value={document.id}
                      label={
                        coveredBy(consent, document)
                          ? document.title
                          : t('cm.review.documentNotCovered', { title: document.title })
                      }
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Checkbox
                label={t('cm.review.offerNext')}
                checked={offerNext}
                onChange={(event) => setOfferNext(event.currentTarget.checked)}
              />
              <WriteError error={rulesError ?? submit.error} />
              <Button type="submit" w="fit-content" loading={submit.isPending}>
                {t('cm.review.submit', { count: panel.length })}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The network's matches, best first, each with why it ranks where it does: ticked for a new
 * panel (up to its size), or, `single`, one chosen with a radio button for a free place. Those
 * without a review desk, and the `unavailable` (already asked), cannot be chosen.
 */
function MatchList({
  idPrefix,
  headingOrder,
  matches,
  chosen,
  onToggle,
  single = false,
  unavailable,
  error,
}: {
  idPrefix: string;
  headingOrder: 4 | 5;
  matches: SpecialistMatch[];
  chosen: string[];
  onToggle: (id: string, on: boolean) => void;
  single?: boolean;
  unavailable?: ReadonlySet<string>;
  error: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  if (matches.length === 0) return <Text role="status">{t('cm.match.none')}</Text>;
  const headingId = `${idPrefix}-match-results`;
  const errorId = `${idPrefix}-match-error`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={headingOrder} size="h5" id={headingId}>
        {t('cm.match.results', { count: matches.length })}
      </Title>
      <Text size="sm">{single ? t('cm.review.freePlace.pick') : t('cm.match.pick', { max: MAX_PANEL })}</Text>
      {error && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert" id={errorId}>
          {error}
        </Text>
      )}
      <div
        {...(single && {
          role: 'radiogroup',
          'aria-labelledby': headingId,
          'aria-describedby': error ? errorId : undefined,
          'aria-invalid': error ? true : undefined,
        })}
      >
        <Stack component="ol" gap="sm" className="plain-list">
          {matches.map((match, rank) => {
            const { specialist } = match;
            const picked = chosen.includes(specialist.id);
            const name = displayName(specialist);
            const asked = unavailable?.has(specialist.id) ?? false;
            const why = !specialist.reviewDesk
              ? t('cm.match.noDesk')
              : asked
                ? t('cm.match.alreadyAsked')
                : undefined;
            return (
              <Paper component="li" withBorder p="sm" key={specialist.id} data-specialist={specialist.id}>
                <Stack gap={6}>
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    {single ? (
                      <Radio
                        name={`${idPrefix}-choice`}
                        value={specialist.id}
                        label={t('cm.match.chooseOne', { rank: rank + 1, name })}
                        checked={picked}
                        disabled={!picked && (asked || !specialist.reviewDesk)}
                        description={why}
                        onChange={(event) => onToggle(specialist.id, event.currentTarget.checked)}
                      />
                    ) : (
                      <Checkbox
                        label={t('cm.match.choose', { rank: rank + 1, name })}
                        checked={picked}
                        disabled={!picked && (chosen.length >= MAX_PANEL || asked || !specialist.reviewDesk)}
                        description={why}
                        onChange={(event) => onToggle(specialist.id, event.currentTarget.checked)}
                        aria-invalid={error ? true : undefined}
                      />
                    )}
                    <Badge variant="filled" color="brand.9">
                      {t('cm.match.score', { score: Math.round(match.score) })}
                    </Badge>
                  </Group>
                  <Text size="sm">
                    {[
                      specialist.institution,
                      `${specialist.city}, ${regionName(specialist.country, i18n.language)}`,
                      languageNames(specialist.languages, i18n.language),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                  <Text size="sm">
                    {[...specialist.specialtyCodes, ...specialist.subspecialtyCodes]
                      .map((code) => specialtyName(code, i18n.language) ?? code)
                      .join(', ')}
                  </Text>
                  <details>
                    <summary>{t('cm.match.why')}</summary>
                    <Table mt="xs" withTableBorder>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('cm.match.factor')}</Table.Th>
                          <Table.Th scope="col">{t('cm.match.points')}</Table.Th>
                          <Table.Th scope="col">{t('cm.match.reason')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {match.factors.map((factor) => (
                          <Table.Tr key={factor.factor}>
                            <Table.Th scope="row">{t(factorKey[factor.factor])}</Table.Th>
                            <Table.Td>
                              {t('cm.match.pointsOf', { points: factor.points, max: factor.maxPoints })}
                            </Table.Td>
                            <Table.Td>{describeReason(factor.reason, t)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </details>
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      </div>
    </Stack>
  );
}

import { Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { GrowingTextarea } from '../../../components/GrowingTextarea';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Opinion, OpinionRating } from '../../../../shared/reviews';
import { staffApi, staffKeys } from '../../../api/staff';
import { formatMoment } from '../../../app/format';
import { useFormCheck } from '../../../app/formCheck';
import { staffWords } from '../../../features/staff/fieldWords';
import { WriteError } from '../../../features/staff/WriteError';
import { reviewRules, MAX_RATING_COMMENT, SCORES } from './reviewRules';
import { diagnosisKey, treatmentKey } from './labels';
import { UserText } from '../../../components/UserText';

export function OpinionView({
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
                  <UserText>{test}</UserText>
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
                  <UserText>{entry.question}</UserText>
                </Text>
                <Text component="dd" size="sm" ms={0} className="message-body">
                  <UserText>{entry.answer}</UserText>
                </Text>
              </div>
            ))}
          </Stack>
        )}
        <Text size="sm" fw={600}>
          {t('cm.review.narrative')}
        </Text>
        <Text size="sm" className="message-body">
          <UserText>{opinion.narrative}</UserText>
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
export function OpinionRatingForm({
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
  const fields = useFormCheck(form, {
    words: staffWords(t, (_, path) => (path[0] === 'score' ? t('cm.review.rating.needScore') : undefined)),
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

import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyServiceReview, ReviewLanguage } from '../../../shared/feedback';
import { languageName } from '../../app/format';
import { useFormCheck } from '../../app/formCheck';
import { onDemand } from '../../app/onDemand';
import { ErrorNotice } from '../../components/ErrorNotice';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { isLocale, locales } from '../../i18n/locales';
import { feedbackApi, feedbackKeys } from './api';
import { StarInput } from './StarInput';

/** The server's rules for a review (zod), fetched when the form is first used. */
const reviewRules = onDemand(() => import('../../../shared/feedback'));

/** The member writes their review of the service, or changes the one they wrote. */
export function ReviewForm({
  caseId,
  current,
  onDone,
}: {
  caseId: string;
  current: MyServiceReview | null;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const check = useFormCheck(form);
  const [stars, setStars] = useState<number | null>(current?.stars ?? null);
  const [title, setTitle] = useState(current?.title ?? '');
  const [text, setText] = useState(current?.text ?? '');
  const [language, setLanguage] = useState<ReviewLanguage>(
    current?.language ?? (isLocale(i18n.language) ? i18n.language : 'en'),
  );
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [rulesError, setRulesError] = useState<unknown>(null);
  const body = () => ({ stars: stars ?? Number.NaN, title: title.trim(), text: text.trim(), language });
  const send = useMutation({
    mutationFn: () =>
      current
        ? feedbackApi.editReview(caseId, { ...body(), version: current.version })
        : feedbackApi.writeReview(caseId, body(), idempotencyKey),
    onSuccess: (saved) => {
      queryClient.setQueryData(feedbackKeys.mine(caseId), saved);
      onDone();
    },
    onError: check.refused,
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await reviewRules.load().catch((error: unknown) => void setRulesError(error));
    if (rules && check.check(rules.ServiceReviewDraft, body())) send.mutate();
  };
  return (
    <form ref={form} onSubmit={(event) => void submit(event)} onFocus={reviewRules.warm} noValidate>
      <Stack gap="sm">
        <StarInput value={stars} onChange={setStars} error={check.errors.stars} />
        <TextInput
          label={t('feedback.form.title')}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={check.errors.title}
          maxLength={120}
          withAsterisk
        />
        <GrowingTextarea
          label={t('feedback.form.text')}
          description={t('feedback.form.textHelp')}
          minRows={4}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={check.errors.text}
          withAsterisk
        />
        <NativeSelect
          label={t('feedback.form.language')}
          value={language}
          onChange={(event) => setLanguage(event.currentTarget.value as ReviewLanguage)}
          data={locales.map((locale) => ({ value: locale, label: languageName(locale, i18n.language) }))}
          error={check.errors.language}
        />
        <ErrorNotice error={rulesError ?? send.error} />
        <Group gap="sm">
          <Button type="submit" loading={send.isPending}>
            {current ? t('feedback.form.save') : t('feedback.form.send')}
          </Button>
          {current && (
            <Button variant="default" onClick={onDone}>
              {t('feedback.form.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

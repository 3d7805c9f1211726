import { Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { GrowingTextarea } from '../../../components/GrowingTextarea';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import type { CaseDocument, SharingConsent } from '../../../../shared/documents';
import { api, queryKeys } from '../../../api/endpoints';
import { staffApi, type MatchSearch } from '../../../api/staff';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { refreshCase } from '../refreshCase';
import { useFormCheck } from '../../../app/formCheck';
import { staffWords } from '../../../features/staff/fieldWords';
import { WriteError } from '../../../features/staff/WriteError';
import { reviewRules, MAX_PANEL, MAX_QUESTIONS } from './reviewRules';
import { MatchSearchForm, useMatches } from './MatchSearch';
import { MatchList } from './MatchList';

/** What the member's consent in force lets the case manager share. */
function coveredBy(consent: SharingConsent | undefined, document: CaseDocument): boolean {
  if (!consent) return false;
  return consent.scope === 'all' || (consent.documentIds ?? []).includes(document.id);
}

export function ReviewRequestForm({ kase }: { kase: CaseDetail }) {
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
  const fields = useFormCheck(form, {
    words: staffWords(t, (_, path) =>
      path[0] === 'specialistIds' ? t('cm.review.validation.panel') : undefined,
    ),
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

import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../../shared/cases';
import type { Me } from '../../../shared/identity';
import { api, queryKeys } from '../../api/endpoints';
import { formatMoment, isolate } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { relationshipKey } from '../../features/cases/relationship';
import { channelKey } from '../../features/contact/channels';
import { ContactTimes } from '../../features/contact/ContactTimes';
import { newDraft, requestBody, type RequestDraft } from '../../features/requests/draft';
import { loadDraft, removeDraft, saveDraft } from '../../features/requests/draftStore';
import { countryOptions, timeZoneOptions } from '../../features/requests/places';
import {
  errorsOfStep,
  validateRequest,
  warmValidation,
  type FieldErrors,
} from '../../features/requests/validation';
import { invalidFields } from '../../app/errors';
import { localeNames, locales } from '../../i18n/locales';

const MAX_QUESTIONS = 10;

const stepTitleKey = [
  'request.step.about',
  'request.step.opinion',
  'request.step.questions',
  'request.step.contact',
  'request.step.location',
] as const;

function Confirmation({ kase, me }: { kase: CaseDetail; me: Me }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const languages = (kase.caseManager?.languages ?? []).map((tag) => {
    try {
      return new Intl.DisplayNames([i18n.language], { type: 'language' }).of(tag) ?? tag;
    } catch {
      return tag;
    }
  });
  return (
    <Stack gap="lg">
      <PageHeading>{t('request.sent.title')}</PageHeading>
      <Paper withBorder p="lg" radius="md" ref={heading} tabIndex={-1} role="status">
        <Stack gap="sm">
          <Text size="lg" fw={600} data-testid="case-reference">
            {t('request.sent.reference', { number: isolate(kase.number) })}
          </Text>
          {kase.caseManager ? (
            <Text data-testid="case-manager">
              {t('request.sent.caseManager', {
                name: kase.caseManager.name,
                languages: languages.join(', '),
              })}
            </Text>
          ) : (
            <Text>{t('request.sent.noCaseManager')}</Text>
          )}
          <Text data-testid="promised-contact">
            {t('request.sent.contactBy', {
              time: formatMoment(kase.firstContactDueAt, i18n.language, kase.timeZone),
              timeZone: kase.timeZone,
            })}
          </Text>
          <Text>{t('request.sent.next')}</Text>
        </Stack>
      </Paper>
      <Group>
        <Button component={Link} to={`/cases/${kase.id}`}>
          {t('request.sent.open')}
        </Button>
        <Anchor component={Link} to="/">
          {t('case.backToHub')}
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed">
        {t('request.sent.email', { email: me.email })}
      </Text>
    </Stack>
  );
}

const hasContactPreferences = (me: Me) =>
  me.contactPreferences.channel !== null || me.contactPreferences.windows.length > 0;

/**
 * `/cases/new`: ask for a second opinion in five short steps that fit a phone. Every step is
 * checked with the server's own schema before moving on; the draft is kept on this device as the
 * member writes, and sent with one Idempotency-Key so that a retry never makes a second case.
 */
export function RequestOpinionPage() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorNotice error={me.error} />;
  return <RequestForm me={me.data} />;
}

function RequestForm({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const hub = useQuery({ queryKey: queryKeys.hub, queryFn: api.healthcareHub });
  const [fromProfile] = useState(() => loadDraft(me.id) === null && hasContactPreferences(me));
  const [draft, setDraft] = useState<RequestDraft>(
    () =>
      loadDraft(me.id) ??
      newDraft({
        language: i18n.language,
        country: me.country,
        // Saved times are in the profile's zone, so that zone comes with them.
        ...(hasContactPreferences(me)
          ? {
              timeZone: me.timeZone,
              contactChannel: me.contactPreferences.channel ?? undefined,
              windows: me.contactPreferences.windows,
            }
          : {}),
      }),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  // The schema could not be fetched to check a step (a lost connection): said above the buttons.
  const [checkError, setCheckError] = useState<unknown>(null);
  const [sent, setSent] = useState<CaseDetail | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (!sent) saveDraft(me.id, draft);
  }, [draft, me.id, sent]);
  useEffect(() => {
    if (moved.current) stepHeading.current?.focus();
  }, [draft.step]);

  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const zones = useMemo(() => timeZoneOptions(), []);

  const submit = useMutation({
    mutationFn: () => api.submitCase(requestBody(draft), draft.idempotencyKey),
    onSuccess: (kase) => {
      removeDraft(me.id);
      setSent(kase);
      void queryClient.invalidateQueries({ queryKey: queryKeys.myCases });
    },
    onError: (error) => {
      const fields = invalidFields(error);
      if (fields.size > 0) validateRequest(draft, t).then(setErrors, () => undefined);
    },
  });

  if (sent) return <Confirmation kase={sent} me={me} />;

  const update = (change: Partial<RequestDraft>) => setDraft((current) => ({ ...current, ...change }));
  const step = draft.step;
  const last = stepTitleKey.length - 1;
  const error = (path: string) => errors[path];

  const goTo = (next: number) => {
    moved.current = true;
    setErrors({});
    update({ step: next });
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setCheckError(null);
    const found = await validateRequest(draft, t).catch((error: unknown) => void setCheckError(error));
    if (!found) return;
    const here = errorsOfStep(found, step);
    if (Object.keys(here).length > 0) {
      setErrors(here);
      // Focus the first field in error, so a screen reader reads its message.
      requestAnimationFrame(() => {
        const invalid = document.querySelector<HTMLElement>('[aria-invalid="true"]');
        invalid?.focus();
      });
      return;
    }
    if (step < last) return goTo(step + 1);
    if (Object.keys(found).length > 0) {
      // An earlier step is not right any more (a draft from an older page): go there.
      const firstBad =
        [0, 1, 2, 3, 4].find((index) => Object.keys(errorsOfStep(found, index)).length > 0) ?? 0;
      moved.current = true;
      update({ step: firstBad });
      setErrors(errorsOfStep(found, firstBad));
      return;
    }
    submit.mutate();
  };

  const dependants = hub.data?.dependants ?? [];
  const setQuestion = (index: number, value: string) =>
    update({ questions: draft.questions.map((question, i) => (i === index ? value : question)) });

  return (
    <Stack gap="lg" maw={640}>
      <PageHeading>{t('request.title')}</PageHeading>
      <Text>{t('request.intro')}</Text>
      <Text size="sm" data-testid="request-step" aria-live="polite">
        {t('request.progress', { step: step + 1, total: stepTitleKey.length })}
      </Text>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={(event) => void onSubmit(event)} onFocus={warmValidation} noValidate>
          <Stack gap="md">
            <Title order={2} size="h3" ref={stepHeading} tabIndex={-1} className="page-heading">
              {t(stepTitleKey[step]!)}
            </Title>

            {step === 0 && (
              <>
                {dependants.length > 0 && (
                  <Radio.Group
                    label={t('request.forWhom')}
                    value={draft.memberId}
                    onChange={(value) => update({ memberId: value })}
                  >
                    <Stack gap={4} mt={4}>
                      <Radio value="" label={t('request.forSelf')} />
                      {dependants.map((person) => (
                        <Radio
                          key={person.id}
                          value={person.id}
                          label={t('hub.dependants.person', {
                            name: `${person.givenName} ${person.familyName}`,
                            relationship: t(relationshipKey[person.relationship]),
                          })}
                        />
                      ))}
                    </Stack>
                  </Radio.Group>
                )}
                <Textarea
                  label={t('request.concern')}
                  description={t('request.concernHelp')}
                  required
                  autosize
                  minRows={4}
                  maxLength={4000}
                  value={draft.concern}
                  onChange={(event) => update({ concern: event.currentTarget.value })}
                  error={error('concern')}
                />
              </>
            )}

            {step === 1 && (
              <>
                <Text size="sm">{t('request.opinionIntro')}</Text>
                <Textarea
                  label={t('request.diagnosis')}
                  autosize
                  minRows={2}
                  maxLength={2000}
                  value={draft.diagnosisReceived}
                  onChange={(event) => update({ diagnosisReceived: event.currentTarget.value })}
                  error={error('diagnosisReceived')}
                />
                <Textarea
                  label={t('request.treatment')}
                  autosize
                  minRows={2}
                  maxLength={2000}
                  value={draft.treatmentPlanReceived}
                  onChange={(event) => update({ treatmentPlanReceived: event.currentTarget.value })}
                  error={error('treatmentPlanReceived')}
                />
                <TextInput
                  label={t('request.doctor')}
                  maxLength={200}
                  value={draft.doctorName}
                  onChange={(event) => update({ doctorName: event.currentTarget.value })}
                  error={error('firstOpinion.doctorName')}
                />
                <TextInput
                  label={t('request.institution')}
                  maxLength={200}
                  value={draft.institution}
                  onChange={(event) => update({ institution: event.currentTarget.value })}
                  error={error('firstOpinion.institution')}
                />
                <NativeSelect
                  label={t('request.opinionCountry')}
                  value={draft.firstOpinionCountry}
                  onChange={(event) => update({ firstOpinionCountry: event.currentTarget.value })}
                  error={error('firstOpinion.country')}
                >
                  <option value="">{t('request.notSaying')}</option>
                  {countries.map((country) => (
                    <option key={country.value} value={country.value}>
                      {country.label}
                    </option>
                  ))}
                </NativeSelect>
              </>
            )}

            {step === 2 && (
              <>
                <Text size="sm">{t('request.questionsIntro', { max: MAX_QUESTIONS })}</Text>
                {error('questions') && (
                  <Text c="var(--mantine-color-error)" size="sm" role="alert">
                    {error('questions')}
                  </Text>
                )}
                <Stack component="ol" gap="sm" className="question-list">
                  {draft.questions.map((question, index) => (
                    <li key={index}>
                      <Group align="flex-end" gap="xs" wrap="nowrap">
                        <Textarea
                          style={{ flex: 1 }}
                          label={t('request.question', { number: index + 1 })}
                          autosize
                          minRows={1}
                          maxLength={1000}
                          required
                          value={question}
                          onChange={(event) => setQuestion(index, event.currentTarget.value)}
                          error={error(`questions.${index}`)}
                        />
                        {draft.questions.length > 1 && (
                          <Button
                            variant="subtle"
                            color="#a51d1d"
                            aria-label={t('request.removeQuestion', { number: index + 1 })}
                            onClick={() =>
                              update({ questions: draft.questions.filter((_, i) => i !== index) })
                            }
                          >
                            {t('request.remove')}
                          </Button>
                        )}
                      </Group>
                    </li>
                  ))}
                </Stack>
                {draft.questions.length < MAX_QUESTIONS ? (
                  <Button
                    variant="light"
                    w="fit-content"
                    onClick={() => update({ questions: [...draft.questions, ''] })}
                  >
                    {t('request.addQuestion')}
                  </Button>
                ) : (
                  <Text size="sm">{t('request.validation.questionsMax')}</Text>
                )}
              </>
            )}

            {step === 3 && (
              <>
                {fromProfile && (
                  <Text size="sm" data-testid="contact-from-profile">
                    {t('request.contactFromProfile')}{' '}
                    <Anchor component={Link} to="/me/profile">
                      {t('request.contactFromProfileLink')}
                    </Anchor>
                  </Text>
                )}
                <NativeSelect
                  label={t('request.language')}
                  description={t('request.languageHelp')}
                  value={draft.preferredLanguage}
                  onChange={(event) => update({ preferredLanguage: event.currentTarget.value })}
                  error={error('preferredLanguage')}
                >
                  {locales.map((locale) => (
                    <option key={locale} value={locale} lang={locale}>
                      {localeNames[locale]}
                    </option>
                  ))}
                </NativeSelect>
                <Radio.Group
                  label={t('request.channel')}
                  value={draft.contactChannel}
                  onChange={(value) =>
                    update({ contactChannel: value === 'video' || value === 'message' ? value : 'phone' })
                  }
                >
                  <Stack gap={4} mt={4}>
                    {(['phone', 'video', 'message'] as const).map((channel) => (
                      <Radio key={channel} value={channel} label={t(channelKey[channel])} />
                    ))}
                  </Stack>
                </Radio.Group>
                <NativeSelect
                  label={t('request.timeZone')}
                  description={t('request.timeZoneHelp')}
                  value={draft.timeZone}
                  onChange={(event) => update({ timeZone: event.currentTarget.value })}
                  error={error('timeZone')}
                >
                  {zones.map((zone) => (
                    <option key={zone} value={zone}>
                      {zone}
                    </option>
                  ))}
                </NativeSelect>
                <Text fw={500} size="sm">
                  {t('request.windows')}
                </Text>
                <Text size="sm">{t('request.windowsHelp')}</Text>
                <ContactTimes
                  windows={draft.windows}
                  onChange={(windows) => update({ windows })}
                  error={(path) => error(`preferredContactWindows.${path}`)}
                />
              </>
            )}

            {step === 4 && (
              <>
                <NativeSelect
                  label={t('request.country')}
                  required
                  value={draft.country}
                  onChange={(event) => update({ country: event.currentTarget.value })}
                  error={error('location.country')}
                >
                  <option value="">{t('request.chooseCountry')}</option>
                  {countries.map((country) => (
                    <option key={country.value} value={country.value}>
                      {country.label}
                    </option>
                  ))}
                </NativeSelect>
                <TextInput
                  label={t('request.city')}
                  required
                  maxLength={120}
                  autoComplete="address-level2"
                  value={draft.city}
                  onChange={(event) => update({ city: event.currentTarget.value })}
                  error={error('location.city')}
                />
              </>
            )}

            {(checkError ?? submit.error) ? <ErrorNotice error={checkError ?? submit.error} /> : null}
            <Group justify="space-between">
              {step > 0 ? (
                <Button variant="default" onClick={() => goTo(step - 1)}>
                  {t('request.back')}
                </Button>
              ) : (
                <span />
              )}
              <Button type="submit" loading={submit.isPending}>
                {step < last ? t('request.next') : t('request.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Alert variant="light" role="note">
        {t('request.draftNote')}
      </Alert>
    </Stack>
  );
}

export default RequestOpinionPage;

import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState, type ComponentProps, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../../shared/cases';
import type { Me } from '../../../shared/identity';
import { ApiError } from '../../api/client';
import { canonicalTimeZone } from '../../../shared/timeZones';
import { api, queryKeys } from '../../api/endpoints';
import { formatMoment, isolate, languageName, listOf, zoneName } from '../../app/format';
import { onDemand } from '../../app/onDemand';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ConfirmEmailNotice } from '../../features/account/ConfirmEmailNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { newDraft, requestBody, type RequestDraft } from '../../features/requests/draft';
import { loadDraft, removeDraft, saveDraft } from '../../features/requests/draftStore';
import { firstStepWith, issuesOfStep, requestWords } from '../../features/requests/requestCheck';
import {
  NotEligibleNotice,
  nobodyEligible,
  OpenCaseWarning,
  openCasesOf,
  personOf,
} from '../../features/requests/RequestNotices';
import { requestIssues, warmValidation } from '../../features/requests/validation';
import type { FieldIssue } from '../../app/fieldErrors';
import { issuesOfRefusal, useFormCheck } from '../../app/formCheck';

// Steps 2 to 5 and the choice of whom the request is for: fetched when the form is first used.
const requestSteps = onDemand(() => import('../../features/requests/RequestSteps'));
const LaterStep = lazy(async () => ({ default: (await requestSteps.load()).LaterStep }));
const ForWhom = lazy(async () => ({ default: (await requestSteps.load()).ForWhom }));

/** A later step: at once when its code is there (a step moved to waits for it), else after a loader. */
function LaterStepOf(props: ComponentProps<typeof LaterStep>) {
  const loaded = requestSteps.current();
  if (loaded) return <loaded.LaterStep {...props} />;
  return (
    <Suspense fallback={<Loading />}>
      <LaterStep {...props} />
    </Suspense>
  );
}

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
  const languages = (kase.caseManager?.languages ?? []).map((tag) => languageName(tag, i18n.language));
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
                languages: listOf(languages, i18n.language),
              })}
            </Text>
          ) : (
            <Text>{t('request.sent.noCaseManager')}</Text>
          )}
          <Text data-testid="promised-contact">
            {t('request.sent.contactBy', {
              time: formatMoment(kase.firstContactDueAt, i18n.language, kase.timeZone),
              timeZone: zoneName(kase.timeZone, i18n.language),
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

const SEPARATE_REQUEST_FIELD = 'request-separate-concern';

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
  const cases = useQuery({ queryKey: queryKeys.myCases, queryFn: api.myCases });
  // Whom the member confirmed a separate request for, though they have an open case.
  const [separateFor, setSeparateFor] = useState<string | null>(null);
  const [separateError, setSeparateError] = useState<string | undefined>(undefined);
  const notEligible = useRef<HTMLDivElement>(null);
  const [fromProfile] = useState(() => loadDraft(me.id) === null && hasContactPreferences(me));
  const [draft, setDraft] = useState<RequestDraft>(
    () =>
      loadDraft(me.id) ??
      newDraft({
        language: i18n.language,
        country: me.country,
        phone: me.phone?.international,
        // Saved times are in the profile's zone, so that zone comes with them.
        ...(hasContactPreferences(me)
          ? {
              timeZone: canonicalTimeZone(me.timeZone),
              contactChannel: me.contactPreferences.channel ?? undefined,
              windows: me.contactPreferences.windows,
            }
          : {}),
      }),
  );
  const form = useRef<HTMLFormElement>(null);
  const check = useFormCheck(form, { words: requestWords(t) });
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

  const submit = useMutation({
    mutationFn: () => api.submitCase(requestBody(draft), draft.idempotencyKey),
    onSuccess: (kase) => {
      removeDraft(me.id);
      setSent(kase);
      void queryClient.invalidateQueries({ queryKey: queryKeys.myCases });
    },
    // The server's findings land on the fields too, on the step that has the first of them.
    onError: (error) => {
      const issues = issuesOfRefusal(error);
      if (issues.length > 0) showStepOf(issues);
      // The address is not confirmed (or no longer thought to be): the notice above says what to do.
      if (error instanceof ApiError && error.code === 'identity.email_not_verified')
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });

  if (sent) return <Confirmation kase={sent} me={me} />;
  if (hub.data && nobodyEligible(hub.data)) {
    const { secondOpinion } = hub.data;
    return (
      <Stack gap="lg" maw={640}>
        <PageHeading>{t('request.title')}</PageHeading>
        {secondOpinion !== 'eligible' && (
          <NotEligibleNotice
            hub={hub.data}
            person={{ self: true, name: hub.data.member.givenName }}
            reason={secondOpinion}
            othersEligible={false}
          />
        )}
      </Stack>
    );
  }

  const person = hub.data ? personOf(hub.data, draft.memberId) : null;
  const openCases = person && cases.data ? openCasesOf(cases.data.items, person.id) : [];
  const separateConfirmed = person !== null && separateFor === person.id;

  const update = (change: Partial<RequestDraft>) => setDraft((current) => ({ ...current, ...change }));
  const step = draft.step;
  const last = stepTitleKey.length - 1;
  const error = (path: string) => check.errors[path];

  const goTo = (next: number) => {
    moved.current = true;
    check.clear();
    update({ step: next });
  };

  const showStepOf = (issues: readonly FieldIssue[]) => {
    const first = Math.max(0, firstStepWith(issues));
    if (first !== step) {
      moved.current = true;
      update({ step: first });
    }
    check.show(issuesOfStep(issues, first));
  };

  // The first use of the form fetches what its next steps need: the schema, the later steps.
  const warmForm = () => {
    warmValidation();
    requestSteps.warm();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setCheckError(null);
    // A request for someone whose plan is not in force would only be refused at the end.
    if (person && person.secondOpinion !== 'eligible') {
      notEligible.current?.focus();
      return;
    }
    // The next step's code too, so that the step moved to shows its fields at once (a keyboard
    // user tabs on from its heading), not a loader.
    const checked = await Promise.all([requestIssues(draft), requestSteps.load()]).catch(
      (error: unknown) => void setCheckError(error),
    );
    if (!checked) return;
    const [issues] = checked;
    if (!check.show(issuesOfStep(issues, step))) return;
    if (step < last) return goTo(step + 1);
    // An earlier step is not right any more (a draft from an older page): go there.
    if (issues.length > 0) return showStepOf(issues);
    if (openCases.length > 0 && !separateConfirmed) {
      setSeparateError(t('request.openCase.confirmNeeded'));
      document.getElementById(SEPARATE_REQUEST_FIELD)?.focus();
      return;
    }
    submit.mutate();
  };

  const dependants = hub.data?.dependants ?? [];

  return (
    <Stack gap="lg" maw={640}>
      <PageHeading>{t('request.title')}</PageHeading>
      <Text>{t('request.intro')}</Text>
      <Text size="sm" data-testid="request-step" aria-live="polite">
        {t('request.progress', { step: step + 1, total: stepTitleKey.length })}
      </Text>
      <ConfirmEmailNotice me={me} />
      {hub.data && person && person.secondOpinion !== 'eligible' && (
        <NotEligibleNotice
          ref={notEligible}
          hub={hub.data}
          person={person}
          reason={person.secondOpinion}
          othersEligible
        />
      )}
      {person && openCases.length > 0 && (
        <OpenCaseWarning
          person={person}
          cases={openCases}
          timeZone={me.timeZone}
          confirmed={separateConfirmed}
          onConfirm={(confirmed) => {
            setSeparateFor(confirmed ? person.id : null);
            setSeparateError(undefined);
          }}
          error={separateError}
          checkboxId={SEPARATE_REQUEST_FIELD}
        />
      )}
      <Paper withBorder p="lg" radius="md">
        <form ref={form} onSubmit={(event) => void onSubmit(event)} onFocus={warmForm} noValidate>
          <Stack gap="md">
            <Title order={2} size="h3" ref={stepHeading} tabIndex={-1} className="page-heading">
              {t(stepTitleKey[step]!)}
            </Title>

            {step === 0 && (
              <>
                {dependants.length > 0 && (
                  <Suspense fallback={<Loading />}>
                    <ForWhom
                      dependants={dependants}
                      value={draft.memberId}
                      onChange={(value) => update({ memberId: value })}
                    />
                  </Suspense>
                )}
                <GrowingTextarea
                  label={t('request.concern')}
                  description={t('request.concernHelp')}
                  required
                  minRows={4}
                  maxLength={4000}
                  value={draft.concern}
                  onChange={(event) => update({ concern: event.currentTarget.value })}
                  error={error('concern')}
                />
              </>
            )}

            {step > 0 && (
              <LaterStepOf
                step={step}
                draft={draft}
                update={update}
                error={error}
                fromProfile={fromProfile}
              />
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

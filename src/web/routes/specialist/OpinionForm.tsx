import {
  Alert,
  Button,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Textarea,
  TextInput,
  Title,
  Group,
} from '@mantine/core';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  diagnosisVerdicts,
  OpinionSubmission,
  treatmentVerdicts,
  type DeskReview,
  type DiagnosisVerdict,
  type TreatmentVerdict,
} from '../../../shared/reviews';
import { api, queryKeys } from '../../api/endpoints';
import { useFormCheck } from '../../app/formCheck';
import { languageName } from '../../app/format';
import { productLocales } from '../../../shared/locales';
import { ErrorNotice } from '../../components/ErrorNotice';
import { diagnosisKey, treatmentKey } from './labels';

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The field that shows a problem of the schema's path (or of the server's `errors[]`). */
function fieldOf(path: string): string {
  if (path === 'diagnosis.proposedCode') return 'proposedCode';
  const answer = /^answers\.(\d+)/.exec(path);
  return answer ? `answer.${answer[1]}` : path;
}

/**
 * The structured opinion: the verdicts, further tests, an answer to each question, the narrative
 * and references. Checked in the browser with the server's own schema before it is sent; a
 * correction is the next version and needs its reason.
 */
export function OpinionForm({ review }: { review: DeskReview }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const latest = review.opinions.at(-1);
  const correcting = latest !== undefined;
  const questions =
    review.questions.length > 0 ? review.questions : (latest?.answers.map((a) => a.question) ?? []);
  const [diagnosis, setDiagnosis] = useState<DiagnosisVerdict>(latest?.diagnosis.verdict ?? 'confirmed');
  const [proposedCode, setProposedCode] = useState(latest?.diagnosis.proposedCode ?? '');
  const [treatment, setTreatment] = useState<TreatmentVerdict>(latest?.treatment.verdict ?? 'confirmed');
  const [furtherTests, setFurtherTests] = useState(latest?.furtherTests.join('\n') ?? '');
  const [answers, setAnswers] = useState<string[]>(
    questions.map((_, index) => latest?.answers[index]?.answer ?? ''),
  );
  const [narrative, setNarrative] = useState(latest?.narrative ?? '');
  const [references, setReferences] = useState(latest?.references.join('\n') ?? '');
  const [correctionReason, setCorrectionReason] = useState('');
  // The language the opinion is written in, labelled as such for the member: the desk's by default.
  const [language, setLanguage] = useState(latest?.language ?? i18n.language);
  const languages = productLocales.includes(language as never)
    ? productLocales
    : [language, ...productLocales];
  const form = useRef<HTMLFormElement>(null);
  const check = useFormCheck(form, {
    words: (_, path) =>
      path[0] === 'diagnosis' ? t('desk.opinion.invalidCode') : t('desk.opinion.required'),
    fieldOf,
  });
  const errors = check.errors;
  const [sent, setSent] = useState(false);

  const submit = useMutation({
    mutationFn: (opinion: OpinionSubmission) => api.submitOpinion(review.offerId, opinion),
    onSuccess: async () => {
      setSent(true);
      setCorrectionReason('');
      await client.invalidateQueries({ queryKey: queryKeys.deskReview(review.offerId) });
      await client.invalidateQueries({ queryKey: queryKeys.desk });
    },
    onError: check.refused,
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    const opinion = {
      version: (latest?.version ?? 0) + 1,
      diagnosis: {
        verdict: diagnosis,
        ...(diagnosis === 'confirmed' || !proposedCode.trim() ? {} : { proposedCode }),
      },
      treatment: { verdict: treatment },
      furtherTests: lines(furtherTests),
      answers,
      narrative,
      references: lines(references),
      language,
      ...(correcting ? { correctionReason } : {}),
    };
    if (!check.check(OpinionSubmission, opinion)) return;
    submit.mutate(opinion);
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="desk-opinion-form">
      <form ref={form} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h3" id="desk-opinion-form">
            {correcting ? t('desk.opinion.correctHeading') : t('desk.opinion.heading')}
          </Title>
          <Radio.Group
            label={t('desk.opinion.diagnosis')}
            value={diagnosis}
            onChange={(value) => setDiagnosis(value as DiagnosisVerdict)}
            required
          >
            <Group gap="md" mt={4}>
              {diagnosisVerdicts.map((verdict) => (
                <Radio key={verdict} value={verdict} label={t(diagnosisKey[verdict])} />
              ))}
            </Group>
          </Radio.Group>
          {diagnosis !== 'confirmed' && (
            <TextInput
              label={t('desk.opinion.proposedCode')}
              description={t('desk.opinion.proposedCodeHelp')}
              value={proposedCode}
              onChange={(event) => setProposedCode(event.currentTarget.value)}
              error={errors.proposedCode}
              dir="ltr"
              required
            />
          )}
          <Radio.Group
            label={t('desk.opinion.treatment')}
            value={treatment}
            onChange={(value) => setTreatment(value as TreatmentVerdict)}
            required
          >
            <Group gap="md" mt={4}>
              {treatmentVerdicts.map((verdict) => (
                <Radio key={verdict} value={verdict} label={t(treatmentKey[verdict])} />
              ))}
            </Group>
          </Radio.Group>
          <GrowingTextarea
            label={t('desk.opinion.furtherTests')}
            description={t('desk.opinion.oneALine')}
            value={furtherTests}
            onChange={(event) => setFurtherTests(event.currentTarget.value)}
            minRows={2}
          />
          {questions.map((question, index) => (
            <GrowingTextarea
              key={index}
              label={question}
              description={t('desk.opinion.answer', { number: index + 1 })}
              value={answers[index] ?? ''}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setAnswers((current) => current.map((answer, i) => (i === index ? value : answer)));
              }}
              error={errors[`answer.${index}`]}
              minRows={2}
              required
            />
          ))}
          <NativeSelect
            label={t('desk.opinion.language')}
            description={t('desk.opinion.languageHelp')}
            value={language}
            onChange={(event) => setLanguage(event.currentTarget.value)}
            w="fit-content"
          >
            {languages.map((tag) => (
              <option key={tag} value={tag}>
                {languageName(tag, i18n.language)}
              </option>
            ))}
          </NativeSelect>
          <GrowingTextarea
            label={t('desk.opinion.narrative')}
            value={narrative}
            onChange={(event) => setNarrative(event.currentTarget.value)}
            error={errors.narrative}
            minRows={4}
            required
          />
          <GrowingTextarea
            label={t('desk.opinion.references')}
            description={t('desk.opinion.oneALine')}
            value={references}
            onChange={(event) => setReferences(event.currentTarget.value)}
            minRows={2}
          />
          {correcting && (
            <Textarea
              label={t('desk.opinion.correctionReason')}
              value={correctionReason}
              onChange={(event) => setCorrectionReason(event.currentTarget.value)}
              error={errors.correctionReason}
              required
            />
          )}
          <ErrorNotice error={submit.error} />
          {sent && (
            <Alert color="green" role="status">
              {t('desk.opinion.submitted')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {correcting ? t('desk.opinion.submitCorrection') : t('desk.opinion.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

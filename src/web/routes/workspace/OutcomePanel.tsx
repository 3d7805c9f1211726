import { Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases';
import {
  CallAnswer,
  OutcomeReconciliation,
  followUpActions,
  wellbeings,
  type CaseOutcome,
  type FollowUpAction,
  type Wellbeing,
} from '../../../shared/outcomes';
import type { DiagnosisVerdict, TreatmentVerdict } from '../../../shared/reviews';
import { api, queryKeys } from '../../api/endpoints';
import { formatMoment } from '../../app/format';
import { useFormCheck } from '../../app/formCheck';
import { ChoiceGroup } from '../../components/ChoiceGroup';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { outcomesApi, outcomesKeys } from '../../features/outcomes/api';
import { actionLabel, wellbeingLabel } from '../../features/outcomes/labels';
import { staffWords } from '../../features/staff/fieldWords';
import { WriteError } from '../../features/staff/WriteError';
import { useAreas } from '../../i18n';
import { diagnosisKey, treatmentKey } from './reviews/labels';

const diagnoses: readonly DiagnosisVerdict[] = ['confirmed', 'refined', 'changed'];
const treatments: readonly TreatmentVerdict[] = ['confirmed', 'modified', 'changed'];

const stateKey = {
  no_review: 'cm.outcome.state.no_review',
  awaiting_opinion: 'cm.outcome.state.awaiting_opinion',
  from_opinion: 'cm.outcome.state.from_opinion',
  awaiting_reconciliation: 'cm.outcome.state.awaiting_reconciliation',
  reconciled: 'cm.outcome.state.reconciled',
} as const satisfies Record<CaseOutcome['state'], string>;

const sourceKey = {
  member_check_in: 'cm.outcome.source.member_check_in',
  case_manager_call: 'cm.outcome.source.case_manager_call',
} as const;

/**
 * The case's outcome for its case manager: its one answer (from the opinion, or theirs to give when
 * the panel disagrees, and to change later), what the member did afterwards, and what the member
 * told them on a call.
 */
export function OutcomePanel({ kase, timeZone }: { kase: CaseDetail; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const wordsReady = useAreas(['outcomes']);
  const outcome = useQuery({
    queryKey: outcomesKeys.ofCase(kase.id),
    queryFn: () => outcomesApi.caseOutcome(kase.id),
  });
  if (outcome.error) return <ErrorNotice error={outcome.error} />;
  if (!outcome.data || !wordsReady) return <Loading />;
  const data = outcome.data;
  const verdicts = {
    diagnosis: data.diagnosis ? t(diagnosisKey[data.diagnosis]) : '',
    treatment: data.treatment ? t(treatmentKey[data.treatment]) : '',
  };
  const open = kase.status === 'recommendations_delivered' || kase.status === 'monitoring';
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" component="section" aria-labelledby="case-outcome">
        <Stack gap="sm">
          <Title order={3} size="h4" id="case-outcome">
            {t('cm.outcome.heading')}
          </Title>
          <Text data-outcome-state={data.state}>
            {t(stateKey[data.state], {
              ...verdicts,
              name: data.reconciledBy?.name ?? '',
              time: data.reconciledAt ? formatMoment(data.reconciledAt, i18n.language, timeZone) : '',
            })}
          </Text>
          {data.opinions.length > 1 && (
            <Table withTableBorder data-testid="outcome-panel-opinions">
              <Table.Caption>{t('cm.outcome.panel')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('cm.outcome.specialist')}</Table.Th>
                  <Table.Th scope="col">{t('cm.review.diagnosis')}</Table.Th>
                  <Table.Th scope="col">{t('cm.review.treatment')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.opinions.map((opinion, index) => (
                  <Table.Tr key={index}>
                    <Table.Th scope="row">{opinion.specialistName}</Table.Th>
                    <Table.Td>{t(diagnosisKey[opinion.diagnosis])}</Table.Td>
                    <Table.Td>{t(treatmentKey[opinion.treatment])}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {(data.state === 'awaiting_reconciliation' || data.state === 'reconciled') && (
            <ReconcileForm caseId={kase.id} outcome={data} key={data.version ?? 0} />
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="case-outcome-answers">
        <Title order={3} size="h4" id="case-outcome-answers" mb="sm">
          {t('cm.outcome.answers')}
        </Title>
        {data.answers.length === 0 && <Text>{t('cm.outcome.noAnswers')}</Text>}
        <Stack component="ul" gap="xs" className="plain-list">
          {data.answers.map((answer) => (
            <li key={answer.id}>
              <Text>
                {t('cm.outcome.answer', {
                  time: formatMoment(answer.recordedAt, i18n.language, timeZone),
                  source: t(sourceKey[answer.source]),
                  action: actionLabel(t, answer.action),
                  wellbeing: wellbeingLabel(t, answer.wellbeing),
                })}
              </Text>
              {answer.treatmentReceived && (
                <Text size="sm">
                  {t('cm.outcome.treatmentReceived', { treatment: answer.treatmentReceived })}
                </Text>
              )}
              {answer.note && <Text size="sm">{answer.note}</Text>}
            </li>
          ))}
        </Stack>
      </Paper>
      {open && data.state !== 'no_review' && <CallAnswerForm caseId={kase.id} timeZone={timeZone} />}
    </Stack>
  );
}

/** The case manager gives the case's one answer for a panel that disagrees, or changes the one given. */
function ReconcileForm({ caseId, outcome }: { caseId: string; outcome: CaseOutcome }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [diagnosis, setDiagnosis] = useState<DiagnosisVerdict | ''>(outcome.diagnosis ?? '');
  const [treatment, setTreatment] = useState<TreatmentVerdict | ''>(outcome.treatment ?? '');
  const [note, setNote] = useState(outcome.note ?? '');
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, { words: staffWords(t) });
  const body = () => ({ diagnosis, treatment, ...(note.trim() && { note: note.trim() }) });
  const save = useMutation({
    mutationFn: () => {
      const answer = body() as { diagnosis: DiagnosisVerdict; treatment: TreatmentVerdict; note?: string };
      return outcome.version === null
        ? outcomesApi.reconcile(caseId, answer)
        : outcomesApi.editReconciliation(caseId, { ...answer, version: outcome.version });
    },
    onError: fields.refused,
    onSettled: () => client.invalidateQueries({ queryKey: outcomesKeys.ofCase(caseId) }),
  });
  return (
    <form
      ref={form}
      noValidate
      aria-label={t('cm.outcome.reconcileForm')}
      onSubmit={(event) => {
        event.preventDefault();
        if (fields.check(OutcomeReconciliation, body())) save.mutate();
      }}
    >
      <Stack gap="sm">
        <ChoiceGroup
          name="outcome-diagnosis"
          label={t('cm.review.diagnosis')}
          options={diagnoses}
          labelOf={(value) => t(diagnosisKey[value])}
          value={diagnosis}
          onChange={setDiagnosis}
          error={fields.errors.diagnosis}
          inline
        />
        <ChoiceGroup
          name="outcome-treatment"
          label={t('cm.review.treatment')}
          options={treatments}
          labelOf={(value) => t(treatmentKey[value])}
          value={treatment}
          onChange={setTreatment}
          error={fields.errors.treatment}
          inline
        />
        <TextInput
          label={t('cm.outcome.note')}
          value={note}
          maxLength={2000}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={fields.errors.note}
        />
        <WriteError error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {outcome.version === null ? t('cm.outcome.reconcile') : t('cm.outcome.change')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What the member told the case manager on a call, at one of the check-ins or between them. */
function CallAnswerForm({ caseId, timeZone }: { caseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const followUps = useQuery({ queryKey: queryKeys.followUps(caseId), queryFn: () => api.followUps(caseId) });
  const [followUpId, setFollowUpId] = useState('');
  const [action, setAction] = useState<FollowUpAction | ''>('');
  const [wellbeing, setWellbeing] = useState<Wellbeing | ''>('');
  const [treatment, setTreatment] = useState('');
  const [note, setNote] = useState('');
  // One key per answer being written: a retry after a lost reply records it once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, { words: staffWords(t) });
  const body = () => ({
    action,
    wellbeing,
    ...(followUpId && { followUpId }),
    ...(treatment.trim() && { treatmentReceived: treatment.trim() }),
    ...(note.trim() && { note: note.trim() }),
  });
  const record = useMutation({
    mutationFn: () =>
      outcomesApi.recordCallAnswer(caseId, body() as Parameters<typeof outcomesApi.recordCallAnswer>[1], key),
    onSuccess: () => {
      setKey(crypto.randomUUID());
      setFollowUpId('');
      setAction('');
      setWellbeing('');
      setTreatment('');
      setNote('');
    },
    onError: fields.refused,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: outcomesKeys.ofCase(caseId) });
      void client.invalidateQueries({ queryKey: queryKeys.followUps(caseId) });
    },
  });
  const planned = (followUps.data?.items ?? []).filter((item) => item.status === 'scheduled');
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      ref={form}
      noValidate
      aria-labelledby="outcome-call"
      onSubmit={(event) => {
        event.preventDefault();
        if (fields.check(CallAnswer, body())) record.mutate();
      }}
    >
      <Title order={3} size="h4" id="outcome-call" mb="sm">
        {t('cm.outcome.call.heading')}
      </Title>
      <Stack gap="sm">
        <NativeSelect
          label={t('cm.outcome.call.checkIn')}
          value={followUpId}
          onChange={(event) => setFollowUpId(event.currentTarget.value)}
          data={[
            { value: '', label: t('cm.outcome.call.noCheckIn') },
            ...planned.map((item) => ({
              value: item.id,
              label: formatMoment(item.dueAt, i18n.language, timeZone),
            })),
          ]}
        />
        <ChoiceGroup
          name="outcome-call-action"
          label={t('cm.outcome.call.action')}
          options={followUpActions}
          labelOf={(value) => actionLabel(t, value)}
          value={action}
          onChange={setAction}
          error={fields.errors.action}
        />
        <TextInput
          label={t('cm.outcome.call.treatment')}
          value={treatment}
          maxLength={2000}
          onChange={(event) => setTreatment(event.currentTarget.value)}
          error={fields.errors.treatmentReceived}
        />
        <ChoiceGroup
          name="outcome-call-wellbeing"
          label={t('cm.outcome.call.wellbeing')}
          options={wellbeings}
          labelOf={(value) => wellbeingLabel(t, value)}
          value={wellbeing}
          onChange={setWellbeing}
          error={fields.errors.wellbeing}
          inline
        />
        <TextInput
          label={t('cm.outcome.call.note')}
          value={note}
          maxLength={2000}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={fields.errors.note}
        />
        <WriteError error={record.error} />
        {record.isSuccess && <Text role="status">{t('cm.outcome.call.saved')}</Text>}
        <Group>
          <Button type="submit" variant="default" loading={record.isPending}>
            {t('cm.outcome.call.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

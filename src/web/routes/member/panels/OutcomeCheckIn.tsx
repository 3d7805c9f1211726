import { Button, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { FollowUpAction, Wellbeing } from '../../../../shared/outcomes';
import { queryKeys, type FollowUp } from '../../../api/endpoints';
import { formatMoment } from '../../../app/format';
import { useFormCheck } from '../../../app/formCheck';
import { onDemand } from '../../../app/onDemand';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { GrowingTextarea } from '../../../components/GrowingTextarea';
import { dueCheckIn } from '../../../features/cases/checkIns';
import { outcomesApi, outcomesKeys } from '../../../features/outcomes/api';
import { Panel } from '../Panel';

/** The server's own rule for an answer (zod), fetched when the form is first used. */
const answerRule = onDemand(async () => (await import('../../../../shared/outcomes')).CheckInAnswer);

const actions: readonly FollowUpAction[] = [
  'followed',
  'partly_followed',
  'kept_original_plan',
  'undecided',
  'other',
];
const wellbeings: readonly Wellbeing[] = ['much_better', 'better', 'unchanged', 'worse', 'much_worse'];

/**
 * The outcome check-in (3 and 6 months after the recommendations): what the member did after the
 * opinion, what treatment they had and how they are doing. Shown when a check-in is due on a case
 * that had a specialist's opinion; the answer completes the check-in.
 */
/**
 * The check-in due that this form answers: the one given, once the case is known to have had a
 * specialist's opinion. A case answered without a review has no opinion to ask about: its
 * check-ins are progress reports (the follow-ups panel's form). Both panels ask, so that exactly
 * one of them offers a form for a check-in.
 */
export function useOutcomeCheckIn(caseId: string, due: FollowUp | undefined): FollowUp | undefined {
  const outcome = useQuery({
    queryKey: outcomesKeys.ofCase(caseId),
    queryFn: () => outcomesApi.caseOutcome(caseId),
    enabled: due !== undefined,
  });
  const state = outcome.data?.state;
  return due && state && state !== 'no_review' && state !== 'awaiting_opinion' ? due : undefined;
}

export function OutcomeCheckInPanel({
  caseId,
  followUps,
  timeZone,
}: {
  caseId: string;
  followUps: readonly FollowUp[];
  timeZone: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  // The check-in stays on screen once answered (with the thanks), though it is no longer due.
  const [due] = useState(() => dueCheckIn(followUps, new Date()));
  const checkIn = useOutcomeCheckIn(caseId, due);
  if (!checkIn) return null;
  return (
    <Panel id="case-check-in" title={t('case.checkIn.heading')}>
      <Text>{t('case.checkIn.intro', { time: formatMoment(checkIn.dueAt, i18n.language, timeZone) })}</Text>
      <CheckInForm caseId={caseId} checkIn={checkIn} />
    </Panel>
  );
}

function CheckInForm({ caseId, checkIn }: { caseId: string; checkIn: FollowUp }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [action, setAction] = useState<FollowUpAction | ''>('');
  const [wellbeing, setWellbeing] = useState<Wellbeing | ''>('');
  const [treatment, setTreatment] = useState('');
  const [note, setNote] = useState('');
  const [ruleError, setRuleError] = useState<unknown>(null);
  const form = useRef<HTMLFormElement>(null);
  const check = useFormCheck(form);
  const body = () => ({
    action,
    wellbeing,
    ...(treatment.trim() && { treatmentReceived: treatment.trim() }),
    ...(note.trim() && { note: note.trim() }),
  });
  const send = useMutation({
    mutationFn: () =>
      outcomesApi.answerCheckIn(
        caseId,
        checkIn.id,
        body() as Parameters<typeof outcomesApi.answerCheckIn>[2],
      ),
    onSuccess: () => {
      for (const queryKey of [
        queryKeys.followUps(caseId),
        queryKeys.caseEvents(caseId),
        outcomesKeys.ofCase(caseId),
      ])
        void client.invalidateQueries({ queryKey });
    },
    onError: check.refused,
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRuleError(null);
    const rule = await answerRule.load().catch((error: unknown) => void setRuleError(error));
    if (!rule) return;
    // After the wait for the rule the problems are rendered at once, so that they are on screen
    // (and the first can take the focus) before the next frame.
    let clean = false;
    flushSync(() => {
      clean = check.check(rule, body());
    });
    if (clean) send.mutate();
  };
  const actionLabel: Record<FollowUpAction, string> = {
    followed: t('case.checkIn.action.followed'),
    partly_followed: t('case.checkIn.action.partly_followed'),
    kept_original_plan: t('case.checkIn.action.kept_original_plan'),
    undecided: t('case.checkIn.action.undecided'),
    other: t('case.checkIn.action.other'),
  };
  const wellbeingLabel: Record<Wellbeing, string> = {
    much_better: t('case.checkIn.wellbeing.much_better'),
    better: t('case.checkIn.wellbeing.better'),
    unchanged: t('case.checkIn.wellbeing.unchanged'),
    worse: t('case.checkIn.wellbeing.worse'),
    much_worse: t('case.checkIn.wellbeing.much_worse'),
  };
  if (send.isSuccess)
    return (
      <Text role="status" fw={600}>
        {t('case.checkIn.thanks')}
      </Text>
    );
  return (
    <form ref={form} onSubmit={(event) => void submit(event)} onFocus={answerRule.warm} noValidate>
      <Stack gap="md">
        <ChoiceGroup
          name="check-in-action"
          label={t('case.checkIn.actionLabel')}
          options={actions}
          labelOf={(value) => actionLabel[value]}
          value={action}
          onChange={setAction}
          error={check.errors.action}
        />
        <GrowingTextarea
          label={action === 'other' ? t('case.checkIn.noteOther') : t('case.checkIn.note')}
          withAsterisk={action === 'other'}
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={check.errors.note}
        />
        <GrowingTextarea
          label={t('case.checkIn.treatment')}
          description={t('case.checkIn.treatmentHelp')}
          minRows={2}
          maxLength={2000}
          value={treatment}
          onChange={(event) => setTreatment(event.currentTarget.value)}
          error={check.errors.treatmentReceived}
        />
        <ChoiceGroup
          name="check-in-wellbeing"
          label={t('case.checkIn.wellbeingLabel')}
          options={wellbeings}
          labelOf={(value) => wellbeingLabel[value]}
          value={wellbeing}
          onChange={setWellbeing}
          error={check.errors.wellbeing}
        />
        <ErrorNotice error={ruleError ?? send.error} />
        <Button type="submit" w="fit-content" loading={send.isPending}>
          {t('case.checkIn.send')}
        </Button>
      </Stack>
    </form>
  );
}

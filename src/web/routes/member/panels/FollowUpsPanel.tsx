import { Button, Stack, Text } from '@mantine/core';
import { GrowingTextarea } from '../../../components/GrowingTextarea';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys, type FollowUp } from '../../../api/endpoints';
import { formatMoment } from '../../../app/format';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useFormCheck } from '../../../app/formCheck';
import { dueCheckIn } from '../../../features/cases/checkIns';
import { caseRules } from './caseRules';
import { useOutcomeCheckIn } from './OutcomeCheckIn';
import { Panel } from '../Panel';

const followUpStatusKey = {
  scheduled: 'case.followUps.status.scheduled',
  completed: 'case.followUps.status.completed',
  missed: 'case.followUps.status.missed',
  cancelled: 'case.followUps.status.cancelled',
} as const satisfies Record<FollowUp['status'], string>;

function ProgressForm({ caseId, followUp }: { caseId: string; followUp: FollowUp }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState('');
  const [rulesError, setRulesError] = useState<unknown>(null);
  const form = useRef<HTMLFormElement>(null);
  const check = useFormCheck(form);
  const report = useMutation({
    mutationFn: () => api.reportProgress(caseId, followUp.id, progress.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.followUps(caseId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(caseId) });
    },
    onError: check.refused,
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await caseRules.load().catch((error: unknown) => void setRulesError(error));
    if (rules && check.check(rules.ProgressReport, { progress: progress.trim() })) report.mutate();
  };
  return (
    <form ref={form} onSubmit={(event) => void submit(event)} onFocus={caseRules.warm} noValidate>
      <Stack gap="xs">
        <GrowingTextarea
          label={t('case.followUps.progress')}
          description={t('case.followUps.progressHelp')}
          minRows={3}
          value={progress}
          onChange={(event) => setProgress(event.currentTarget.value)}
          error={check.errors.progress}
        />
        <ErrorNotice error={rulesError ?? report.error} />
        <Button type="submit" w="fit-content" loading={report.isPending}>
          {t('case.followUps.send')}
        </Button>
      </Stack>
    </form>
  );
}

/** The check-ins the case manager planned, and a report form for the next one due. */
export function FollowUpsPanel({
  caseId,
  followUps,
  timeZone,
  canReport,
}: {
  caseId: string;
  followUps: FollowUp[];
  timeZone: string | undefined;
  canReport: boolean;
}) {
  const { t, i18n } = useTranslation();
  const next = [...followUps]
    .filter((item) => item.status === 'scheduled')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  // A due check-in of a reviewed case is answered in the outcome check-in panel, not here.
  const [due] = useState(() => dueCheckIn(followUps, new Date()));
  const answeredAbove = useOutcomeCheckIn(caseId, due);
  return (
    <Panel id="case-follow-ups" title={t('case.followUps.heading')}>
      <Stack component="ul" gap={4} className="plain-list">
        {followUps.map((item) => (
          <Text component="li" size="sm" key={item.id}>
            {t('case.followUps.item', {
              time: formatMoment(item.dueAt, i18n.language, timeZone),
              status: t(followUpStatusKey[item.status]),
            })}
          </Text>
        ))}
      </Stack>
      {canReport && next && next.id !== answeredAbove?.id && <ProgressForm caseId={caseId} followUp={next} />}
    </Panel>
  );
}

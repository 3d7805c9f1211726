import { Button, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases';
import type { Referral } from '../../../shared/referrals';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useAreas } from '../../i18n';
import { referralKeys, referralsApi } from './api';
import { ReferralForm } from './ReferralForm';
import { ReferralSummary } from './ReferralSummary';
import { WithdrawReferral } from './WithdrawReferral';

/**
 * The case manager's Referrals tab (beside Facilities): the case's referrals with their letters
 * and pre-authorisations, the answer to an assessor's question, and the form for a new referral
 * once the recommendations are delivered.
 */
export function WorkspaceReferrals({ kase }: { kase: CaseDetail }) {
  const ready = useAreas(['referrals', 'coverage', 'errors']);
  const { t } = useTranslation();
  const me = useMe();
  const referrals = useQuery({
    queryKey: referralKeys.ofCase(kase.id),
    queryFn: () => referralsApi.list(kase.id),
  });
  if (!ready) return <Loading />;
  const mine = kase.caseManager?.id === me.data?.id;
  const canRefer = kase.status === 'recommendations_delivered' || kase.status === 'monitoring';
  return (
    <Stack gap="md">
      <Title order={3} size="h4">
        {t('referrals.work.heading')}
      </Title>
      <ErrorNotice error={referrals.error} />
      {referrals.data?.items.length === 0 && <Text size="sm">{t('referrals.none')}</Text>}
      {referrals.data?.items.map((referral) => (
        <ReferralSummary
          key={referral.id}
          referral={referral}
          extra={
            mine && (
              <>
                <AssessorQuestion caseId={kase.id} referral={referral} />
                {canRefer && <WithdrawReferral referral={referral} />}
              </>
            )
          }
        />
      ))}
      {mine && canRefer && <ReferralForm kase={kase} />}
      {mine && !canRefer && <Text size="sm">{t('referrals.work.notYet')}</Text>}
    </Stack>
  );
}

/** The assessor's question, and the case manager's answer that sends the request back to them. */
function AssessorQuestion({ caseId, referral }: { caseId: string; referral: Referral }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [answer, setAnswer] = useState('');
  const preauthorisation = referral.preauthorisation;
  const send = useMutation({
    mutationFn: () =>
      referralsApi.answer(caseId, preauthorisation!.id, {
        version: preauthorisation!.version,
        answer: answer.trim(),
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: referralKeys.ofCase(caseId) }),
  });
  if (preauthorisation?.status !== 'information_requested') return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  const fieldId = `answer-${preauthorisation.id}`;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('referrals.work.question', { question: preauthorisation.informationRequest ?? '' })}
        </Text>
        <Textarea
          id={fieldId}
          label={t('referrals.work.answer')}
          value={answer}
          onChange={(event) => setAnswer(event.currentTarget.value)}
          autosize
          minRows={2}
          required
        />
        <ErrorNotice error={send.error} />
        <Button type="submit" w="fit-content" loading={send.isPending}>
          {t('referrals.work.sendAnswer')}
        </Button>
      </Stack>
    </form>
  );
}

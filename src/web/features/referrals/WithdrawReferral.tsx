import { Button, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../../shared/referrals';
import { ErrorNotice } from '../../components/ErrorNotice';
import { referralKeys, referralsApi } from './api';

/**
 * The member who will not go, or the case manager who found a better place, withdraws a referral
 * (its pre-authorisation request, if still open, is cancelled with it). A refusal (the case ended,
 * already withdrawn) is said in the reader's words.
 */
export function WithdrawReferral({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () => referralsApi.withdraw(referral.caseId, referral.id, { reason: reason.trim() || null }),
    onSuccess: () => client.invalidateQueries({ queryKey: referralKeys.ofCase(referral.caseId) }),
  });
  if (referral.status !== 'active') return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    withdraw.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <TextInput
          label={t('referrals.withdraw.reason')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          maxLength={2000}
        />
        <ErrorNotice error={withdraw.error} />
        <Button type="submit" variant="default" color="red" w="fit-content" loading={withdraw.isPending}>
          {t('referrals.withdraw.submit')}
        </Button>
      </Stack>
    </form>
  );
}

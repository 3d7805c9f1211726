import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases';
import { ApiError } from '../../api/client';
import { api, queryKeys } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';

/** "Withdraw your request?": a reason, then yes or no. Focus stays in the dialog while it is open. */
export default function WithdrawDialog({ kase, onClose }: { kase: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const withdraw = useMutation({
    mutationFn: () => api.withdraw(kase.id, kase.version, reason.trim()),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.case(kase.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(kase.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.myCases });
      onClose();
    },
    onError: (failure) => {
      // Someone changed the case meanwhile: show it as it is now; the member can decide again.
      if (failure instanceof ApiError && failure.code === 'resource.version_conflict')
        void queryClient.invalidateQueries({ queryKey: queryKeys.case(kase.id) });
    },
  });
  const confirm = () => {
    const text = reason.trim();
    if (!text) return setError(t('validation.required'));
    if (text.length > 1000) return setError(t('validation.tooLong', { max: 1000 }));
    setError(undefined);
    withdraw.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('case.withdraw.confirmTitle')}
      centered
      closeButtonProps={{ 'aria-label': t('case.withdraw.keep') }}
    >
      <Stack gap="sm">
        <Text>{t('case.withdraw.confirmText')}</Text>
        <GrowingTextarea
          label={t('case.withdraw.reason')}
          minRows={3}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={error}
          data-autofocus
        />
        <ErrorNotice error={withdraw.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('case.withdraw.keep')}
          </Button>
          <Button color="#a51d1d" onClick={confirm} loading={withdraw.isPending}>
            {t('case.withdraw.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

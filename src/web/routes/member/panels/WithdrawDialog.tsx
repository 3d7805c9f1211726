import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { GrowingTextarea } from '../../../components/GrowingTextarea';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import { api, queryKeys } from '../../../api/endpoints';
import { isConflict } from '../../../app/errors';
import { useFormCheck } from '../../../app/formCheck';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { caseRules } from './caseRules';

/** "Withdraw your request?": a reason, then yes or no. Focus stays in the dialog while it is open. */
export default function WithdrawDialog({ kase, onClose }: { kase: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [rulesError, setRulesError] = useState<unknown>(null);
  const fields = useRef<HTMLDivElement>(null);
  const check = useFormCheck(fields);
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
      if (isConflict(failure)) void queryClient.invalidateQueries({ queryKey: queryKeys.case(kase.id) });
      check.refused(failure);
    },
  });
  const confirm = async () => {
    setRulesError(null);
    const rules = await caseRules.load().catch((error: unknown) => void setRulesError(error));
    if (rules && check.check(rules.Withdrawal, { version: kase.version, reason: reason.trim() }))
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
      <Stack gap="sm" ref={fields} onFocus={caseRules.warm}>
        <Text>{t('case.withdraw.confirmText')}</Text>
        <GrowingTextarea
          label={t('case.withdraw.reason')}
          minRows={3}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={check.errors.reason}
          data-autofocus
        />
        <ErrorNotice error={rulesError ?? withdraw.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('case.withdraw.keep')}
          </Button>
          <Button color="#a51d1d" onClick={() => void confirm()} loading={withdraw.isPending}>
            {t('case.withdraw.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

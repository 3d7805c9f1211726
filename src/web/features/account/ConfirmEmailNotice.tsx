import { Alert, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/identity';
import { api } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Asks for a new link that confirms the address; the server allows one a minute, five a day. */
export function SendLinkAgain({ email }: { email: string }) {
  const { t } = useTranslation();
  const resend = useMutation({ mutationFn: api.requestEmailVerification });
  return (
    <Stack gap="xs">
      {resend.isSuccess ? (
        <Text role="status">{t('verify.resent', { email })}</Text>
      ) : (
        <Button variant="default" w="fit-content" loading={resend.isPending} onClick={() => resend.mutate()}>
          {t('verify.resend')}
        </Button>
      )}
      <ErrorNotice error={resend.error} />
    </Stack>
  );
}

/**
 * A member whose address is not confirmed yet may look around, but their request cannot be sent
 * until they follow the link we e-mailed them: said where they would send it, with a way to get the
 * link again. Nothing for an account whose address is confirmed (or vouched for, as staff's are).
 */
export function ConfirmEmailNotice({ me }: { me: Me }) {
  const { t } = useTranslation();
  if (me.emailVerified || me.role !== 'member') return null;
  return (
    <Alert variant="light" color="#8a3b00" title={t('verify.title')} data-testid="confirm-email">
      <Stack gap="sm">
        <Text>{t('verify.pending', { email: me.email })}</Text>
        <SendLinkAgain email={me.email} />
      </Stack>
    </Alert>
  );
}

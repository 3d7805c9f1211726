import { Alert, Button, Stack, Text } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/identity';

/**
 * Whether two-step sign-in is on, and the button that turns it on or off. Its own small module:
 * the profile shows it with the page and fetches the steps themselves (TwoStep.tsx, with the
 * password field and the QR code's place) only when the member presses the button.
 */
export function TwoStepStatus({
  me,
  after,
  buttonRef,
  onTurnOn,
  onTurnOff,
}: {
  me: Me;
  /** How the last change ended, if there was one on this page. */
  after?: 'enabled' | 'disabled' | 'cancelled';
  buttonRef?: Ref<HTMLButtonElement>;
  onTurnOn: () => void;
  onTurnOff: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" align="flex-start">
      {after === 'disabled' ? (
        <Alert variant="light" role="status">
          {t('twoStep.statusOff')}
        </Alert>
      ) : (
        <Text>{t(me.twoFactorEnabled ? 'twoStep.statusOn' : 'twoStep.statusOff')}</Text>
      )}
      {me.twoFactorEnabled && me.twoFactorRequired && <Text size="sm">{t('twoStep.required')}</Text>}
      {!me.twoFactorEnabled && (
        <Button ref={buttonRef} onClick={onTurnOn}>
          {t('twoStep.turnOn')}
        </Button>
      )}
      {me.twoFactorEnabled && !me.twoFactorRequired && (
        <Button ref={buttonRef} variant="default" onClick={onTurnOff}>
          {t('twoStep.turnOff')}
        </Button>
      )}
    </Stack>
  );
}

import {
  Alert,
  Anchor,
  Box,
  Button,
  Code,
  Group,
  List,
  Loader,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/identity';
import { api, queryKeys, type TwoFactorEnrolment } from '../../api/endpoints';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TwoStepStatus } from './TwoStepStatus';

// The QR code's library is fetched only when a secret is shown, never with the page.
const QrCode = lazy(() => import('./QrCode'));

type Step =
  | { name: 'idle'; after?: 'enabled' | 'disabled' | 'cancelled' }
  | { name: 'password' }
  | { name: 'scan'; enrolment: TwoFactorEnrolment }
  | { name: 'codes'; backupCodes: string[] }
  | { name: 'disable' };

/** The key as people type it into an app: groups of four. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Two-step sign-in (TOTP) for the signed-in account, with Better Auth's endpoints: confirm the
 * password, add the key to an authenticator app (QR code or the key as text), confirm a first
 * code (only then is it on), keep the backup codes; turn it off with the password.
 * `setup`: the staff's required enrolment, which starts at the password and cannot be turned off.
 * The profile loads this module only when the member presses TwoStepStatus's button.
 */
export function TwoStep({
  me,
  setup = false,
  openAt,
  onDone,
}: {
  me: Me;
  setup?: boolean;
  /** The step to open at, when the button of TwoStepStatus was pressed before this was loaded. */
  openAt?: 'password' | 'disable';
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>(() =>
    openAt ? { name: openAt } : setup ? { name: 'password' } : { name: 'idle' },
  );
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const codesHeading = useRef<HTMLHeadingElement>(null);
  const mainButton = useRef<HTMLButtonElement>(null);

  const refreshMe = () => queryClient.invalidateQueries({ queryKey: queryKeys.me });
  const goTo = (next: Step) => {
    setPassword('');
    setCode('');
    setFieldError(undefined);
    setStep(next);
  };

  const start = useMutation({
    mutationFn: () => api.enableTwoFactor(password),
    onSuccess: (enrolment) => goTo({ name: 'scan', enrolment }),
  });
  const confirm = useMutation({
    mutationFn: () => api.verifyTotp(code.trim()),
    onSuccess: async () => {
      if (step.name === 'scan') goTo({ name: 'codes', backupCodes: step.enrolment.backupCodes });
      await refreshMe();
    },
  });
  const stop = useMutation({
    mutationFn: () => api.disableTwoFactor(password),
    onSuccess: async () => {
      goTo({ name: 'idle', after: 'disabled' });
      await refreshMe();
    },
  });

  // Focus follows the step: to the backup codes once on, back to the button after a change.
  useEffect(() => {
    if (step.name === 'codes') codesHeading.current?.focus();
    if (step.name === 'idle' && step.after) mainButton.current?.focus();
  }, [step]);

  const requirePassword = (event: FormEvent, then: () => void) => {
    event.preventDefault();
    if (password.length === 0) return setFieldError(t('validation.required'));
    setFieldError(undefined);
    then();
  };
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return setFieldError(t('validation.code'));
    setFieldError(undefined);
    confirm.mutate();
  };
  const cancel = () => {
    start.reset();
    stop.reset();
    confirm.reset();
    goTo({ name: 'idle', after: 'cancelled' });
  };
  const passwordField = (
    <PasswordInput
      label={t('field.password')}
      autoComplete="current-password"
      required
      data-autofocus
      autoFocus
      value={password}
      onChange={(event) => setPassword(event.currentTarget.value)}
      error={fieldError}
      visibilityToggleButtonProps={{ 'aria-label': t('field.showPassword') }}
    />
  );
  const cancelButton = !setup && (
    <Button variant="subtle" onClick={cancel}>
      {t('twoStep.cancel')}
    </Button>
  );

  switch (step.name) {
    case 'idle':
      return (
        <TwoStepStatus
          me={me}
          after={step.after}
          buttonRef={mainButton}
          onTurnOn={() => goTo({ name: 'password' })}
          onTurnOff={() => goTo({ name: 'disable' })}
        />
      );
    case 'password':
      return (
        <form onSubmit={(event) => requirePassword(event, () => start.mutate())} noValidate>
          <Stack gap="md">
            <Text>{t('twoStep.passwordIntro')}</Text>
            {passwordField}
            <ErrorNotice error={start.error} />
            <Group gap="sm">
              <Button type="submit" loading={start.isPending}>
                {t('twoStep.continue')}
              </Button>
              {cancelButton}
            </Group>
          </Stack>
        </form>
      );
    case 'scan': {
      const secret = new URL(step.enrolment.totpURI).searchParams.get('secret') ?? '';
      return (
        <form onSubmit={submitCode} noValidate>
          <Stack gap="md">
            <Text>{t('twoStep.scanIntro')}</Text>
            <Box className="qr-code">
              <Suspense fallback={<Loader size="sm" aria-hidden="true" />}>
                <QrCode value={step.enrolment.totpURI} label={t('twoStep.qrLabel')} />
              </Suspense>
            </Box>
            <Text size="sm">{t('twoStep.keyIntro')}</Text>
            <Code dir="ltr" className="two-step-key" data-testid="two-step-key">
              {grouped(secret)}
            </Code>
            <Anchor href={step.enrolment.totpURI} size="sm">
              {t('twoStep.openInApp')}
            </Anchor>
            <TextInput
              label={t('twoStep.codeLabel')}
              description={t('twoStep.codeHelp')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={fieldError}
            />
            <ErrorNotice error={confirm.error} />
            <Group gap="sm">
              <Button type="submit" loading={confirm.isPending}>
                {t('twoStep.confirm')}
              </Button>
              {cancelButton}
            </Group>
          </Stack>
        </form>
      );
    }
    case 'codes':
      return (
        <Stack gap="md" align="flex-start">
          <Alert variant="light" role="status">
            {t('twoStep.statusOn')}
          </Alert>
          <Title order={3} size="h5" ref={codesHeading} tabIndex={-1}>
            {t('twoStep.backupHeading')}
          </Title>
          <Text size="sm">{t('twoStep.backupIntro')}</Text>
          <List listStyleType="none" spacing={2} ff="monospace" dir="ltr" data-testid="backup-codes">
            {step.backupCodes.map((backupCode) => (
              <List.Item key={backupCode}>{backupCode}</List.Item>
            ))}
          </List>
          <Button
            onClick={() => {
              goTo({ name: 'idle', after: 'enabled' });
              onDone?.();
            }}
          >
            {t('twoStep.done')}
          </Button>
        </Stack>
      );
    case 'disable':
      return (
        <form onSubmit={(event) => requirePassword(event, () => stop.mutate())} noValidate>
          <Stack gap="md">
            <Text>{t('twoStep.disableIntro')}</Text>
            {passwordField}
            <ErrorNotice error={stop.error} />
            <Group gap="sm">
              <Button type="submit" color="red.9" loading={stop.isPending}>
                {t('twoStep.disableConfirm')}
              </Button>
              {cancelButton}
            </Group>
          </Stack>
        </form>
      );
  }
}

export default TwoStep;

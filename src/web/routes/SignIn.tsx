import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, queryKeys } from '../api/endpoints';
import { onDemand } from '../app/onDemand';
import { safeNext, useMe } from '../app/session';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeading } from '../components/PageHeading';
import { warmAreas } from '../i18n';

/** The server's own e-mail rule, fetched when the form is first used (not with the page). */
const identity = onDemand(() => import('../../shared/identity'));

/** The form's first use fetches what a submission needs: the e-mail rule, the error words. */
const warm = () => {
  identity.warm();
  warmAreas(['errors']);
};

/**
 * Sign in with e-mail and password; staff, and members who turned on two-step sign-in, confirm with
 * the code of their authenticator app (or one of their backup codes).
 */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();

  const [step, setStep] = useState<'password' | 'code'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  // Instead of the app's code, one of the backup codes kept when two-step sign-in was turned on.
  const [withBackupCode, setWithBackupCode] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<'email' | 'password' | 'code', string>>>({});
  const [checkError, setCheckError] = useState<unknown>(null);

  const finish = async () => {
    // Whatever was loaded belonged to no one (or to someone else): start from the new session.
    queryClient.removeQueries();
    await queryClient.fetchQuery({ queryKey: queryKeys.me, queryFn: api.me });
    await navigate(next, { replace: true });
  };

  const signIn = useMutation({
    mutationFn: (address: string) => api.signIn(address, password),
    onSuccess: async (answer) => {
      if ('twoFactorRedirect' in answer) setStep('code');
      else await finish();
    },
  });
  const verify = useMutation({
    mutationFn: () => (withBackupCode ? api.verifyBackupCode(code.trim()) : api.verifyTotp(code.trim())),
    onSuccess: finish,
  });

  if (me.data && !signIn.isPending && !verify.isPending && step === 'password') {
    return <Navigate to={next} replace />;
  }

  const submitPassword = async (event: FormEvent) => {
    event.preventDefault();
    setCheckError(null);
    const rules = await identity.load().catch((error: unknown) => void setCheckError(error));
    if (!rules) return;
    const address = rules.Email.safeParse(email);
    const errors: typeof fieldErrors = {};
    if (!address.success) errors.email = t('validation.email');
    if (password.length === 0) errors.password = t('validation.required');
    setFieldErrors(errors);
    if (address.success && Object.keys(errors).length === 0) signIn.mutate(address.data);
  };
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    const valid = withBackupCode ? code.trim().length > 0 : /^\d{6}$/.test(code.trim());
    setFieldErrors(valid ? {} : { code: t(withBackupCode ? 'validation.required' : 'validation.code') });
    if (valid) verify.mutate();
  };

  return (
    <Stack gap="lg" maw={440} mx="auto">
      <PageHeading>{t('signIn.title')}</PageHeading>
      {params.get('created') === '1' && (
        <Alert variant="light" role="status">
          {t('signIn.created')}
        </Alert>
      )}
      {params.get('reset') === '1' && (
        <Alert variant="light" role="status">
          {t('signIn.resetDone')}
        </Alert>
      )}
      {params.get('expired') === '1' && (
        <Alert variant="light" role="status">
          {t('signIn.expired')}
        </Alert>
      )}
      {step === 'password' ? (
        <Paper withBorder p="lg" radius="md">
          <form onSubmit={(event) => void submitPassword(event)} onFocus={warm} noValidate>
            <Stack gap="md">
              <Text>{t('signIn.intro')}</Text>
              <TextInput
                label={t('field.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={fieldErrors.email}
              />
              <PasswordInput
                label={t('field.password')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={fieldErrors.password}
                visibilityToggleButtonProps={{ 'aria-label': t('field.showPassword') }}
              />
              <ErrorNotice error={checkError ?? signIn.error} />
              <Button type="submit" loading={signIn.isPending}>
                {t('signIn.submit')}
              </Button>
              <Anchor component={Link} to="/forgot-password" ta="center">
                {t('signIn.forgot')}
              </Anchor>
            </Stack>
          </form>
        </Paper>
      ) : (
        <Paper withBorder p="lg" radius="md">
          <form onSubmit={submitCode} noValidate>
            <Stack gap="md">
              <Text>{t('signIn.codeIntro')}</Text>
              {withBackupCode ? (
                <TextInput
                  key="backup"
                  label={t('signIn.backupLabel')}
                  description={t('signIn.backupHelp')}
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={32}
                  required
                  autoFocus
                  value={code}
                  onChange={(event) => setCode(event.currentTarget.value)}
                  error={fieldErrors.code}
                />
              ) : (
                <TextInput
                  key="app"
                  label={t('signIn.codeLabel')}
                  description={t('signIn.codeHelp')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  required
                  data-autofocus
                  autoFocus
                  value={code}
                  onChange={(event) => setCode(event.currentTarget.value)}
                  error={fieldErrors.code}
                />
              )}
              <ErrorNotice error={verify.error} />
              <Button type="submit" loading={verify.isPending}>
                {t('signIn.codeSubmit')}
              </Button>
              <Button
                variant="subtle"
                onClick={() => {
                  setWithBackupCode(!withBackupCode);
                  setCode('');
                  setFieldErrors({});
                  verify.reset();
                }}
              >
                {t(withBackupCode ? 'signIn.useApp' : 'signIn.useBackupCode')}
              </Button>
              <Button
                variant="subtle"
                onClick={() => {
                  setStep('password');
                  setCode('');
                  setWithBackupCode(false);
                }}
              >
                {t('signIn.otherAccount')}
              </Button>
            </Stack>
          </form>
        </Paper>
      )}
      {/* Past the password the account exists: its second step is no place to offer another. */}
      {step === 'password' && (
        <Text ta="center">
          {t('signIn.noAccount')}{' '}
          <Anchor component={Link} to="/sign-up">
            {t('signIn.createAccount')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

export default SignInPage;

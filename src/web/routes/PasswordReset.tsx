import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { useFormCheck } from '../app/formCheck';
import type { FormWords } from '../app/fieldErrors';
import { onDemand } from '../app/onDemand';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeading } from '../components/PageHeading';
import { warmAreas } from '../i18n';

/** The server's own schemas, fetched when a form is first used (not with the page). */
const identity = onDemand(() => import('../../shared/identity'));

const warm = () => {
  identity.warm();
  warmAreas(['errors']);
};

/**
 * `/forgot-password`: the member gives their e-mail address; whatever the address, the page then
 * says the same (a link was sent if an account uses it), so that it tells nobody who has an account.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useRef<HTMLFormElement>(null);
  const check = useFormCheck(form);
  const [email, setEmail] = useState('');
  const [rulesError, setRulesError] = useState<unknown>(null);

  const send = useMutation({
    mutationFn: (address: string) => api.requestPasswordReset({ email: address }),
    onError: (error) => check.refused(error),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await identity.load().catch((error: unknown) => void setRulesError(error));
    if (!rules) return;
    const body = { email: email.trim() };
    if (check.check(rules.PasswordResetRequest, body)) send.mutate(body.email);
  };

  return (
    <Stack gap="lg" maw={440} mx="auto">
      <PageHeading>{t('forgot.title')}</PageHeading>
      {send.isSuccess ? (
        <Alert variant="light" role="status">
          {t('forgot.sent')}
        </Alert>
      ) : (
        <Paper withBorder p="lg" radius="md">
          <form ref={form} onSubmit={(event) => void submit(event)} onFocus={warm} noValidate>
            <Stack gap="md">
              <Text>{t('forgot.intro')}</Text>
              <TextInput
                label={t('field.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={check.errors.email}
              />
              <ErrorNotice error={rulesError ?? send.error} />
              <Button type="submit" loading={send.isPending}>
                {t('forgot.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      )}
      <Text ta="center">
        <Anchor component={Link} to="/sign-in">
          {t('forgot.back')}
        </Anchor>
      </Text>
    </Stack>
  );
}

/**
 * The token of a reset link, read from the address's fragment (which no browser sends to a
 * server), then taken out of the address bar and the history.
 */
function useResetToken(): string {
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '');
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  return token;
}

/**
 * `/reset-password#token=…`, from the e-mail: the member chooses a new password (the sign-up rule);
 * every session of the account ends, and they sign in with it.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useResetToken();
  const form = useRef<HTMLFormElement>(null);
  const words: FormWords = (_issue, path) =>
    path[0] === 'newPassword' ? t('validation.password') : undefined;
  const check = useFormCheck(form, { words });
  const [chosen, setChosen] = useState('');
  const [repeated, setRepeated] = useState('');
  const [rulesError, setRulesError] = useState<unknown>(null);

  const save = useMutation({
    mutationFn: () => api.resetPassword({ token, newPassword: chosen }),
    onSuccess: () => navigate('/sign-in?reset=1', { replace: true }),
    onError: (error) => check.refused(error),
  });

  if (!token) {
    return (
      <Stack gap="lg" maw={440} mx="auto">
        <PageHeading>{t('reset.title')}</PageHeading>
        <Alert variant="light" role="status">
          {t('reset.noLink')}
        </Alert>
        <Anchor component={Link} to="/forgot-password">
          {t('reset.askAgain')}
        </Anchor>
      </Stack>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await identity.load().catch((error: unknown) => void setRulesError(error));
    if (!rules) return;
    if (!check.check(rules.PasswordReset, { token, newPassword: chosen })) return;
    if (repeated !== chosen) {
      check.show([{ path: ['repeated'], code: 'custom' }]);
      return;
    }
    save.mutate();
  };

  const linkSpent = save.error instanceof ApiError && save.error.code === 'auth.reset_link_invalid';

  return (
    <Stack gap="lg" maw={480} mx="auto">
      <PageHeading>{t('reset.title')}</PageHeading>
      <Text>{t('reset.intro')}</Text>
      <Paper withBorder p="lg" radius="md">
        <form ref={form} onSubmit={(event) => void submit(event)} onFocus={warm} noValidate>
          <Stack gap="md">
            <PasswordInput
              label={t('reset.new')}
              description={t('signUp.passwordHelp')}
              autoComplete="new-password"
              required
              maxLength={128}
              value={chosen}
              onChange={(event) => setChosen(event.currentTarget.value)}
              error={check.errors.newPassword}
              visibilityToggleButtonProps={{ 'aria-label': t('field.showPassword') }}
            />
            <PasswordInput
              label={t('reset.repeat')}
              autoComplete="new-password"
              required
              maxLength={128}
              value={repeated}
              onChange={(event) => setRepeated(event.currentTarget.value)}
              error={check.errors.repeated ? t('reset.mismatch') : undefined}
              visibilityToggleButtonProps={{ 'aria-label': t('field.showPassword') }}
            />
            <ErrorNotice error={rulesError ?? save.error} />
            {linkSpent && (
              <Anchor component={Link} to="/forgot-password">
                {t('reset.askAgain')}
              </Anchor>
            )}
            <Button type="submit" w="fit-content" loading={save.isPending}>
              {t('reset.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

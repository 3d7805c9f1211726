import { Button, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/endpoints';
import { invalidPaths } from '../../app/errors';
import { meQuery, safeNext, useMe } from '../../app/session';
import { setupPathFor, setupStepOf } from '../../app/setup';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';

const MIN_LENGTH = 12;
const MAX_LENGTH = 128;
type Field = 'current' | 'chosen' | 'repeated';

/**
 * `/me/password`: an account created by operations with a temporary password chooses its own
 * before anything else (the server refuses every other request until then). Then on to the next
 * step of its setup (two-step sign-in for staff), or where it was going.
 */
export function ChoosePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const me = useMe();
  const [current, setCurrent] = useState('');
  const [chosen, setChosen] = useState('');
  const [repeated, setRepeated] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});

  const save = useMutation({
    mutationFn: () => api.changePassword(current, chosen),
    onSuccess: async () => {
      const fresh = await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
      const next = safeNext(params.get('next'));
      const step = setupStepOf(fresh);
      await navigate(step ? setupPathFor(step, next) : next, { replace: true });
    },
    onError: (error) => {
      // The server's own rules, should the browser have let something through.
      if (invalidPaths(error).has('newPassword')) setFieldErrors({ chosen: t('password.validation.rules') });
    },
  });

  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorNotice error={me.error} />;
  // Nothing to do here (already chosen, or reached by an old link): go on.
  if (!me.data.passwordChangeRequired && !save.isPending && !save.isSuccess) {
    return <Navigate to={safeNext(params.get('next'))} replace />;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: typeof fieldErrors = {};
    if (current.length === 0) errors.current = t('validation.required');
    if (chosen.length < MIN_LENGTH || chosen.length > MAX_LENGTH)
      errors.chosen = t('password.validation.rules');
    else if (chosen === current) errors.chosen = t('password.validation.same');
    if (!errors.chosen && repeated !== chosen) errors.repeated = t('password.validation.mismatch');
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    save.mutate();
  };

  return (
    <Stack gap="lg" maw={480} mx="auto">
      <PageHeading>{t('password.title')}</PageHeading>
      <Text>{t('password.intro')}</Text>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {/* The account's e-mail, for password managers to file the new password under. */}
            <input type="hidden" name="username" autoComplete="username" value={me.data.email} readOnly />
            <PasswordInput
              label={t('password.current')}
              autoComplete="current-password"
              required
              value={current}
              onChange={(event) => setCurrent(event.currentTarget.value)}
              error={fieldErrors.current}
              visibilityToggleButtonProps={{ 'aria-label': t('field.showPassword') }}
            />
            <PasswordInput
              label={t('password.new')}
              description={t('password.newHelp')}
              autoComplete="new-password"
              required
              maxLength={MAX_LENGTH}
              value={chosen}
              onChange={(event) => setChosen(event.currentTarget.value)}
              error={fieldErrors.chosen}
              visibilityToggleButtonProps={{ 'aria-label': t('field.showPassword') }}
            />
            <PasswordInput
              label={t('password.repeat')}
              autoComplete="new-password"
              required
              maxLength={MAX_LENGTH}
              value={repeated}
              onChange={(event) => setRepeated(event.currentTarget.value)}
              error={fieldErrors.repeated}
              visibilityToggleButtonProps={{ 'aria-label': t('field.showPassword') }}
            />
            <ErrorNotice error={save.error} />
            <Button type="submit" w="fit-content" loading={save.isPending}>
              {t('password.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

export default ChoosePasswordPage;

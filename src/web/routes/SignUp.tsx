import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { MemberRegistration } from '../../shared/identity';
import { api, queryKeys } from '../api/endpoints';
import { invalidFields } from '../app/errors';
import { onDemand } from '../app/onDemand';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeading } from '../components/PageHeading';
import { currentLocale, warmAreas } from '../i18n';

type Field = 'membershipNumber' | 'dateOfBirth' | 'email' | 'password';

/** The server's own schema, fetched when the form is first used (not with the page). */
const identity = onDemand(() => import('../../shared/identity'));
type Fields = (typeof MemberRegistration)['shape'];

/** The form's first use fetches what a submission needs: the schema, the error words. */
const warm = () => {
  identity.warm();
  warmAreas(['errors']);
};

function browserTimeZone(fields: Fields): string | undefined {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return fields.timeZone.safeParse(zone).success ? zone : undefined;
}

/**
 * A member creates their account by proving membership: the number on their card and their date
 * of birth. The account takes the language shown and this device's time zone; then they are in.
 */
export function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({
    membershipNumber: '',
    dateOfBirth: '',
    email: '',
    password: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [checkError, setCheckError] = useState<unknown>(null);

  // The same rules as the server (the shared schema), with messages in the member's language.
  const messages: Record<Field, string> = {
    membershipNumber: t('validation.membershipNumber'),
    dateOfBirth: t('validation.date'),
    email: t('validation.email'),
    password: t('validation.password'),
  };
  const validate = (fields: Fields): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    for (const field of Object.keys(messages) as Field[]) {
      if (values[field].trim() === '') found[field] = t('validation.required');
      else if (!fields[field].safeParse(values[field]).success) found[field] = messages[field];
    }
    return found;
  };

  const register = useMutation({
    mutationFn: async (fields: Fields) => {
      const email = fields.email.parse(values.email);
      await api.register({
        membershipNumber: values.membershipNumber.trim(),
        dateOfBirth: values.dateOfBirth,
        email,
        password: values.password,
        locale: currentLocale(),
        timeZone: browserTimeZone(fields),
      });
      // The account exists from here on: a failed sign-in (its rate limit, a network blip) is not
      // a failed sign-up, so it leads to the sign-in page with the account, never to an error.
      try {
        await api.signIn(email, values.password);
        queryClient.removeQueries();
        await queryClient.fetchQuery({ queryKey: queryKeys.me, queryFn: api.me });
        return 'signed-in' as const;
      } catch {
        return 'created' as const;
      }
    },
    onSuccess: (outcome) => navigate(outcome === 'signed-in' ? '/' : '/sign-in?created=1', { replace: true }),
    onError: (error) => {
      const named = invalidFields(error);
      setErrors(
        Object.fromEntries([...named].filter((f) => f in messages).map((f) => [f, messages[f as Field]])),
      );
    },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCheckError(null);
    const rules = await identity.load().catch((error: unknown) => void setCheckError(error));
    if (!rules) return;
    const fields = rules.MemberRegistration.shape;
    const found = validate(fields);
    setErrors(found);
    if (Object.keys(found).length === 0) register.mutate(fields);
  };

  const input = (field: Field) => ({
    value: values[field],
    error: errors[field],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [field]: value }));
    },
  });

  return (
    <Stack gap="lg" maw={480} mx="auto">
      <PageHeading>{t('signUp.title')}</PageHeading>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={(event) => void submit(event)} onFocus={warm} noValidate>
          <Stack gap="md">
            <Text>{t('signUp.intro')}</Text>
            <TextInput
              label={t('signUp.membershipNumber')}
              description={t('signUp.membershipNumberHelp')}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              required
              {...input('membershipNumber')}
            />
            <TextInput
              label={t('signUp.dateOfBirth')}
              type="date"
              autoComplete="bday"
              required
              {...input('dateOfBirth')}
            />
            <TextInput
              label={t('field.email')}
              type="email"
              autoComplete="email"
              required
              {...input('email')}
            />
            <PasswordInput
              label={t('field.password')}
              description={t('signUp.passwordHelp')}
              autoComplete="new-password"
              required
              visibilityToggleButtonProps={{ 'aria-label': t('field.showPassword') }}
              {...input('password')}
            />
            <ErrorNotice error={checkError ?? register.error} />
            <Button type="submit" loading={register.isPending}>
              {t('signUp.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text ta="center">
        {t('signUp.haveAccount')}{' '}
        <Anchor component={Link} to="/sign-in">
          {t('signUp.signIn')}
        </Anchor>
      </Text>
    </Stack>
  );
}

export default SignUpPage;

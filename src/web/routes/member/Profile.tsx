import { Alert, Button, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, ProfileUpdate } from '../../../shared/identity';
import { ApiError } from '../../api/client';
import { api, queryKeys } from '../../api/endpoints';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { countryOptions, timeZoneOptions } from '../../features/requests/places';
import { rememberDeviceLocale } from '../../i18n';
import { isLocale, localeNames, locales } from '../../i18n/locales';

/**
 * `/me/profile`: the name, language, time zone and country the service uses to talk to the
 * member. Saved with the version it was read at; if the profile changed elsewhere meanwhile the
 * member is told, shown the current values and can save again.
 */
export function ProfilePage() {
  const me = useMe();
  // Kept above the form: the form starts again from the fresh profile after a conflict.
  const [conflict, setConflict] = useState(false);
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorNotice error={me.error} />;
  return <ProfileForm me={me.data} key={me.data.version} conflict={conflict} setConflict={setConflict} />;
}

function ProfileForm({
  me,
  conflict,
  setConflict,
}: {
  me: Me;
  conflict: boolean;
  setConflict: (value: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(me.name);
  const [locale, setLocale] = useState(me.locale);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const [country, setCountry] = useState(me.country ?? '');
  const [nameError, setNameError] = useState<string | undefined>();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const zones = useMemo(() => timeZoneOptions(), []);

  const save = useMutation({
    mutationFn: () => {
      const update: ProfileUpdate = { version: me.version };
      if (name.trim() !== me.name) update.name = name.trim();
      if (locale !== me.locale) update.locale = locale;
      if (timeZone !== me.timeZone) update.timeZone = timeZone;
      if (country && country !== me.country) update.country = country;
      return api.updateMe(update);
    },
    onSuccess: async (updated) => {
      setConflict(false);
      if (isLocale(updated.locale)) {
        rememberDeviceLocale(updated.locale);
        await i18n.changeLanguage(updated.locale);
      }
      queryClient.setQueryData(queryKeys.me, updated);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'resource.version_conflict') {
        setConflict(true);
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      }
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setNameError(t('validation.required'));
    if (trimmed.length > 200) return setNameError(t('validation.tooLong', { max: 200 }));
    setNameError(undefined);
    save.mutate();
  };

  return (
    <Stack gap="lg" maw={560}>
      <PageHeading>{t('profile.title')}</PageHeading>
      <Text>{t('profile.intro')}</Text>
      {conflict && (
        <Alert variant="light" role="alert">
          {t('profile.conflict')}
        </Alert>
      )}
      {save.isSuccess && !conflict && (
        <Alert variant="light" role="status">
          {t('profile.saved')}
        </Alert>
      )}
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label={t('profile.name')}
              autoComplete="name"
              required
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={nameError}
            />
            <TextInput
              label={t('field.email')}
              value={me.email}
              readOnly
              description={t('profile.emailHelp')}
            />
            <NativeSelect
              label={t('profile.language')}
              value={locale}
              onChange={(event) => setLocale(event.currentTarget.value)}
            >
              {locales.map((option) => (
                <option key={option} value={option} lang={option}>
                  {localeNames[option]}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('profile.timeZone')}
              description={t('profile.timeZoneHelp')}
              value={timeZone}
              onChange={(event) => setTimeZone(event.currentTarget.value)}
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('profile.country')}
              value={country}
              onChange={(event) => setCountry(event.currentTarget.value)}
            >
              <option value="">{t('request.chooseCountry')}</option>
              {countries.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </NativeSelect>
            {!conflict && <ErrorNotice error={save.error} />}
            <Button type="submit" w="fit-content" loading={save.isPending}>
              {t('profile.save')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

export default ProfilePage;

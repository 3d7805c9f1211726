import { Alert, Button, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ContactPreferences, Me, ProfileUpdate } from '../../../shared/identity';
import { api, queryKeys } from '../../api/endpoints';
import { useMe } from '../../app/session';
import { isConflict } from '../../app/errors';
import type { FormWords } from '../../app/fieldErrors';
import { useFormCheck } from '../../app/formCheck';
import { onDemand } from '../../app/onDemand';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { TwoStepStatus } from '../../features/account/TwoStepStatus';
import { channelKey } from '../../features/contact/channels';
import { ContactTimes, type ContactWindowDraft } from '../../features/contact/ContactTimes';
import { zoneName } from '../../app/format';
import { canonicalTimeZone } from '../../../shared/timeZones';
import { countryOptions, timeZoneOptions } from '../../features/requests/places';
import { loadAreas, rememberDeviceLocale, warmAreas } from '../../i18n';
import { isLocale, localeNames, locales } from '../../i18n/locales';

// The steps of turning two-step sign-in on or off, and their words: fetched when the member
// presses the button.
const twoStepSteps = onDemand(async () => {
  const [module] = await Promise.all([import('../../features/account/TwoStep'), loadAreas(['account'])]);
  return module;
});
const TwoStep = lazy(twoStepSteps.load);

type Channel = NonNullable<ContactPreferences['channel']>;
const channels = ['phone', 'video', 'message'] as const satisfies readonly Channel[];
const NO_PREFERENCE = 'none';

// The server's own rules for the profile (with zod), fetched when the form is first used.
const profileRules = onDemand(() => import('../../../shared/identity'));

/** The profile's words for the rules of its time windows (the common words say the rest). */
const profileWords =
  (t: TFunction): FormWords =>
  (issue, path) => {
    if (path[0] === 'phone') return t('profile.contact.phoneInvalid');
    if (path[0] !== 'contactPreferences') return undefined;
    if (path.at(-1) === 'days') return t('request.validation.windowDays');
    if (issue.code === 'custom') return t('request.validation.windowOrder');
    return t('request.validation.windowTime');
  };

/** The field that shows a problem: each time window's own boxes (`windows.0.to`), else the path. */
const profileFieldOf = (path: string) => path.replace(/^contactPreferences\.windows\./, 'windows.');

const sameWindows = (a: ContactWindowDraft[], b: ContactWindowDraft[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * `/me/profile`: the name, language, time zone and country the service uses to talk to the
 * member, and how and when they like to be contacted (the request form starts from these). Saved with the version it was read at; if the profile changed elsewhere meanwhile the
 * member is told, shown the current values and can save again.
 */
export function ProfilePage() {
  const me = useMe();
  // Kept above the form: the form starts again from the fresh profile after a conflict.
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorNotice error={me.error} />;
  return (
    // The page's first use (a field, the two-step button) fetches the words of a refusal.
    <Stack gap="lg" maw={560} onFocus={() => warmAreas(['errors'])}>
      <ProfileForm
        me={me.data}
        key={me.data.version}
        conflict={conflict}
        setConflict={setConflict}
        saved={saved}
        setSaved={setSaved}
      />
      <TwoStepSection me={me.data} />
    </Stack>
  );
}

/** Beside the profile, not in its form: two-step sign-in is saved on its own, step by step. */
function TwoStepSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  // Until the button is pressed, the status alone; then the steps, which keep the section from there.
  const [opened, setOpened] = useState<'password' | 'disable' | null>(null);
  return (
    // A pointer over the section or the focus in it starts fetching the steps, so that they are
    // usually there by the time the button is pressed.
    <Paper
      component="section"
      withBorder
      p="lg"
      radius="md"
      aria-labelledby="two-step-heading"
      onPointerOver={twoStepSteps.warm}
      onFocus={twoStepSteps.warm}
    >
      <Stack gap="sm">
        <Title order={2} size="h3" id="two-step-heading">
          {t('twoStep.heading')}
        </Title>
        <Text size="sm">{t('twoStep.intro')}</Text>
        {opened ? (
          <Suspense fallback={<Loading />}>
            <TwoStep me={me} openAt={opened} />
          </Suspense>
        ) : (
          <TwoStepStatus
            me={me}
            onTurnOn={() => setOpened('password')}
            onTurnOff={() => setOpened('disable')}
          />
        )}
      </Stack>
    </Paper>
  );
}

function ProfileForm({
  me,
  conflict,
  setConflict,
  saved,
  setSaved,
}: {
  me: Me;
  conflict: boolean;
  setConflict: (value: boolean) => void;
  /** Also kept above the form, which starts again from the saved profile (its new version). */
  saved: boolean;
  setSaved: (value: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(me.name);
  const [locale, setLocale] = useState(me.locale);
  const [timeZone, setTimeZone] = useState(canonicalTimeZone(me.timeZone));
  const [country, setCountry] = useState(me.country ?? '');
  const [channel, setChannel] = useState<string>(me.contactPreferences.channel ?? NO_PREFERENCE);
  const [windows, setWindows] = useState<ContactWindowDraft[]>(me.contactPreferences.windows);
  const [phone, setPhone] = useState(me.phone?.international ?? '');
  const form = useRef<HTMLFormElement>(null);
  const check = useFormCheck(form, { words: profileWords(t), fieldOf: profileFieldOf });
  // The rules could not be fetched to check the form (a lost connection): said above the button.
  const [rulesError, setRulesError] = useState<unknown>(null);
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const zones = useMemo(() => timeZoneOptions(i18n.language), [i18n.language]);

  /** What changed, with the version it was read at. */
  const updateOf = (): ProfileUpdate => {
    const update: ProfileUpdate = { version: me.version };
    if (name.trim() !== me.name) update.name = name.trim();
    if (locale !== me.locale) update.locale = locale;
    if (timeZone !== me.timeZone) update.timeZone = timeZone;
    if (country && country !== me.country) update.country = country;
    if (phone.trim() !== (me.phone?.international ?? '')) update.phone = phone.trim() || null;
    const preferences: ContactPreferences = {
      channel: channels.find((option) => option === channel) ?? null,
      windows,
    };
    if (
      preferences.channel !== me.contactPreferences.channel ||
      !sameWindows(windows, me.contactPreferences.windows)
    )
      update.contactPreferences = preferences;
    return update;
  };

  const save = useMutation({
    mutationFn: (update: ProfileUpdate) => api.updateMe(update),
    onSuccess: async (updated) => {
      setConflict(false);
      setSaved(true);
      if (isLocale(updated.locale)) {
        rememberDeviceLocale(updated.locale);
        await i18n.changeLanguage(updated.locale);
      }
      queryClient.setQueryData(queryKeys.me, updated);
    },
    onError: (error) => {
      if (isConflict(error)) {
        setConflict(true);
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      }
      // The server's own findings, should the browser have let something through.
      check.refused(error);
    },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await profileRules.load().catch((error: unknown) => void setRulesError(error));
    const update = updateOf();
    if (!rules || !check.check(rules.ProfileUpdate, update)) return;
    setSaved(false);
    save.mutate(update);
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
      {saved && !conflict && (
        <Alert variant="light" role="status">
          {t('profile.saved')}
        </Alert>
      )}
      <Paper withBorder p="lg" radius="md">
        <form ref={form} onSubmit={(event) => void submit(event)} onFocus={profileRules.warm} noValidate>
          <Stack gap="md">
            <TextInput
              label={t('profile.name')}
              autoComplete="name"
              required
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={check.errors.name}
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
                <option key={zone.value} value={zone.value}>
                  {zone.label}
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
            <Stack gap="sm" component="fieldset" className="plain-fieldset">
              <Title order={2} size="h4" component="legend">
                {t('profile.contact.heading')}
              </Title>
              <Text size="sm">{t('profile.contact.intro')}</Text>
              {/* A menu rather than radio buttons: the page's one choice of the kind, and Mantine's
                  radios would be about 2.6 KB more on a page at its size budget (decision 11). */}
              <NativeSelect
                label={t('profile.contact.channel')}
                value={channel}
                onChange={(event) => setChannel(event.currentTarget.value)}
                data={[
                  ...channels.map((option) => ({ value: option, label: t(channelKey[option]) })),
                  { value: NO_PREFERENCE, label: t('profile.contact.noPreference') },
                ]}
              />
              <TextInput
                type="tel"
                autoComplete="tel"
                dir="ltr"
                label={t('profile.contact.phone')}
                description={t('profile.contact.phoneHelp')}
                maxLength={40}
                value={phone}
                onChange={(event) => setPhone(event.currentTarget.value)}
                error={check.errors.phone}
              />
              <Text fw={500} size="sm">
                {t('profile.contact.times')}
              </Text>
              <Text size="sm">
                {t('profile.contact.timesHelp', { timeZone: zoneName(timeZone, i18n.language) })}
              </Text>
              <ContactTimes
                windows={windows}
                onChange={setWindows}
                error={(path) => check.errors[`windows.${path}`]}
              />
            </Stack>
            {!conflict && <ErrorNotice error={rulesError ?? save.error} />}
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

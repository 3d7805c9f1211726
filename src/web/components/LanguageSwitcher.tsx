import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../shared/identity';
import { ApiError } from '../api/client';
import { api, queryKeys } from '../api/endpoints';
import { rememberDeviceLocale } from '../i18n';
import { isLocale, localeNames, locales, type Locale } from '../i18n/locales';
import { ErrorNotice } from './ErrorNotice';

/**
 * The language menu. The choice is kept on this device, and on the account when signed in (so
 * e-mails and the case manager use it too). The profile is written with the version it was read
 * at; if it changed elsewhere meanwhile, the fresh profile is read and the change made again.
 * A plain labelled <select> (styles.css) rather than Mantine's NativeSelect: it is on every page,
 * and the input's code (about 5 KB gzip) would otherwise be in every page's first download.
 */
export function LanguageSwitcher({ me }: { me: Me | undefined }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const save = useMutation({
    mutationFn: async (locale: Locale) => {
      const current = queryClient.getQueryData<Me>(queryKeys.me);
      if (!current) return null;
      try {
        return await api.updateMe({ locale, version: current.version });
      } catch (error) {
        if (!(error instanceof ApiError) || error.code !== 'resource.version_conflict') throw error;
        const fresh = await api.me();
        return api.updateMe({ locale, version: fresh.version });
      }
    },
    onSuccess: (updated) => {
      if (updated) queryClient.setQueryData(queryKeys.me, updated);
    },
  });

  const choose = async (value: string) => {
    if (!isLocale(value)) return;
    rememberDeviceLocale(value);
    if (me) {
      // The profile first: the app follows the profile's language once it has it.
      const previous = queryClient.getQueryData<Me>(queryKeys.me);
      if (previous) queryClient.setQueryData(queryKeys.me, { ...previous, locale: value });
      try {
        await save.mutateAsync(value);
      } catch {
        // Put the profile back, unless it is gone (an ended session cleared everything).
        if (previous && queryClient.getQueryData<Me>(queryKeys.me))
          queryClient.setQueryData(queryKeys.me, previous);
        return;
      }
    }
    await i18n.changeLanguage(value);
  };

  return (
    <div>
      <label htmlFor={id} className="language-label">
        {t('language.label')}
      </label>
      <select
        id={id}
        className="language-select"
        value={isLocale(i18n.language) ? i18n.language : 'en'}
        onChange={(event) => void choose(event.currentTarget.value)}
      >
        {/* Each language named in itself, marked as such for screen readers. */}
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {localeNames[locale]}
          </option>
        ))}
      </select>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </div>
  );
}

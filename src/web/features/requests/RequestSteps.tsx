import { Anchor, Button, Group, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatPersonName } from '../../../shared/display';
import type { HealthcareHub } from '../../../shared/register';
import { relationshipKey } from '../cases/relationship';
import { channelKey } from '../contact/channels';
import { ContactTimes } from '../contact/ContactTimes';
import { phoneExample } from '../contact/phoneExample';
import { localeNames, locales } from '../../i18n/locales';
import type { RequestDraft } from './draft';
import { countryOptions, timeZoneOptions } from './places';

/**
 * The parts of the request form a member does not need to see it: its steps after the first, and
 * the choice of whom the request is for (only for members with dependants). Their own chunk, with
 * the radios, the day checkboxes and the selects they are built of, fetched when the form is
 * first used (or opened at a later step), not with the page.
 */

const MAX_QUESTIONS = 10;

export function ForWhom({
  dependants,
  value,
  onChange,
}: {
  dependants: HealthcareHub['dependants'];
  value: string;
  onChange: (memberId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group label={t('request.forWhom')} value={value} onChange={onChange}>
      <Stack gap={4} mt={4}>
        <Radio value="" label={t('request.forSelf')} />
        {dependants.map((person) => (
          <Radio
            key={person.id}
            value={person.id}
            label={t('hub.dependants.person', {
              name: formatPersonName(person),
              relationship: t(relationshipKey[person.relationship]),
            })}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}

/** Steps 2 to 5 of the form (`step` 1 to 4): the first opinion, the questions, contact, location. */
export function LaterStep({
  step,
  draft,
  update,
  error,
  fromProfile,
}: {
  step: number;
  draft: RequestDraft;
  update: (change: Partial<RequestDraft>) => void;
  error: (path: string) => string | undefined;
  /** The contact preferences were taken from the profile (said so, with a link to it). */
  fromProfile: boolean;
}) {
  const { t, i18n } = useTranslation();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const zones = useMemo(() => timeZoneOptions(i18n.language), [i18n.language]);
  const example = useMemo(() => phoneExample(draft.country), [draft.country]);
  const setQuestion = (index: number, value: string) =>
    update({ questions: draft.questions.map((question, i) => (i === index ? value : question)) });

  return (
    <>
      {step === 1 && (
        <>
          <Text size="sm">{t('request.opinionIntro')}</Text>
          <GrowingTextarea
            label={t('request.diagnosis')}
            minRows={2}
            maxLength={2000}
            value={draft.diagnosisReceived}
            onChange={(event) => update({ diagnosisReceived: event.currentTarget.value })}
            error={error('diagnosisReceived')}
          />
          <GrowingTextarea
            label={t('request.treatment')}
            minRows={2}
            maxLength={2000}
            value={draft.treatmentPlanReceived}
            onChange={(event) => update({ treatmentPlanReceived: event.currentTarget.value })}
            error={error('treatmentPlanReceived')}
          />
          <TextInput
            label={t('request.doctor')}
            maxLength={200}
            value={draft.doctorName}
            onChange={(event) => update({ doctorName: event.currentTarget.value })}
            error={error('firstOpinion.doctorName')}
          />
          <TextInput
            label={t('request.institution')}
            maxLength={200}
            value={draft.institution}
            onChange={(event) => update({ institution: event.currentTarget.value })}
            error={error('firstOpinion.institution')}
          />
          <NativeSelect
            label={t('request.opinionCountry')}
            value={draft.firstOpinionCountry}
            onChange={(event) => update({ firstOpinionCountry: event.currentTarget.value })}
            error={error('firstOpinion.country')}
          >
            <option value="">{t('request.notSaying')}</option>
            {countries.map((country) => (
              <option key={country.value} value={country.value}>
                {country.label}
              </option>
            ))}
          </NativeSelect>
        </>
      )}

      {step === 2 && (
        <>
          <Text size="sm">{t('request.questionsIntro', { max: MAX_QUESTIONS })}</Text>
          {error('questions') && (
            <Text c="var(--mantine-color-error)" size="sm" role="alert">
              {error('questions')}
            </Text>
          )}
          <Stack component="ol" gap="sm" className="question-list">
            {draft.questions.map((question, index) => (
              <li key={index}>
                <Group align="flex-end" gap="xs" wrap="nowrap">
                  <GrowingTextarea
                    style={{ flex: 1 }}
                    label={t('request.question', { number: index + 1 })}
                    minRows={1}
                    maxLength={1000}
                    required
                    value={question}
                    onChange={(event) => setQuestion(index, event.currentTarget.value)}
                    error={error(`questions.${index}`)}
                  />
                  {draft.questions.length > 1 && (
                    <Button
                      variant="subtle"
                      color="#a51d1d"
                      aria-label={t('request.removeQuestion', { number: index + 1 })}
                      onClick={() => update({ questions: draft.questions.filter((_, i) => i !== index) })}
                    >
                      {t('request.remove')}
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </Stack>
          {draft.questions.length < MAX_QUESTIONS ? (
            <Button
              variant="light"
              w="fit-content"
              onClick={() => update({ questions: [...draft.questions, ''] })}
            >
              {t('request.addQuestion')}
            </Button>
          ) : (
            <Text size="sm">{t('request.validation.questionsMax')}</Text>
          )}
        </>
      )}

      {step === 3 && (
        <>
          {fromProfile && (
            <Text size="sm" data-testid="contact-from-profile">
              {t('request.contactFromProfile')}{' '}
              <Anchor component={Link} to="/me/profile">
                {t('request.contactFromProfileLink')}
              </Anchor>
            </Text>
          )}
          <NativeSelect
            label={t('request.language')}
            description={t('request.languageHelp')}
            value={draft.preferredLanguage}
            onChange={(event) => update({ preferredLanguage: event.currentTarget.value })}
            error={error('preferredLanguage')}
          >
            {locales.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {localeNames[locale]}
              </option>
            ))}
          </NativeSelect>
          <Radio.Group
            label={t('request.channel')}
            value={draft.contactChannel}
            onChange={(value) =>
              update({ contactChannel: value === 'video' || value === 'message' ? value : 'phone' })
            }
          >
            <Stack gap={4} mt={4}>
              {(['phone', 'video', 'message'] as const).map((channel) => (
                <Radio key={channel} value={channel} label={t(channelKey[channel])} />
              ))}
            </Stack>
          </Radio.Group>
          {draft.contactChannel === 'phone' && (
            <TextInput
              type="tel"
              autoComplete="tel"
              dir="ltr"
              label={t('request.phone')}
              description={
                example
                  ? t('request.phoneHelp', { example })
                  : t('request.phoneHelpInternational', { example: '+44 20 7946 0958' })
              }
              required
              maxLength={40}
              value={draft.contactPhone ?? ''}
              onChange={(event) => update({ contactPhone: event.currentTarget.value })}
              error={error('contactPhone')}
            />
          )}
          <NativeSelect
            label={t('request.timeZone')}
            description={t('request.timeZoneHelp')}
            value={draft.timeZone}
            onChange={(event) => update({ timeZone: event.currentTarget.value })}
            error={error('timeZone')}
          >
            {zones.map((zone) => (
              <option key={zone.value} value={zone.value}>
                {zone.label}
              </option>
            ))}
          </NativeSelect>
          <Text fw={500} size="sm">
            {t('request.windows')}
          </Text>
          <Text size="sm">{t('request.windowsHelp')}</Text>
          <ContactTimes
            windows={draft.windows}
            onChange={(windows) => update({ windows })}
            error={(path) => error(`preferredContactWindows.${path}`)}
          />
        </>
      )}

      {step === 4 && (
        <>
          <NativeSelect
            label={t('request.country')}
            required
            value={draft.country}
            onChange={(event) => update({ country: event.currentTarget.value })}
            error={error('location.country')}
          >
            <option value="">{t('request.chooseCountry')}</option>
            {countries.map((country) => (
              <option key={country.value} value={country.value}>
                {country.label}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t('request.city')}
            required
            maxLength={120}
            autoComplete="address-level2"
            value={draft.city}
            onChange={(event) => update({ city: event.currentTarget.value })}
            error={error('location.city')}
          />
        </>
      )}
    </>
  );
}

export default LaterStep;

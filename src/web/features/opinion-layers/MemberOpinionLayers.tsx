import { Alert, Anchor, Button, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { productLocales } from '../../../shared/locales';
import {
  DoctorLetterSending,
  type DoctorLetterLanguage,
  type OpinionLayers,
} from '../../../shared/opinion-layers';
import { useFormCheck } from '../../app/formCheck';
import { formatMoment, languageName } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { UserText } from '../../components/UserText';
import { doctorLetterUrl, layersApi, layersKey } from './api';

const letterLanguageOf = (tag: string): DoctorLetterLanguage =>
  productLocales.find((locale) => locale.toLowerCase() === tag.toLowerCase()) ??
  productLocales.find((locale) => locale === tag.split('-')[0]) ??
  'en';

/** Paragraphs of a text written by a person, in its own language (and direction). */
function Written({ text, lang }: { text: string; lang: string }) {
  return (
    <Stack gap={6} lang={lang} dir="auto">
      {text
        .split(/\n{2,}/)
        .filter((paragraph) => paragraph.trim())
        .map((paragraph, index) => (
          <Text key={index} style={{ whiteSpace: 'pre-wrap' }}>
            <UserText>{paragraph}</UserText>
          </Text>
        ))}
    </Stack>
  );
}

function Layers({ layers, timeZone }: { layers: OpinionLayers; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const name = (tag: string) => languageName(tag, i18n.language);
  return (
    <Stack gap="lg">
      <Stack gap="xs" component="section" aria-labelledby="layer-summary" data-layer="summary">
        <Title order={3} size="h4" id="layer-summary">
          {t('case.layers.summary')}
        </Title>
        {layers.summary ? (
          <>
            <Text size="sm" c="dimmed">
              {t('case.layers.summaryNote', {
                name: layers.summary.writtenBy ?? t('case.layers.caseManager'),
                language: name(layers.summary.language),
              })}
            </Text>
            <Written text={layers.summary.body} lang={layers.summary.language} />
          </>
        ) : (
          <Text>{t('case.layers.noSummary')}</Text>
        )}
      </Stack>
      {layers.opinions.map(({ original, translation, translationNeeded }) => (
        <Stack gap="lg" key={original.offerId}>
          {translationNeeded && (
            <Stack
              gap="xs"
              component="section"
              data-layer="translation"
              aria-label={t('case.layers.translation')}
            >
              <Title order={3} size="h4">
                {t('case.layers.translation')}
              </Title>
              {translation ? (
                <>
                  <Text size="sm" c="dimmed">
                    {t('case.layers.translationNote', {
                      language: name(translation.language),
                      translator: translation.translatedBy,
                      time: formatMoment(translation.translatedAt, i18n.language, timeZone),
                    })}
                  </Text>
                  <Written text={translation.body} lang={translation.language} />
                </>
              ) : (
                <Text>{t('case.layers.translationPending', { language: name(layers.memberLanguage) })}</Text>
              )}
            </Stack>
          )}
          <Stack gap="xs" component="section" data-layer="original" aria-label={t('case.layers.original')}>
            <Title order={3} size="h4">
              {t('case.layers.original')}
            </Title>
            <Text size="sm" c="dimmed" data-original-language={original.language}>
              {t('case.layers.originalNote', {
                name: [original.specialist.title, original.specialist.name].filter(Boolean).join(' '),
                language: name(original.language),
              })}
            </Text>
            <Stack gap={6} lang={original.language} dir="auto">
              {original.answers.map(({ question, answer }, index) => (
                <Stack gap={2} key={index}>
                  <Text fw={600}>
                    <UserText>{question}</UserText>
                  </Text>
                  <Text>
                    <UserText>{answer}</UserText>
                  </Text>
                </Stack>
              ))}
              <Written text={original.narrative} lang={original.language} />
            </Stack>
          </Stack>
        </Stack>
      ))}
    </Stack>
  );
}

/** The letter for the treating doctor: download it, or send a link to it to the doctor's e-mail. */
function DoctorLetter({ caseId, memberLanguage }: { caseId: string; memberLanguage: string }) {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<DoctorLetterLanguage>(letterLanguageOf(memberLanguage));
  const [email, setEmail] = useState('');
  const [doctorName, setDoctorName] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const check = useFormCheck(form);
  const body = () => ({
    email: email.trim(),
    language,
    ...(doctorName.trim() && { doctorName: doctorName.trim() }),
  });
  const send = useMutation({
    mutationFn: (sending: ReturnType<typeof body>) => layersApi.sendLetter(caseId, sending),
    onError: check.refused,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check.check(DoctorLetterSending, body())) send.mutate(body());
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="doctor-letter" data-layer="doctor-letter">
      <Title order={3} size="h4" id="doctor-letter">
        {t('case.layers.letter')}
      </Title>
      <Text>{t('case.layers.letterHelp')}</Text>
      <NativeSelect
        label={t('case.layers.letterLanguage')}
        value={language}
        onChange={(event) => setLanguage(event.currentTarget.value as DoctorLetterLanguage)}
        w="fit-content"
      >
        {productLocales.map((locale) => (
          <option key={locale} value={locale}>
            {languageName(locale, i18n.language)}
          </option>
        ))}
      </NativeSelect>
      <Anchor href={doctorLetterUrl(caseId, language)} download w="fit-content">
        {t('case.layers.download')}
      </Anchor>
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="xs">
          <TextInput
            type="email"
            label={t('case.layers.doctorEmail')}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={check.errors.email}
            autoComplete="off"
            required
            maxLength={320}
          />
          <TextInput
            label={t('case.layers.doctorName')}
            value={doctorName}
            onChange={(event) => setDoctorName(event.currentTarget.value)}
            error={check.errors.doctorName}
            maxLength={200}
          />
          <Text size="sm" c="dimmed">
            {t('case.layers.linkNotAttachment')}
          </Text>
          <ErrorNotice error={send.error} />
          {send.data && (
            <Alert variant="light" role="status">
              {t('case.layers.sent', { email: send.variables?.email ?? '' })}
            </Alert>
          )}
          <Button type="submit" w="fit-content" loading={send.isPending}>
            {t('case.layers.send')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

/**
 * The member's case page: the opinion in its layers once delivered (the summary first, each
 * translation next, the original last, each labelled with its author and language), and the
 * letter for their treating doctor.
 */
export function MemberOpinionLayers({ caseId, timeZone }: { caseId: string; timeZone: string | undefined }) {
  const { t } = useTranslation();
  const layers = useQuery({ queryKey: layersKey(caseId), queryFn: () => layersApi.read(caseId) });
  if (layers.error) return <ErrorNotice error={layers.error} />;
  if (layers.isPending) return <Loading />;
  if (!layers.data) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-opinion-layers">
      <Stack gap="lg">
        <Title order={2} size="h3" id="case-opinion-layers">
          {t('case.layers.heading')}
        </Title>
        <Layers layers={layers.data} timeZone={timeZone} />
        <DoctorLetter caseId={caseId} memberLanguage={layers.data.memberLanguage} />
      </Stack>
    </Paper>
  );
}

import { Alert, Button, List, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases';
import { productLocales } from '../../../shared/locales';
import {
  OpinionSummaryDraft,
  OpinionTranslationEntry,
  type OpinionLayers,
} from '../../../shared/opinion-layers';
import { useFormCheck } from '../../app/formCheck';
import { formatMoment, languageName } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { staffWords } from '../staff/fieldWords';
import { WriteError } from '../staff/WriteError';
import { layersApi, layersKey } from './api';
import { PlainLanguageHints } from './PlainLanguageHints';

function SummaryForm({ kase, layers }: { kase: CaseDetail; layers: OpinionLayers }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [body, setBody] = useState<string | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const text = body ?? layers.summary?.body ?? '';
  const chosen = language ?? layers.summary?.language ?? layers.memberLanguage;
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, { words: staffWords(t) });
  const draft = () => ({ version: layers.summary?.version ?? 0, language: chosen, body: text });
  const save = useMutation({
    mutationFn: () => layersApi.writeSummary(kase.id, layers.reviewId, draft()),
    onError: fields.refused,
    onSuccess: () => {
      setBody(null);
      setLanguage(null);
      void client.invalidateQueries({ queryKey: layersKey(kase.id) });
    },
  });
  const editable = kase.status === 'opinion_ready';
  const languages = productLocales.includes(chosen as never) ? productLocales : [chosen, ...productLocales];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (fields.check(OpinionSummaryDraft, draft())) save.mutate();
  };
  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('cm.layers.summary')}
        </Title>
        <Text size="sm">
          {t('cm.layers.summaryHelp', { language: languageName(layers.memberLanguage, i18n.language) })}
        </Text>
        <NativeSelect
          label={t('cm.layers.summaryLanguage')}
          value={chosen}
          onChange={(event) => setLanguage(event.currentTarget.value)}
          disabled={!editable}
          error={fields.errors.language}
          w="fit-content"
        >
          {languages.map((tag) => (
            <option key={tag} value={tag}>
              {languageName(tag, i18n.language)}
            </option>
          ))}
        </NativeSelect>
        {chosen.toLowerCase() !== layers.memberLanguage.toLowerCase() && (
          <Alert color="#8a4b00" variant="light" role="alert">
            {t('cm.layers.otherLanguage', { language: languageName(layers.memberLanguage, i18n.language) })}
          </Alert>
        )}
        <GrowingTextarea
          label={t('cm.layers.summaryBody')}
          value={text}
          onChange={(event) => setBody(event.currentTarget.value)}
          readOnly={!editable}
          lang={chosen}
          minRows={5}
          maxLength={20_000}
          error={fields.errors.body}
        />
        <PlainLanguageHints text={text} language={chosen} />
        <WriteError error={save.error} />
        {layers.summary && (
          <Text size="sm" c="dimmed">
            {t('cm.layers.summarySaved', {
              name: layers.summary.writtenBy ?? '',
              time: formatMoment(layers.summary.writtenAt, i18n.language, kase.timeZone),
            })}
          </Text>
        )}
        {editable && (
          <Button type="submit" variant="default" w="fit-content" loading={save.isPending}>
            {t('cm.layers.saveSummary')}
          </Button>
        )}
      </Stack>
    </form>
  );
}

function TranslationForm({
  kase,
  layers,
  opinion,
}: {
  kase: CaseDetail;
  layers: OpinionLayers;
  opinion: OpinionLayers['opinions'][number];
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [body, setBody] = useState<string | null>(null);
  const [translator, setTranslator] = useState('');
  const text = body ?? opinion.translation?.body ?? '';
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, { words: staffWords(t) });
  const entry = () => ({
    language: layers.memberLanguage,
    body: text,
    ...(translator.trim() && { translatedBy: translator.trim() }),
  });
  const save = useMutation({
    mutationFn: () => layersApi.enterTranslation(kase.id, layers.reviewId, opinion.original.offerId, entry()),
    onError: fields.refused,
    onSuccess: () => {
      setBody(null);
      setTranslator('');
      void client.invalidateQueries({ queryKey: layersKey(kase.id) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (fields.check(OpinionTranslationEntry, entry())) save.mutate();
  };
  const specialist = [opinion.original.specialist.title, opinion.original.specialist.name]
    .filter(Boolean)
    .join(' ');
  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fw={600}>
          {t('cm.layers.opinionOf', {
            name: specialist,
            language: languageName(opinion.original.language, i18n.language),
          })}
        </Text>
        <GrowingTextarea
          label={t('cm.layers.translationBody', {
            language: languageName(layers.memberLanguage, i18n.language),
          })}
          value={text}
          onChange={(event) => setBody(event.currentTarget.value)}
          lang={layers.memberLanguage}
          minRows={4}
          maxLength={60_000}
          error={fields.errors.body}
        />
        <TextInput
          label={t('cm.layers.translator')}
          description={t('cm.layers.translatorHelp')}
          value={translator}
          onChange={(event) => setTranslator(event.currentTarget.value)}
          maxLength={200}
          error={fields.errors.translatedBy}
        />
        {opinion.translation && (
          <Text size="sm" c="dimmed">
            {t('cm.layers.translated', {
              name: opinion.translation.translatedBy,
              time: formatMoment(opinion.translation.translatedAt, i18n.language, kase.timeZone),
            })}
          </Text>
        )}
        <WriteError error={save.error} />
        <Button type="submit" variant="default" w="fit-content" loading={save.isPending}>
          {t('cm.layers.saveTranslation')}
        </Button>
      </Stack>
    </form>
  );
}

/**
 * The case manager's side of the opinion's layers, above the recommendations: the summary for the
 * member (with the plain-language hints as it is typed), and the translation of each opinion the
 * specialist wrote in another language than the member's.
 */
export function WorkspaceOpinionLayers({ kase }: { kase: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const layers = useQuery({ queryKey: layersKey(kase.id), queryFn: () => layersApi.read(kase.id) });
  if (layers.error) return <ErrorNotice error={layers.error} />;
  if (!layers.data) return null;
  const data = layers.data;
  const toTranslate = data.opinions.filter((opinion) => opinion.translationNeeded);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="cm-layers">
      <Stack gap="lg">
        <Title order={2} size="h3" id="cm-layers">
          {t('cm.layers.heading')}
        </Title>
        <SummaryForm kase={kase} layers={data} />
        {toTranslate.length > 0 && (
          <Stack gap="md">
            <Title order={3} size="h4">
              {t('cm.layers.translation')}
            </Title>
            {toTranslate.map((opinion) => (
              <TranslationForm key={opinion.original.offerId} kase={kase} layers={data} opinion={opinion} />
            ))}
          </Stack>
        )}
        {data.opinions.length > 0 && toTranslate.length === 0 && (
          <List size="sm">
            <List.Item>
              {t('cm.layers.noTranslation', { language: languageName(data.memberLanguage, i18n.language) })}
            </List.Item>
          </List>
        )}
      </Stack>
    </Paper>
  );
}

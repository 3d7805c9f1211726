import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KindOfDocument } from '../../../shared/document-types';
import { productLocales } from '../../../shared/locales';
import type { ProviderCreation, ProviderList } from '../../../shared/records';
import { languageName, regionName } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useAreas } from '../../i18n';
import { recordsApi, recordsKeys } from './api';
import { RequestChecklist } from './Checklist';
import { kindKey, recordKinds } from './labels';

/**
 * In the case manager's workspace: the treating providers of the case (the doctor the member
 * named first), asking them for records, and the checklist with a revoke for each open link.
 */
export function ProvidersPanel({ caseId, timeZone }: { caseId: string; timeZone: string | undefined }) {
  const ready = useAreas(['records']);
  const { t } = useTranslation();
  const client = useQueryClient();
  const providers = useQuery({
    queryKey: recordsKeys.providers(caseId),
    queryFn: () => recordsApi.providers(caseId),
  });
  const checklist = useQuery({
    queryKey: recordsKeys.checklist(caseId),
    queryFn: () => recordsApi.checklist(caseId),
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: recordsKeys.providers(caseId) });
    void client.invalidateQueries({ queryKey: recordsKeys.checklist(caseId) });
  };
  const revoke = useMutation({
    mutationFn: (requestId: string) => recordsApi.revoke(caseId, requestId),
    onSuccess: refresh,
  });
  if (!ready) return <Loading />;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="cm-providers">
      <Stack gap="md">
        <Title order={2} size="h3" id="cm-providers">
          {t('records.cm.heading')}
        </Title>
        {providers.error || checklist.error ? (
          <ErrorNotice error={providers.error ?? checklist.error} />
        ) : !providers.data || !checklist.data ? (
          <Loading />
        ) : (
          <>
            <RequestChecklist
              items={checklist.data.items}
              complete={checklist.data.complete}
              timeZone={timeZone}
              onRevoke={(id) => revoke.mutate(id)}
            />
            {revoke.error && <ErrorNotice error={revoke.error} />}
            <ProviderTable list={providers.data} />
            {providers.data.items.length > 0 && (
              <AskForm caseId={caseId} list={providers.data} onAsked={refresh} />
            )}
            <AddProviderForm caseId={caseId} list={providers.data} onAdded={refresh} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function ProviderTable({ list }: { list: ProviderList }) {
  const { t, i18n } = useTranslation();
  if (list.items.length === 0) return <Text size="sm">{t('records.cm.noProviders')}</Text>;
  return (
    <Table>
      <Table.Caption>{t('records.cm.providers')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('records.field.name')}</Table.Th>
          <Table.Th scope="col">{t('records.field.institution')}</Table.Th>
          <Table.Th scope="col">{t('records.field.country')}</Table.Th>
          <Table.Th scope="col">{t('records.field.email')}</Table.Th>
          <Table.Th scope="col">{t('records.field.language')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.items.map((provider) => (
          <Table.Tr key={provider.id}>
            <Table.Td>{provider.name}</Table.Td>
            <Table.Td>{provider.institution}</Table.Td>
            <Table.Td>{regionName(provider.country, i18n.language)}</Table.Td>
            <Table.Td>{provider.email}</Table.Td>
            <Table.Td>{languageName(provider.language, i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function AskForm({ caseId, list, onAsked }: { caseId: string; list: ProviderList; onAsked: () => void }) {
  const { t } = useTranslation();
  const [providerId, setProviderId] = useState(list.items[0]!.id);
  const [kinds, setKinds] = useState<string[]>(['report']);
  const [error, setError] = useState<string | undefined>();
  const ask = useMutation({
    mutationFn: () => recordsApi.askProvider(caseId, { providerId, kinds: kinds as KindOfDocument[] }),
    onSuccess: onAsked,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(kinds.length === 0 ? t('records.release.chooseKind') : undefined);
    if (kinds.length > 0) ask.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="cm-ask-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="cm-ask-heading">
          {t('records.cm.askHeading')}
        </Title>
        <Text size="sm">{t('records.cm.askIntro')}</Text>
        <NativeSelect
          label={t('records.release.provider')}
          value={providerId}
          onChange={(event) => setProviderId(event.currentTarget.value)}
        >
          {list.items.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.name}, {provider.institution}
            </option>
          ))}
        </NativeSelect>
        <Checkbox.Group label={t('records.release.kinds')} value={kinds} onChange={setKinds} error={error}>
          <Group gap="md" mt={4}>
            {recordKinds.map((kind) => (
              <Checkbox key={kind} value={kind} label={t(kindKey[kind])} />
            ))}
          </Group>
        </Checkbox.Group>
        {ask.error && <ErrorNotice error={ask.error} />}
        <Button type="submit" w="fit-content" loading={ask.isPending}>
          {t('records.cm.ask')}
        </Button>
      </Stack>
    </form>
  );
}

function AddProviderForm({
  caseId,
  list,
  onAdded,
}: {
  caseId: string;
  list: ProviderList;
  onAdded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const named = list.fromRequest;
  const [fields, setFields] = useState({
    name: named?.name ?? '',
    institution: named?.institution ?? '',
    country: named?.country ?? '',
    email: '',
    language: 'en',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof fields, string>>>({});
  const add = useMutation({
    mutationFn: (body: ProviderCreation) => recordsApi.addProvider(caseId, body),
    onSuccess: () => {
      setFields({ name: '', institution: '', country: '', email: '', language: 'en' });
      onAdded();
    },
  });
  const set = (key: keyof typeof fields) => (value: string) =>
    setFields((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!fields.name.trim()) found.name = t('records.field.required');
    if (!fields.institution.trim()) found.institution = t('records.field.required');
    if (!/^[A-Za-z]{2}$/.test(fields.country.trim())) found.country = t('records.field.countryHelp');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fields.email.trim()))
      found.email = t('records.field.emailInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    add.mutate({
      name: fields.name.trim(),
      institution: fields.institution.trim(),
      country: fields.country.trim().toUpperCase(),
      email: fields.email.trim(),
      language: fields.language as ProviderCreation['language'],
      origin: named ? 'member_request' : 'case_manager',
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="cm-add-provider">
      <Stack gap="sm">
        <Title order={3} size="h4" id="cm-add-provider">
          {named ? t('records.cm.completeNamed') : t('records.cm.addHeading')}
        </Title>
        {named && <Text size="sm">{t('records.cm.namedIntro')}</Text>}
        <TextInput
          label={t('records.field.name')}
          value={fields.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
          error={errors.name}
          required
          maxLength={160}
        />
        <TextInput
          label={t('records.field.institution')}
          value={fields.institution}
          onChange={(e) => set('institution')(e.currentTarget.value)}
          error={errors.institution}
          required
          maxLength={200}
        />
        <TextInput
          label={t('records.field.country')}
          description={t('records.field.countryHelp')}
          value={fields.country}
          onChange={(e) => set('country')(e.currentTarget.value)}
          error={errors.country}
          required
          maxLength={2}
        />
        <TextInput
          type="email"
          label={t('records.field.email')}
          value={fields.email}
          onChange={(e) => set('email')(e.currentTarget.value)}
          error={errors.email}
          required
          maxLength={254}
        />
        <NativeSelect
          label={t('records.field.language')}
          value={fields.language}
          onChange={(e) => set('language')(e.currentTarget.value)}
        >
          {productLocales.map((locale) => (
            <option key={locale} value={locale}>
              {languageName(locale, i18n.language)}
            </option>
          ))}
        </NativeSelect>
        {add.error && <ErrorNotice error={add.error} />}
        <Button type="submit" w="fit-content" loading={add.isPending}>
          {t('records.cm.add')}
        </Button>
      </Stack>
    </form>
  );
}

import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KindOfDocument } from '../../../shared/document-types';
import { productLocales } from '../../../shared/locales';
import type { Provider, ProviderRequest, Release } from '../../../shared/records';
import { formatCalendarDate, formatMoment, languageName, listOf } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useAreas } from '../../i18n';
import { recordsApi, recordsKeys } from './api';
import { RequestChecklist } from './Checklist';
import { kindKey, recordKinds } from './labels';

const DAY = 86_400_000;

/** The browser's clock, for the end date the form suggests (the server checks it against its own). */
// eslint-disable-next-line no-restricted-syntax
const browserNow = () => Date.now();

/**
 * On the member's case page: the records the case manager asks from the treating doctors, and the
 * member's release for each provider (who, what, until when; typed name and a tick), withdrawable.
 */
export function ProviderRecordsPanel({
  caseId,
  canSign,
  timeZone,
}: {
  caseId: string;
  canSign: boolean;
  timeZone: string | undefined;
}) {
  const ready = useAreas(['records']);
  const providers = useQuery({
    queryKey: recordsKeys.providers(caseId),
    queryFn: () => recordsApi.providers(caseId),
  });
  const checklist = useQuery({
    queryKey: recordsKeys.checklist(caseId),
    queryFn: () => recordsApi.checklist(caseId),
  });
  if (!ready) return <Loading />;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-provider-records">
      <PanelContent
        caseId={caseId}
        canSign={canSign}
        timeZone={timeZone}
        providers={providers.data?.items}
        checklist={checklist.data}
        error={providers.error ?? checklist.error}
      />
    </Paper>
  );
}

function PanelContent({
  caseId,
  canSign,
  timeZone,
  providers,
  checklist,
  error,
}: {
  caseId: string;
  canSign: boolean;
  timeZone: string | undefined;
  providers: Provider[] | undefined;
  checklist: { complete: boolean; items: ProviderRequest[]; releases: Release[] } | undefined;
  error: unknown;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: recordsKeys.checklist(caseId) });
    void client.invalidateQueries({ queryKey: ['cases', caseId] });
  };
  const withdraw = useMutation({
    mutationFn: (releaseId: string) => recordsApi.withdrawRelease(caseId, releaseId),
    onSuccess: refresh,
  });
  const providerName = (id: string) => {
    const found = providers?.find((provider) => provider.id === id);
    return found ? `${found.name}, ${found.institution}` : '';
  };
  return (
    <Stack gap="sm">
      <Title order={2} size="h3" id="case-provider-records">
        {t('records.member.heading')}
      </Title>
      <Text size="sm">{t('records.member.intro')}</Text>
      {error ? (
        <ErrorNotice error={error} />
      ) : !providers || !checklist ? (
        <Loading />
      ) : (
        <>
          <RequestChecklist items={checklist.items} complete={checklist.complete} timeZone={timeZone} />
          {checklist.releases.length > 0 && (
            <Stack gap={6}>
              <Title order={3} size="h4">
                {t('records.member.releases')}
              </Title>
              {checklist.releases.map((release) => (
                <Group key={release.id} gap="sm" data-release-active={release.active ? 'true' : 'false'}>
                  <Text size="sm">
                    {t(release.active ? 'records.member.releaseActive' : 'records.member.releaseEnded', {
                      provider: providerName(release.providerId),
                      kinds: listOf(
                        release.kinds.map((kind) => t(kindKey[kind])),
                        i18n.language,
                      ),
                      until: formatCalendarDate(release.validUntil, i18n.language),
                      signed: formatMoment(release.signedAt, i18n.language, timeZone),
                    })}
                  </Text>
                  {release.active && canSign && (
                    <Button
                      size="xs"
                      variant="default"
                      loading={withdraw.isPending && withdraw.variables === release.id}
                      onClick={() => withdraw.mutate(release.id)}
                    >
                      {t('records.member.withdraw')}
                    </Button>
                  )}
                </Group>
              ))}
              {withdraw.error && <ErrorNotice error={withdraw.error} />}
            </Stack>
          )}
          {canSign && providers.length > 0 && (
            <ReleaseForm
              caseId={caseId}
              providers={providers}
              requests={checklist.items}
              onSigned={refresh}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function ReleaseForm({
  caseId,
  providers,
  requests,
  onSigned,
}: {
  caseId: string;
  providers: Provider[];
  requests: ProviderRequest[];
  onSigned: () => void;
}) {
  const { t, i18n } = useTranslation();
  const waiting = requests.filter((request) => request.status === 'requested');
  const kindsAskedOf = (providerId: string) => [
    ...new Set(
      waiting.filter((request) => request.provider.id === providerId).flatMap((request) => request.kinds),
    ),
  ];
  const firstProvider = waiting[0]?.provider.id ?? providers[0]!.id;
  const [providerId, setProviderId] = useState(firstProvider);
  const [kinds, setKinds] = useState<string[]>(kindsAskedOf(firstProvider));
  const [validUntil, setValidUntil] = useState(() =>
    new Date(browserNow() + 90 * DAY).toISOString().slice(0, 10),
  );
  const [language, setLanguage] = useState(() =>
    (productLocales as readonly string[]).includes(i18n.language) ? i18n.language : 'en',
  );
  const [signedName, setSignedName] = useState('');
  const [agreed, setAgreed] = useState(false);
  // One key per signing: a retry after a dropped answer does not sign twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<
    Partial<Record<'kinds' | 'validUntil' | 'signedName' | 'agreed', string>>
  >({});
  const sign = useMutation({
    mutationFn: () =>
      recordsApi.signRelease(
        caseId,
        {
          providerId,
          kinds: kinds as KindOfDocument[],
          validUntil,
          signedName: signedName.trim(),
          agreed: true,
          language: language as (typeof productLocales)[number],
        },
        idempotencyKey,
      ),
    onSuccess: () => {
      setSignedName('');
      setAgreed(false);
      setIdempotencyKey(crypto.randomUUID());
      onSigned();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (kinds.length === 0) found.kinds = t('records.release.chooseKind');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) found.validUntil = t('records.release.chooseDate');
    if (signedName.trim().length === 0) found.signedName = t('records.release.typeName');
    if (!agreed) found.agreed = t('records.release.tick');
    setErrors(found);
    if (Object.keys(found).length === 0) sign.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="release-form-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="release-form-heading">
          {t('records.release.heading')}
        </Title>
        <Text size="sm">{t('records.release.intro')}</Text>
        <NativeSelect
          label={t('records.release.provider')}
          value={providerId}
          onChange={(event) => {
            setProviderId(event.currentTarget.value);
            setKinds(kindsAskedOf(event.currentTarget.value));
          }}
        >
          {providers.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.name}, {provider.institution}
            </option>
          ))}
        </NativeSelect>
        <Checkbox.Group
          label={t('records.release.kinds')}
          value={kinds}
          onChange={setKinds}
          error={errors.kinds}
        >
          <Stack gap={4} mt={4}>
            {recordKinds.map((kind) => (
              <Checkbox key={kind} value={kind} label={t(kindKey[kind])} />
            ))}
          </Stack>
        </Checkbox.Group>
        <TextInput
          type="date"
          label={t('records.release.validUntil')}
          value={validUntil}
          onChange={(event) => setValidUntil(event.currentTarget.value)}
          error={errors.validUntil}
          required
        />
        <NativeSelect
          label={t('records.release.language')}
          value={language}
          onChange={(event) => setLanguage(event.currentTarget.value)}
        >
          {productLocales.map((locale) => (
            <option key={locale} value={locale}>
              {languageName(locale, locale)}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          label={t('records.release.signedName')}
          description={t('records.release.signedNameHelp')}
          value={signedName}
          onChange={(event) => setSignedName(event.currentTarget.value)}
          error={errors.signedName}
          maxLength={160}
          autoComplete="name"
          required
        />
        <Checkbox
          label={t('records.release.agree')}
          checked={agreed}
          onChange={(event) => setAgreed(event.currentTarget.checked)}
          error={errors.agreed}
        />
        {sign.error && <ErrorNotice error={sign.error} />}
        {sign.isSuccess && (
          <Alert variant="light" role="status" title={t('records.release.doneTitle')}>
            {t('records.release.done')}
          </Alert>
        )}
        <Button type="submit" w="fit-content" loading={sign.isPending}>
          {t('records.release.submit')}
        </Button>
      </Stack>
    </form>
  );
}

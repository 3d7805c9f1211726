import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CaseDetail } from '../../../shared/cases';
import type { FacilityHit, FacilitySearch } from '../../../shared/facilities';
import { specialtyName, specialtyTaxonomy } from '../../../shared/specialty-taxonomy';
import { facilitiesApi, facilityKeys } from '../../api/facilities';
import { formatCalendarDate, formatNumber, languageName } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';

type Search = z.input<typeof FacilitySearch>;

interface Draft {
  service: string | null;
  language: string | null;
  radiusKm: number;
  directBilling: boolean;
  accredited: boolean;
  openNow: boolean;
}

const PAGE = 10;

const kindLabels = {
  hospital: 'cm.facilities.kind.hospital',
  clinic: 'cm.facilities.kind.clinic',
  diagnostic_centre: 'cm.facilities.kind.diagnostic_centre',
} as const;

/**
 * The facility finder in the case: facilities near the member's city, by service, language,
 * direct billing, accreditation and opening hours, each with why it ranks where it does.
 */
export function FacilitiesPanel({ kase }: { kase: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft>({
    service: null,
    language: kase.preferredLanguage,
    radiusKm: 50,
    directBilling: false,
    accredited: false,
    openNow: false,
  });
  const [search, setSearch] = useState<Search | null>(null);
  const found = useQuery({
    queryKey: search ? facilityKeys.search(search) : ['facility-searches', 'none'],
    queryFn: () => facilitiesApi.search(search!),
    enabled: search !== null,
  });
  const serviceOptions = useMemo(
    () =>
      specialtyTaxonomy.map((entry) => ({
        value: entry.code,
        label: specialtyName(entry.code, i18n.language) ?? entry.code,
      })),
    [i18n.language],
  );
  const languageOptions = useMemo(
    () =>
      [...new Set([kase.preferredLanguage, 'en', 'ar', 'es', 'fr', 'de', 'it', 'pt', 'zh-CN'])].map(
        (tag) => ({
          value: tag,
          label: languageName(tag, i18n.language),
        }),
      ),
    [kase.preferredLanguage, i18n.language],
  );

  const find = (event: FormEvent, limit = PAGE) => {
    event.preventDefault();
    setSearch({
      city: { country: kase.location.country, name: kase.location.city },
      radiusKm: draft.radiusKm,
      ...(draft.service ? { service: draft.service } : {}),
      ...(draft.language ? { languages: [draft.language] } : {}),
      ...(draft.directBilling ? { directBilling: true } : {}),
      ...(draft.accredited ? { accreditation: 'any' as const } : {}),
      ...(draft.openNow ? { openNow: true } : {}),
      limit,
    });
  };
  const hits = found.data?.items ?? [];

  return (
    <Stack gap="md">
      <form onSubmit={find} noValidate aria-labelledby="facilities-search">
        <Stack gap="sm">
          <Title order={4} size="h5" id="facilities-search">
            {t('cm.facilities.title')}
          </Title>
          <Text size="sm">{t('cm.facilities.intro', { city: kase.location.city })}</Text>
          <Group grow wrap="wrap" align="flex-start">
            <Select
              label={t('cm.facilities.service')}
              placeholder={t('cm.facilities.anyService')}
              data={serviceOptions}
              value={draft.service}
              onChange={(service) => setDraft((current) => ({ ...current, service }))}
              searchable
              clearable
              nothingFoundMessage={t('cm.facilities.noService')}
            />
            <Select
              label={t('cm.facilities.language')}
              placeholder={t('cm.facilities.anyLanguage')}
              data={languageOptions}
              value={draft.language}
              onChange={(language) => setDraft((current) => ({ ...current, language }))}
              clearable
            />
            <NumberInput
              label={t('cm.facilities.radius')}
              value={draft.radiusKm}
              min={1}
              max={1000}
              onChange={(value) =>
                setDraft((current) => ({
                  ...current,
                  radiusKm: Math.min(1000, Math.max(1, Number(value) || 50)),
                }))
              }
            />
          </Group>
          <Group wrap="wrap">
            <Checkbox
              label={t('cm.facilities.directBilling')}
              checked={draft.directBilling}
              onChange={(event) => {
                const directBilling = event.currentTarget.checked;
                setDraft((current) => ({ ...current, directBilling }));
              }}
            />
            <Checkbox
              label={t('cm.facilities.accredited')}
              checked={draft.accredited}
              onChange={(event) => {
                const accredited = event.currentTarget.checked;
                setDraft((current) => ({ ...current, accredited }));
              }}
            />
            <Checkbox
              label={t('cm.facilities.openNow')}
              checked={draft.openNow}
              onChange={(event) => {
                const openNow = event.currentTarget.checked;
                setDraft((current) => ({ ...current, openNow }));
              }}
            />
          </Group>
          <Button type="submit" variant="default" w="fit-content" loading={found.isFetching}>
            {t('cm.facilities.find')}
          </Button>
        </Stack>
      </form>
      <ErrorNotice error={found.error} />
      {found.data && (
        <section aria-labelledby="facilities-results">
          <Title order={4} size="h5" id="facilities-results">
            {t('cm.facilities.results', { count: hits.length })}
          </Title>
          {hits.length === 0 && <Text size="sm">{t('cm.facilities.none')}</Text>}
          <Stack gap="sm" component="ol" p={0} style={{ listStyle: 'none' }}>
            {hits.map((hit) => (
              <FacilityCard key={hit.facility.id} hit={hit} />
            ))}
          </Stack>
          {found.data.nextCursor && search && (
            <Button
              variant="subtle"
              mt="sm"
              onClick={(event) => find(event, Math.min(50, (search.limit ?? PAGE) + PAGE))}
              disabled={(search.limit ?? PAGE) >= 50}
            >
              {t('cm.facilities.more')}
            </Button>
          )}
        </section>
      )}
    </Stack>
  );
}

function FacilityCard({ hit }: { hit: FacilityHit }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { facility } = hit;
  const names = (tags: string[]) =>
    new Intl.ListFormat(locale, { type: 'conjunction' }).format(tags.map((tag) => languageName(tag, locale)));
  return (
    <Paper component="li" withBorder p="sm">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{facility.name}</Text>
          <Group gap="xs">
            <Badge variant="light">{t(kindLabels[facility.kind])}</Badge>
            <Badge variant="light" color={hit.openNow ? 'green' : 'gray'}>
              {hit.openNow ? t('cm.facilities.openNowBadge') : t('cm.facilities.closedNow')}
            </Badge>
          </Group>
        </Group>
        <Text size="sm">
          {facility.address}, {facility.city}
          {hit.distanceKm !== null &&
            ` · ${t('cm.facilities.distance', {
              km: formatNumber(hit.distanceKm, locale, { maximumFractionDigits: 1 }),
            })}`}
        </Text>
        <Text size="sm">{t('cm.facilities.speaks', { languages: names(facility.languages) })}</Text>
        <Text size="sm">
          {facility.directBilling
            ? facility.directBillingSince
              ? t('cm.facilities.directBillingSince', {
                  date: formatCalendarDate(facility.directBillingSince, locale),
                })
              : t('cm.facilities.directBillingYes')
            : t('cm.facilities.noDirectBilling')}
          {facility.accreditations.length > 0 &&
            ` · ${t('cm.facilities.accreditations', { codes: facility.accreditations.join(', ') })}`}
        </Text>
        <Text size="sm">
          {t('cm.facilities.services', {
            services: facility.services.map((code) => specialtyName(code, locale) ?? code).join(', '),
          })}
        </Text>
        {facility.phone && (
          <Text size="sm">
            {t('cm.facilities.phone')}{' '}
            <Anchor href={`tel:${facility.phone.e164}`} dir="ltr">
              {facility.phone.international}
            </Anchor>
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('cm.facilities.score', { score: formatNumber(hit.score, locale, { maximumFractionDigits: 2 }) })}
        </Text>
      </Stack>
    </Paper>
  );
}

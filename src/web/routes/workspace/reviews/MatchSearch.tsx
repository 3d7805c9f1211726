import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import { specialtyName, specialtyTaxonomy } from '../../../../shared/specialty-taxonomy';
import { matchBody, staffApi, staffKeys, type MatchSearch } from '../../../api/staff';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { countryOptions } from '../../../features/requests/places';
import { useFormCheck } from '../../../app/formCheck';
import { staffWords } from '../../../features/staff/fieldWords';
import { reviewRules } from './reviewRules';

const emptySearch = (kase: CaseDetail): MatchSearch => ({
  condition: '',
  specialty: [],
  languages: [kase.preferredLanguage],
  regions: [],
  urgency: 'routine',
  nearby: false,
  includeFull: false,
  limit: 10,
});

/** The network's matches for a case, once a search is given. */
export function useMatches(caseId: string, search: MatchSearch | null) {
  return useQuery({
    queryKey: search ? staffKeys.matches(caseId, search) : ['case', caseId, 'specialist-matches', 'none'],
    queryFn: () => staffApi.specialistMatches(caseId, search!),
    enabled: search !== null,
  });
}

/**
 * The search of the network for a case (condition, specialties, languages, countries, urgency),
 * used to choose the panel of a new review and to fill a place a panel was left short of.
 */
export function MatchSearchForm({
  kase,
  idPrefix,
  heading,
  headingOrder,
  searching,
  onSearch,
}: {
  kase: CaseDetail;
  idPrefix: string;
  heading: string;
  headingOrder: 4 | 5;
  searching: boolean;
  onSearch: (search: MatchSearch) => void;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<MatchSearch>(() => emptySearch(kase));
  const [rulesError, setRulesError] = useState<unknown>(null);
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, {
    words: staffWords(t, (issue, path) =>
      path[0] !== 'condition'
        ? undefined
        : draft.condition.trim()
          ? t('cm.match.conditionCode')
          : t('cm.match.needConditionOrSpecialty'),
    ),
    fieldOf: (path) => path.split('.')[0] ?? path,
  });
  const specialtyOptions = useMemo(
    () =>
      specialtyTaxonomy.map((entry) => ({
        value: entry.code,
        label: specialtyName(entry.code, i18n.language) ?? entry.code,
      })),
    [i18n.language],
  );
  const regionOptions = useMemo(() => countryOptions(i18n.language), [i18n.language]);

  // The search is checked as the server checks its body, so that a code it would refuse is said here.
  const find = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await reviewRules.load().catch((error: unknown) => void setRulesError(error));
    if (rules && fields.check(rules.SpecialistMatchSearch, matchBody(draft))) onSearch({ ...draft });
  };

  return (
    <form
      ref={form}
      onSubmit={(event) => void find(event)}
      onFocus={reviewRules.warm}
      noValidate
      aria-labelledby={`${idPrefix}-search`}
    >
      <Stack gap="sm">
        <Title order={headingOrder} size="h5" id={`${idPrefix}-search`}>
          {heading}
        </Title>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('cm.match.condition')}
            description={t('cm.match.conditionHelp')}
            value={draft.condition}
            maxLength={10}
            onChange={(event) => {
              const condition = event.currentTarget.value;
              setDraft((current) => ({ ...current, condition }));
            }}
            error={fields.errors.condition}
          />
          <MultiSelect
            label={t('cm.match.specialties')}
            description={t('cm.match.specialtiesHelp')}
            data={specialtyOptions}
            value={draft.specialty}
            onChange={(specialty) => setDraft((current) => ({ ...current, specialty }))}
            searchable
            maxValues={10}
            nothingFoundMessage={t('cm.match.noSpecialty')}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('cm.match.languages')}
            description={t('cm.match.languagesHelp')}
            value={draft.languages.join(', ')}
            onChange={(event) => {
              const languages = event.currentTarget.value
                .split(',')
                .map((tag) => tag.trim())
                .filter(Boolean);
              setDraft((current) => ({ ...current, languages }));
            }}
            error={fields.errors.languages}
          />
          <MultiSelect
            label={t('cm.match.regions')}
            description={t('cm.match.regionsHelp')}
            data={regionOptions}
            value={draft.regions}
            onChange={(regions) => setDraft((current) => ({ ...current, regions }))}
            searchable
            maxValues={20}
          />
        </Group>
        <Group wrap="wrap" align="flex-end">
          <NativeSelect
            label={t('cm.match.urgency')}
            value={draft.urgency}
            onChange={(event) => {
              const urgency = event.currentTarget.value === 'urgent' ? 'urgent' : 'routine';
              setDraft((current) => ({ ...current, urgency }));
            }}
            data={[
              { value: 'routine', label: t('cm.match.urgency.routine') },
              { value: 'urgent', label: t('cm.match.urgency.urgent') },
            ]}
          />
          <NumberInput
            label={t('cm.match.limit')}
            value={draft.limit}
            min={1}
            max={50}
            w={140}
            onChange={(value) =>
              setDraft((current) => ({
                ...current,
                limit: Math.min(50, Math.max(1, Number(value) || 10)),
              }))
            }
          />
          <Checkbox
            label={t('cm.match.nearby')}
            checked={draft.nearby}
            onChange={(event) => {
              const nearby = event.currentTarget.checked;
              setDraft((current) => ({ ...current, nearby }));
            }}
          />
          <Checkbox
            label={t('cm.match.includeFull')}
            checked={draft.includeFull}
            onChange={(event) => {
              const includeFull = event.currentTarget.checked;
              setDraft((current) => ({ ...current, includeFull }));
            }}
          />
        </Group>
        <ErrorNotice error={rulesError} />
        <Button type="submit" variant="default" w="fit-content" loading={searching}>
          {t('cm.match.find')}
        </Button>
      </Stack>
    </form>
  );
}

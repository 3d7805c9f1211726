import { Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Specialist } from '../../../shared/specialists';
import { staffApi, staffKeys } from '../../api/staff';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * A specialist's account is their review desk, made for one record of the network: operations
 * look the record up by name or licence number and choose it. A record that has a desk account
 * already is shown but cannot be chosen.
 */
export function NetworkRecordPicker({
  value,
  onChange,
  error,
}: {
  value: Specialist | null;
  onChange: (record: Specialist) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const resultsId = useId();
  const found = useQuery({
    queryKey: staffKeys.specialistSearch(search),
    queryFn: () => staffApi.searchSpecialists(search),
    enabled: search.length >= 2,
  });
  const find = () => setSearch(typed.trim());
  const listed = (found.data?.items.length ?? 0) > 0 || value !== null;
  return (
    <Stack gap="xs">
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('ops.staff.recordSearch')}
          description={t('ops.staff.recordSearchHelp')}
          value={typed}
          minLength={2}
          onChange={(e) => setTyped(e.currentTarget.value)}
          onKeyDown={(event) => {
            // Enter looks the record up here instead of submitting the account's form.
            if (event.key === 'Enter') {
              event.preventDefault();
              find();
            }
          }}
          aria-controls={resultsId}
          // Until there is a list to choose from, what is missing is said here, where the search starts.
          error={listed ? undefined : error}
        />
        <Button variant="default" onClick={find} loading={found.isFetching}>
          {t('ops.staff.recordFind')}
        </Button>
      </Group>
      {found.error && <ErrorNotice error={found.error} />}
      <div id={resultsId} aria-live="polite">
        {found.data && found.data.items.length === 0 && <Text size="sm">{t('ops.staff.recordNone')}</Text>}
        {listed && (
          <Radio.Group
            label={t('ops.staff.record')}
            value={value?.id ?? null}
            error={error}
            required
            onChange={(id) => {
              const chosen = found.data?.items.find((record) => record.id === id);
              if (chosen) onChange(chosen);
            }}
          >
            <Stack gap={6} mt={4}>
              {value && !found.data?.items.some((record) => record.id === value.id) && (
                <RecordOption record={value} />
              )}
              {found.data?.items.map((record) => (
                <RecordOption key={record.id} record={record} />
              ))}
            </Stack>
          </Radio.Group>
        )}
      </div>
    </Stack>
  );
}

function RecordOption({ record }: { record: Specialist }) {
  const { t } = useTranslation();
  const licences = record.licences.map((licence) => `${licence.country} ${licence.number}`).join(', ');
  return (
    <Radio
      value={record.id}
      disabled={record.userId !== null}
      label={t('ops.staff.recordOption', {
        name: [record.title, record.name].filter(Boolean).join(' '),
        city: record.city,
        country: record.country,
      })}
      description={
        record.userId !== null
          ? t('ops.staff.recordHasAccount')
          : t('ops.staff.recordLicences', { licences: licences || '—' })
      }
    />
  );
}

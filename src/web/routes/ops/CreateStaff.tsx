import {
  Alert,
  Button,
  Code,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffCreation, staffRoles, type StaffRole } from '../../../shared/identity';
import type { Specialist } from '../../../shared/specialists';
import { staffApi, staffKeys } from '../../api/staff';
import { useFormCheck } from '../../app/formCheck';
import { staffWords } from '../../features/staff/fieldWords';
import { WriteError } from '../../features/staff/WriteError';
import { NetworkRecordPicker } from './NetworkRecordPicker';
import { roleKey, workFactsBody, WorkFields, type WorkFacts } from './staffFields';

export function CreateStaff() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('case_manager');
  const [facts, setFacts] = useState<WorkFacts>({ languages: 'en', timeZone: 'UTC', max: 40 });
  const changeFacts = (change: Partial<WorkFacts>) => setFacts((current) => ({ ...current, ...change }));
  const [record, setRecord] = useState<Specialist | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, {
    words: staffWords(t, (_, path) =>
      path[0] === 'specialistId' ? t('ops.staff.recordRequired') : undefined,
    ),
    // Each field shows its own problems: the languages typed in one box, for instance.
    fieldOf: (path) => path.split('.')[0] ?? path,
  });
  const body = () => ({
    name,
    email,
    role,
    ...workFactsBody(facts),
    ...(role === 'specialist' && record ? { specialistId: record.id } : {}),
  });
  const create = useMutation({
    mutationFn: () => staffApi.createStaff(body()),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: staffKeys.staff });
      // The record now has its desk account: a new search shows it taken.
      void client.invalidateQueries({ queryKey: ['specialists'] });
      setRecord(null);
    },
    onError: fields.refused,
  });
  const chooseRecord = (chosen: Specialist) => {
    setRecord(chosen);
    fields.clear();
    if (!name.trim()) setName([chosen.title, chosen.name].filter(Boolean).join(' '));
    if (chosen.languages.length > 0) changeFacts({ languages: chosen.languages.join(', ') });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="create-staff">
      <Title order={2} size="h3" id="create-staff" mb="sm">
        {t('ops.staff.create')}
      </Title>
      <form
        ref={form}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (fields.check(StaffCreation, body())) create.mutate();
        }}
      >
        <Stack gap="sm">
          <Group grow wrap="wrap" align="flex-start">
            <TextInput
              label={t('ops.workload.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              error={fields.errors.name}
            />
            <TextInput
              label={t('field.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              required
              error={fields.errors.email}
            />
            <NativeSelect
              label={t('ops.staff.role')}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as StaffRole)}
              data={staffRoles
                .filter((value) => value !== 'employer_admin')
                .map((value) => ({ value, label: t(roleKey[value]) }))}
            />
          </Group>
          {role === 'specialist' && (
            <Paper withBorder p="sm" component="fieldset">
              <Text component="legend" fw={600} px={4}>
                {t('ops.staff.record')}
              </Text>
              <Text size="sm" mb="xs">
                {t('ops.staff.recordHelp')}
              </Text>
              <NetworkRecordPicker
                value={record}
                onChange={chooseRecord}
                error={fields.errors.specialistId}
              />
            </Paper>
          )}
          <WorkFields facts={facts} errors={fields.errors} onChange={changeFacts} />
          <WriteError error={create.error} />
          {create.data && (
            <Alert color="brand" role="status" title={t('ops.staff.created')}>
              <Text size="sm">{t('ops.staff.temporaryPassword')}</Text>
              <Code dir="ltr">{create.data.temporaryPassword}</Code>
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('ops.staff.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

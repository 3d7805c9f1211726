import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  StaffAbsenceCreation,
  StaffCreation,
  staffRoles,
  StaffUpdate,
  type StaffMemberDetail,
  type StaffRole,
  type WeeklyShift,
} from '../../../shared/identity';
import type { Specialist } from '../../../shared/specialists';
import { staffApi, staffKeys } from '../../api/staff';
import { formatMoment, formatNumber, languageName } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { inputNumber, useFormCheck } from '../../app/formCheck';
import { staffWords } from '../../features/staff/fieldWords';
import { WriteError } from '../../features/staff/WriteError';
import { wallTimeToIso } from '../../app/wallClock';
import { NetworkRecordPicker } from './NetworkRecordPicker';

const roleKey = {
  case_manager: 'ops.role.case_manager',
  specialist: 'ops.role.specialist',
  ops: 'ops.role.ops',
  employer_admin: 'ops.role.employer_admin',
  privacy_officer: 'ops.role.privacy_officer',
} as const satisfies Record<StaffRole, string>;

const dayKey = ['cm.day.0', 'cm.day.1', 'cm.day.2', 'cm.day.3', 'cm.day.4', 'cm.day.5', 'cm.day.6'] as const;

/** "es, en" → ["es", "en"]: the languages a person works in, as BCP 47 tags. */
const parseLanguages = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((tag) => tag.trim())
    .filter(Boolean);

const minutesOf = (time: string) => {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
};

/** The hours a week a person's shifts add up to. */
const weeklyHours = (shifts: readonly WeeklyShift[]) =>
  shifts.reduce((total, shift) => total + Math.max(0, minutesOf(shift.end) - minutesOf(shift.start)), 0) / 60;

/** `/ops/staff`: who works here, in which languages, when, how many cases they may hold, and when they are away. */
export function StaffPage() {
  const { t, i18n } = useTranslation();
  const staff = useQuery({ queryKey: staffKeys.staff, queryFn: staffApi.staff });
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Stack gap="lg">
      <PageHeading>{t('ops.staff.title')}</PageHeading>
      <Anchor component={Link} to="/ops">
        {t('ops.nav.dashboard')}
      </Anchor>
      {staff.isPending && <Loading />}
      {staff.error && <ErrorNotice error={staff.error} />}
      {staff.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={t('ops.staff.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ops.workload.name')}</Table.Th>
                <Table.Th>{t('ops.staff.role')}</Table.Th>
                <Table.Th>{t('ops.staff.languages')}</Table.Th>
                <Table.Th>{t('ops.staff.weeklyHours')}</Table.Th>
                <Table.Th>{t('ops.workload.max')}</Table.Th>
                <Table.Th>{t('cm.records.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.data.items.map((person) => (
                <Table.Tr key={person.id}>
                  <Table.Td>
                    {person.name}
                    <Text size="xs" c="dimmed" dir="ltr">
                      {person.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {t(person.role in roleKey ? roleKey[person.role as StaffRole] : 'ops.role.ops')}
                  </Table.Td>
                  <Table.Td>
                    {person.languages.map((tag) => languageName(tag, i18n.language)).join(', ')}
                  </Table.Td>
                  <Table.Td>
                    {formatNumber(weeklyHours(person.weeklyShifts), i18n.language, {
                      maximumFractionDigits: 1,
                    })}
                  </Table.Td>
                  <Table.Td>{formatNumber(person.maxOpenCases, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setEditing(person.id)}>
                      {t('ops.staff.edit', { name: person.name })}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <StaffEditor key={editing} userId={editing} onDone={() => setEditing(null)} />}
      <CreateStaff />
    </Stack>
  );
}

function CreateStaff() {
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

interface WorkFacts {
  /** As typed: tags separated by commas. */
  languages: string;
  timeZone: string;
  /** The NumberInput's value: empty while nothing is typed. */
  max: number | string;
}

/** What the request says of them. */
const workFactsBody = (facts: WorkFacts) => ({
  languages: parseLanguages(facts.languages),
  timeZone: facts.timeZone,
  maxOpenCases: inputNumber(facts.max),
});

/** The languages a person works in, their time zone and how many cases they may hold: at creation and later. */
function WorkFields({
  facts,
  errors,
  onChange,
}: {
  facts: WorkFacts;
  errors: Record<string, string>;
  onChange: (change: Partial<WorkFacts>) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group grow wrap="wrap" align="flex-start">
      <TextInput
        label={t('ops.staff.languages')}
        description={t('ops.staff.languagesHelp')}
        value={facts.languages}
        onChange={(e) => onChange({ languages: e.currentTarget.value })}
        required
        error={errors.languages}
      />
      <TextInput
        label={t('ops.staff.timeZone')}
        description={t('ops.staff.timeZoneHelp')}
        value={facts.timeZone}
        onChange={(e) => onChange({ timeZone: e.currentTarget.value })}
        required
        error={errors.timeZone}
      />
      <NumberInput
        label={t('ops.workload.max')}
        min={0}
        max={500}
        value={facts.max}
        onChange={(max) => onChange({ max })}
        error={errors.maxOpenCases}
      />
    </Group>
  );
}

/** One person's working facts and absences; every change sends the version it was based on. */
function StaffEditor({ userId, onDone }: { userId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const person = useQuery({
    queryKey: staffKeys.staffMember(userId),
    queryFn: () => staffApi.staffMember(userId),
  });
  if (person.isPending) return <Loading />;
  if (person.error) return <ErrorNotice error={person.error} />;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="edit-staff">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="edit-staff">
          {person.data.name}
        </Title>
        <Button variant="default" size="xs" onClick={onDone}>
          {t('ops.staff.done')}
        </Button>
      </Group>
      <WorkingFacts person={person.data} />
      <Absences person={person.data} />
    </Paper>
  );
}

function useStaffSaved(userId: string) {
  const client = useQueryClient();
  return (saved: StaffMemberDetail) => {
    client.setQueryData(staffKeys.staffMember(userId), saved);
    void client.invalidateQueries({ queryKey: staffKeys.staff, exact: true });
  };
}

function WorkingFacts({ person }: { person: StaffMemberDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const saved = useStaffSaved(person.id);
  const [facts, setFacts] = useState<WorkFacts>({
    languages: person.languages.join(', '),
    timeZone: person.timeZone,
    max: person.maxOpenCases,
  });
  const [shifts, setShifts] = useState<WeeklyShift[]>(person.weeklyShifts);
  const [done, setDone] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, {
    words: staffWords(t),
    fieldOf: (path) => (path.startsWith('languages') ? 'languages' : path),
  });
  const body = () => ({
    version: person.version,
    ...workFactsBody(facts),
    weeklyShifts: shifts,
  });
  const update = useMutation({
    mutationFn: () => staffApi.updateStaff(person.id, body()),
    onSuccess: (result) => {
      saved(result);
      setDone(true);
    },
    onError: (error) => {
      fields.refused(error);
      return client.invalidateQueries({ queryKey: staffKeys.staffMember(person.id) });
    },
  });
  const setShift = (index: number, change: Partial<WeeklyShift>) =>
    setShifts((current) => current.map((shift, at) => (at === index ? { ...shift, ...change } : shift)));
  return (
    <form
      ref={form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setDone(false);
        if (fields.check(StaffUpdate, body())) update.mutate();
      }}
    >
      <Stack gap="sm">
        <WorkFields
          facts={facts}
          errors={fields.errors}
          onChange={(change) => setFacts((current) => ({ ...current, ...change }))}
        />
        <Title order={3} size="h5">
          {t('ops.staff.shifts')}
        </Title>
        {shifts.length === 0 && <Text size="sm">{t('ops.staff.noShifts')}</Text>}
        {shifts.map((shift, index) => (
          <Group key={index} align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('ops.staff.day')}
              value={String(shift.day)}
              onChange={(e) => setShift(index, { day: Number(e.currentTarget.value) })}
              data={dayKey.map((key, day) => ({ value: String(day), label: t(key) }))}
            />
            <TextInput
              type="time"
              label={t('ops.staff.from')}
              value={shift.start}
              onChange={(e) => setShift(index, { start: e.currentTarget.value })}
              error={fields.errors[`weeklyShifts.${index}.start`]}
            />
            <TextInput
              label={t('ops.staff.to')}
              description={t('ops.staff.toHelp')}
              value={shift.end}
              onChange={(e) => setShift(index, { end: e.currentTarget.value })}
              error={fields.errors[`weeklyShifts.${index}.end`]}
            />
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('ops.staff.removeShift', { day: t(dayKey[shift.day] ?? 'cm.day.0') })}
              onClick={() => setShifts((current) => current.filter((_, at) => at !== index))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() => setShifts((current) => [...current, { day: 1, start: '09:00', end: '17:00' }])}
          >
            {t('ops.staff.addShift')}
          </Button>
        </Group>
        <WriteError error={update.error} />
        {done && !update.error && (
          <Text role="status" fw={600} c="#2b6a30">
            {t('ops.staff.saved')}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('ops.staff.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Absences({ person }: { person: StaffMemberDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const myZone = me.data?.timeZone ?? 'UTC';
  const saved = useStaffSaved(person.id);
  const client = useQueryClient();
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, { words: staffWords(t) });
  const body = () => ({
    version: person.version,
    startsAt: wallTimeToIso(from, myZone) ?? '',
    endsAt: wallTimeToIso(until, myZone) ?? '',
    reason: reason.trim() || undefined,
  });
  const add = useMutation({
    mutationFn: () => staffApi.addAbsence(person.id, body()),
    onSuccess: (result) => {
      saved(result);
      setFrom('');
      setUntil('');
      setReason('');
    },
    onError: (error) => {
      fields.refused(error);
      return client.invalidateQueries({ queryKey: staffKeys.staffMember(person.id) });
    },
  });
  const remove = useMutation({
    mutationFn: (absenceId: string) => staffApi.removeAbsence(person.id, absenceId, person.version),
    onSuccess: saved,
    onError: () => client.invalidateQueries({ queryKey: staffKeys.staffMember(person.id) }),
  });
  return (
    <Stack gap="sm" mt="lg">
      <Title order={3} size="h5">
        {t('ops.staff.absences')}
      </Title>
      {person.absences.length === 0 && <Text size="sm">{t('ops.staff.noAbsences')}</Text>}
      <ul className="plain-list">
        {person.absences.map((absence) => (
          <li key={absence.id}>
            <Group gap="sm">
              <Text>
                {t('ops.staff.away', {
                  from: formatMoment(absence.startsAt, i18n.language, myZone),
                  until: formatMoment(absence.endsAt, i18n.language, myZone),
                })}
                {absence.reason ? ` · ${absence.reason}` : ''}
              </Text>
              <Button
                size="xs"
                variant="default"
                onClick={() => remove.mutate(absence.id)}
                loading={remove.isPending}
              >
                {t('ops.staff.removeAbsence')}
              </Button>
            </Group>
          </li>
        ))}
      </ul>
      <form
        ref={form}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (fields.check(StaffAbsenceCreation, body())) add.mutate();
        }}
      >
        <Stack gap="sm">
          <Group grow wrap="wrap" align="flex-start">
            <TextInput
              type="datetime-local"
              label={t('ops.staff.awayFrom')}
              description={t('cm.contact.whenHelp', { timeZone: myZone })}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              required
              error={fields.errors.startsAt}
            />
            <TextInput
              type="datetime-local"
              label={t('ops.staff.awayUntil')}
              value={until}
              onChange={(e) => setUntil(e.currentTarget.value)}
              required
              error={fields.errors.endsAt}
            />
            <TextInput
              label={t('ops.staff.awayReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={200}
              error={fields.errors.reason}
            />
          </Group>
          <WriteError error={add.error ?? remove.error} />
          <Group>
            <Button type="submit" variant="default" loading={add.isPending}>
              {t('ops.staff.addAbsence')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

export default StaffPage;

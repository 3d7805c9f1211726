import {
  ActionIcon,
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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  StaffAbsenceCreation,
  StaffUpdate,
  type StaffMemberDetail,
  type WeeklyShift,
} from '../../../shared/identity';
import { staffApi, staffKeys } from '../../api/staff';
import { formatMoment, zoneName } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useFormCheck } from '../../app/formCheck';
import { staffWords } from '../../features/staff/fieldWords';
import { WriteError } from '../../features/staff/WriteError';
import { wallTimeToIso } from '../../app/wallClock';
import { dayKey, workFactsBody, WorkFields, type WorkFacts } from './staffFields';

/** One person's working facts and absences; every change sends the version it was based on. */
export function StaffEditor({ userId, onDone }: { userId: string; onDone: () => void }) {
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
      <Password person={person.data} />
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
              description={t('cm.contact.whenHelp', { timeZone: zoneName(myZone, i18n.language) })}
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

/**
 * A staff member who lost their password gets a new temporary one from operations, shown here
 * once; their sessions end. Not for the operator's own account (they change theirs themselves).
 */
function Password({ person }: { person: StaffMemberDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const [confirming, setConfirming] = useState(false);
  const reset = useMutation({
    mutationFn: () => staffApi.resetStaffPassword(person.id),
    onSettled: () => setConfirming(false),
  });
  if (!me.data || me.data.id === person.id) return null;
  return (
    <Stack gap="sm" mt="lg">
      <Title order={3} size="h5">
        {t('ops.staff.password')}
      </Title>
      <Text size="sm">{t('ops.staff.passwordIntro')}</Text>
      {reset.data ? (
        <Alert color="brand" role="status" title={t('ops.staff.passwordReplaced')}>
          <Text size="sm">{t('ops.staff.newTemporaryPassword')}</Text>
          <Code dir="ltr">{reset.data.temporaryPassword}</Code>
        </Alert>
      ) : confirming ? (
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('ops.staff.resetConfirm', { name: person.name })}
          </Text>
          <Group>
            <Button color="#a51d1d" onClick={() => reset.mutate()} loading={reset.isPending} autoFocus>
              {t('ops.staff.resetConfirmButton')}
            </Button>
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('ops.staff.resetCancel')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group>
          <Button variant="default" onClick={() => setConfirming(true)}>
            {t('ops.staff.resetPassword')}
          </Button>
        </Group>
      )}
      <WriteError error={reset.error} />
    </Stack>
  );
}

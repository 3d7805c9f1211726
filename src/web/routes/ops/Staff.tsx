import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffRole, WeeklyShift } from '../../../shared/identity';
import { staffApi, staffKeys } from '../../api/staff';
import { formatNumber, languageName, listOf } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { roleKey } from './staffFields';
import { CreateStaff } from './CreateStaff';
import { StaffEditor } from './StaffEditor';

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
                    {listOf(
                      person.languages.map((tag) => languageName(tag, i18n.language)),
                      i18n.language,
                    )}
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

export default StaffPage;

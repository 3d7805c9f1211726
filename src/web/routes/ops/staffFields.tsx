/* What the staff page's two forms share (a new person, a person's working facts): labels and fields. */
import { Group, NumberInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StaffRole } from '../../../shared/identity';
import { inputNumber } from '../../app/formCheck';

export const roleKey = {
  case_manager: 'ops.role.case_manager',
  specialist: 'ops.role.specialist',
  ops: 'ops.role.ops',
  employer_admin: 'ops.role.employer_admin',
  privacy_officer: 'ops.role.privacy_officer',
  moderator: 'ops.role.moderator',
  cover_assessor: 'ops.role.cover_assessor',
} as const satisfies Record<StaffRole, string>;

export const dayKey = [
  'cm.day.0',
  'cm.day.1',
  'cm.day.2',
  'cm.day.3',
  'cm.day.4',
  'cm.day.5',
  'cm.day.6',
] as const;

/** "es, en" → ["es", "en"]: the languages a person works in, as BCP 47 tags. */
const parseLanguages = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((tag) => tag.trim())
    .filter(Boolean);

export interface WorkFacts {
  /** As typed: tags separated by commas. */
  languages: string;
  timeZone: string;
  /** The NumberInput's value: empty while nothing is typed. */
  max: number | string;
}

/** What the request says of them. */
export const workFactsBody = (facts: WorkFacts) => ({
  languages: parseLanguages(facts.languages),
  timeZone: facts.timeZone,
  maxOpenCases: inputNumber(facts.max),
});

/** The languages a person works in, their time zone and how many cases they may hold: at creation and later. */
export function WorkFields({
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

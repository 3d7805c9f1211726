import { Badge, Checkbox, Group, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SpecialistMatch } from '../../../../shared/specialists';
import { specialtyName } from '../../../../shared/specialty-taxonomy';
import { listOf, regionName } from '../../../app/format';
import { MAX_PANEL } from './reviewRules';
import { factorKey, describeReason, languageNames, displayName } from './labels';

/**
 * The network's matches, best first, each with why it ranks where it does: ticked for a new
 * panel (up to its size), or, `single`, one chosen with a radio button for a free place. Those
 * without a review desk, and the `unavailable` (already asked), cannot be chosen.
 */
export function MatchList({
  idPrefix,
  headingOrder,
  matches,
  chosen,
  onToggle,
  single = false,
  unavailable,
  error,
}: {
  idPrefix: string;
  headingOrder: 4 | 5;
  matches: SpecialistMatch[];
  chosen: string[];
  onToggle: (id: string, on: boolean) => void;
  single?: boolean;
  unavailable?: ReadonlySet<string>;
  error: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  if (matches.length === 0) return <Text role="status">{t('cm.match.none')}</Text>;
  const headingId = `${idPrefix}-match-results`;
  const errorId = `${idPrefix}-match-error`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={headingOrder} size="h5" id={headingId}>
        {t('cm.match.results', { count: matches.length })}
      </Title>
      <Text size="sm">{single ? t('cm.review.freePlace.pick') : t('cm.match.pick', { max: MAX_PANEL })}</Text>
      {error && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert" id={errorId}>
          {error}
        </Text>
      )}
      <div
        {...(single && {
          role: 'radiogroup',
          'aria-labelledby': headingId,
          'aria-describedby': error ? errorId : undefined,
          'aria-invalid': error ? true : undefined,
        })}
      >
        <Stack component="ol" gap="sm" className="plain-list">
          {matches.map((match, rank) => {
            const { specialist } = match;
            const picked = chosen.includes(specialist.id);
            const name = displayName(specialist);
            const asked = unavailable?.has(specialist.id) ?? false;
            const why = !specialist.reviewDesk
              ? t('cm.match.noDesk')
              : asked
                ? t('cm.match.alreadyAsked')
                : undefined;
            return (
              <Paper component="li" withBorder p="sm" key={specialist.id} data-specialist={specialist.id}>
                <Stack gap={6}>
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    {single ? (
                      <Radio
                        name={`${idPrefix}-choice`}
                        value={specialist.id}
                        label={t('cm.match.chooseOne', { rank: rank + 1, name })}
                        checked={picked}
                        disabled={!picked && (asked || !specialist.reviewDesk)}
                        description={why}
                        onChange={(event) => onToggle(specialist.id, event.currentTarget.checked)}
                      />
                    ) : (
                      <Checkbox
                        label={t('cm.match.choose', { rank: rank + 1, name })}
                        checked={picked}
                        disabled={!picked && (chosen.length >= MAX_PANEL || asked || !specialist.reviewDesk)}
                        description={why}
                        onChange={(event) => onToggle(specialist.id, event.currentTarget.checked)}
                        aria-invalid={error ? true : undefined}
                      />
                    )}
                    <Badge variant="filled" color="brand.9">
                      {t('cm.match.score', { score: Math.round(match.score) })}
                    </Badge>
                  </Group>
                  <Text size="sm">
                    {[
                      specialist.institution,
                      `${specialist.city}, ${regionName(specialist.country, i18n.language)}`,
                      languageNames(specialist.languages, i18n.language),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                  <Text size="sm">
                    {listOf(
                      [...specialist.specialtyCodes, ...specialist.subspecialtyCodes].map(
                        (code) => specialtyName(code, i18n.language) ?? code,
                      ),
                      i18n.language,
                    )}
                  </Text>
                  <details>
                    <summary>{t('cm.match.why')}</summary>
                    <Table mt="xs" withTableBorder>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th scope="col">{t('cm.match.factor')}</Table.Th>
                          <Table.Th scope="col">{t('cm.match.points')}</Table.Th>
                          <Table.Th scope="col">{t('cm.match.reason')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {match.factors.map((factor) => (
                          <Table.Tr key={factor.factor}>
                            <Table.Th scope="row">{t(factorKey[factor.factor])}</Table.Th>
                            <Table.Td>
                              {t('cm.match.pointsOf', { points: factor.points, max: factor.maxPoints })}
                            </Table.Td>
                            <Table.Td>{describeReason(factor.reason, t)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </details>
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      </div>
    </Stack>
  );
}

import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HubRow, PublishedCount } from '../../../shared/employers';
import { formatNumber } from '../../app/format';

/**
 * One published count: the number, or words that say it is hidden. Screen readers read the same
 * words as everyone sees; nothing is conveyed by colour or a symbol alone.
 */
export function CountCell({ cell }: { cell: PublishedCount }) {
  const { t, i18n } = useTranslation();
  if (cell.kind === 'count') return <>{formatNumber(cell.value, i18n.language)}</>;
  return (
    <Text component="span" fs="italic" data-hidden-count={cell.kind}>
      {cell.kind === 'fewer_than_5' ? t('employers.cell.fewerThan5') : t('employers.cell.withheld')}
    </Text>
  );
}

export interface FigureRow {
  label: string;
  row: HubRow;
}

/** A table of rows (months, outcomes) by the groups of the breakdown, with each row's total. */
export function FiguresTable({
  caption,
  rowHeading,
  groups,
  rows,
  testId,
}: {
  caption: string;
  rowHeading: string;
  groups: string[];
  rows: FigureRow[];
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table withTableBorder striped data-testid={testId}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{rowHeading}</Table.Th>
            {groups.map((group) => (
              <Table.Th scope="col" key={group}>
                {group}
              </Table.Th>
            ))}
            <Table.Th scope="col">{t('employers.table.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ label, row }) => (
            <Table.Tr key={label}>
              <Table.Th scope="row">{label}</Table.Th>
              {row.byGroup.map((cell, index) => (
                <Table.Td key={groups[index] ?? index}>
                  <CountCell cell={cell} />
                </Table.Td>
              ))}
              <Table.Td>
                <CountCell cell={row.total} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

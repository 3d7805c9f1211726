import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Share } from '../../../shared/outcomes';
import { formatNumber } from '../../app/format';

export interface ShareSeries {
  key: string;
  name: string;
  colour: string;
}

export interface ShareRow {
  label: string;
  /** One share per series key. */
  shares: Record<string, Share>;
}

/**
 * Bars of shares with their 95 % intervals as whiskers (recharts, loaded with the operations pages
 * only). The chart is an image with a text alternative; the same figures are in a table beside it.
 */
export function ShareChart({
  rows,
  series,
  label,
  rtl,
  locale,
}: {
  rows: ShareRow[];
  series: ShareSeries[];
  label: string;
  rtl: boolean;
  locale: string;
}) {
  const tick = { fill: '#212529', fontSize: 12 };
  const percent = (value: unknown) =>
    typeof value === 'number'
      ? formatNumber(value, locale, { style: 'percent', maximumFractionDigits: 1 })
      : String(value);
  // Each bar's value and, for its whisker, how far the interval reaches below and above it.
  const data = rows.map((row) => {
    const entry: Record<string, string | number | [number, number]> = { label: row.label };
    for (const { key } of series) {
      const share = row.shares[key];
      if (!share || share.share === null) continue;
      entry[key] = share.share;
      entry[`${key}Interval`] = [
        share.share - (share.low ?? share.share),
        (share.high ?? share.share) - share.share,
      ];
    }
    return entry;
  });
  return (
    <div role="img" aria-label={label} className="chart">
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ced4da" />
          <XAxis dataKey="label" reversed={rtl} tick={tick} interval={0} />
          <YAxis domain={[0, 1]} orientation={rtl ? 'right' : 'left'} tick={tick} tickFormatter={percent} />
          <Tooltip formatter={percent} itemStyle={{ color: '#212529' }} />
          <Legend />
          {series.map((entry) => (
            <Bar
              key={entry.key}
              dataKey={entry.key}
              name={entry.name}
              fill={entry.colour}
              isAnimationActive={false}
            >
              <ErrorBar
                dataKey={`${entry.key}Interval`}
                width={6}
                strokeWidth={2}
                stroke="#212529"
                direction="y"
              />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

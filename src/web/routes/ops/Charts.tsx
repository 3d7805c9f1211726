import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../app/format';

/**
 * Bar charts for the dashboard (recharts, loaded with the operations pages only). Each chart is
 * an image with a text alternative; the same figures are in a table beside it.
 */
export function Bars({
  data,
  bars,
  label,
  rtl,
  locale,
  sideways = false,
}: {
  data: Record<string, string | number>[];
  bars: { key: string; name: string; colour: string }[];
  label: string;
  rtl: boolean;
  /** The reader's language: axis ticks and counts are written its way. */
  locale: string;
  /** Bars drawn across, for many categories with long names. */
  sideways?: boolean;
}) {
  const tick = { fill: '#212529', fontSize: 12 };
  const count = (value: unknown) => (typeof value === 'number' ? formatNumber(value, locale) : String(value));
  return (
    <div role="img" aria-label={label} className="chart">
      <ResponsiveContainer width="100%" height={sideways ? Math.max(200, data.length * 34) : 260}>
        <BarChart
          data={data}
          layout={sideways ? 'vertical' : 'horizontal'}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#ced4da" />
          {sideways ? (
            <>
              <XAxis type="number" allowDecimals={false} reversed={rtl} tick={tick} tickFormatter={count} />
              <YAxis
                type="category"
                dataKey="label"
                width={150}
                orientation={rtl ? 'right' : 'left'}
                tick={tick}
                interval={0}
              />
            </>
          ) : (
            <>
              <XAxis dataKey="label" reversed={rtl} tick={tick} interval={0} />
              <YAxis
                allowDecimals={false}
                orientation={rtl ? 'right' : 'left'}
                tick={tick}
                tickFormatter={count}
              />
            </>
          )}
          <Tooltip formatter={count} />
          {bars.length > 1 && <Legend />}
          {bars.map((bar) => (
            <Bar
              key={bar.key}
              dataKey={bar.key}
              name={bar.name}
              fill={bar.colour}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

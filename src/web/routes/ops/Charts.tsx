import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/**
 * Bar charts for the dashboard (recharts, loaded with the operations pages only). Each chart is
 * an image with a text alternative; the same figures are in a table beside it.
 */
export function Bars({
  data,
  bars,
  label,
  rtl,
  sideways = false,
}: {
  data: Record<string, string | number>[];
  bars: { key: string; name: string; colour: string }[];
  label: string;
  rtl: boolean;
  /** Bars drawn across, for many categories with long names. */
  sideways?: boolean;
}) {
  const tick = { fill: '#212529', fontSize: 12 };
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
              <XAxis type="number" allowDecimals={false} reversed={rtl} tick={tick} />
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
              <YAxis allowDecimals={false} orientation={rtl ? 'right' : 'left'} tick={tick} />
            </>
          )}
          <Tooltip />
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

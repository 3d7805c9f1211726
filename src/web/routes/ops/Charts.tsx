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
}: {
  data: Record<string, string | number>[];
  bars: { key: string; name: string; colour: string }[];
  label: string;
  rtl: boolean;
}) {
  return (
    <div role="img" aria-label={label} className="chart">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ced4da" />
          <XAxis dataKey="label" reversed={rtl} tick={{ fill: '#212529', fontSize: 12 }} interval={0} />
          <YAxis allowDecimals={false} orientation={rtl ? 'right' : 'left'} tick={{ fill: '#212529' }} />
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

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/**
 * A figure for each hour of the week (Monday 00:00 UTC first), as an area: an image with a text
 * alternative, the same figures in a table beside it (HourOfWeekTable).
 */
export function HourOfWeekChart({
  values,
  label,
  dayNames,
  rtl,
  format,
  domain,
}: {
  values: (number | null)[];
  label: string;
  dayNames: string[];
  rtl: boolean;
  format: (value: number) => string;
  domain?: [number, number];
}) {
  const tick = { fill: '#212529', fontSize: 12 };
  const data = values.map((value, hour) => ({ hour, value }));
  return (
    <div role="img" aria-label={label} className="chart">
      <ResponsiveContainer width="100%" height={220}>
        <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ced4da" />
          <XAxis
            dataKey="hour"
            type="number"
            domain={[0, 167]}
            ticks={[0, 24, 48, 72, 96, 120, 144]}
            tickFormatter={(hour: number) => dayNames[Math.floor(hour / 24)] ?? ''}
            reversed={rtl}
            tick={tick}
          />
          <YAxis
            orientation={rtl ? 'right' : 'left'}
            tick={tick}
            tickFormatter={format}
            {...(domain ? { domain } : {})}
          />
          <Tooltip
            formatter={(value: unknown) => (typeof value === 'number' ? format(value) : '–')}
            labelFormatter={(hour: unknown) =>
              typeof hour === 'number'
                ? `${dayNames[Math.floor(hour / 24)]} ${String(hour % 24).padStart(2, '0')}:00 UTC`
                : ''
            }
          />
          <Area
            type="stepAfter"
            dataKey="value"
            stroke="#1864ab"
            fill="#a5d8ff"
            connectNulls={false}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}

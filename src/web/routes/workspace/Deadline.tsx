import { Badge, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { staffApi } from '../../api/staff';
import { remaining, standingOf, type Standing } from './deadline';

/** The thresholds the server's clocks use; until they arrive, the default of six hours. */
export function useWarningHours(): number {
  const settings = useQuery({
    queryKey: ['sla-settings'],
    queryFn: staffApi.slaSettings,
    staleTime: 60 * 60_000,
  });
  return settings.data?.warningHoursBefore ?? 6;
}

const standingKey = {
  on_track: 'cm.standing.on_track',
  at_risk: 'cm.standing.at_risk',
  breached: 'cm.standing.breached',
  contacted: 'cm.standing.contacted',
} as const satisfies Record<Standing, string>;

/** Dark enough for white text at AA (4.5:1); the words carry the meaning, the colour repeats it. */
const standingColour: Record<Standing, string> = {
  on_track: '#2b6a30',
  at_risk: '#8a4b00',
  breached: '#b3261e',
  contacted: '#495057',
};

/** The 24-hour promise of one case: its standing in words and colour, and the time left or overdue. */
export function Deadline({
  kase,
  now,
  warningHours,
}: {
  kase: { firstContactDueAt: string; firstContactedAt: string | null };
  now: number;
  warningHours: number;
}) {
  const { t } = useTranslation();
  const standing = standingOf(kase, now, warningHours);
  const left = remaining(kase.firstContactDueAt, now);
  return (
    <Group gap="xs" wrap="nowrap">
      <Badge color={standingColour[standing]} variant="filled" data-standing={standing}>
        {t(standingKey[standing])}
      </Badge>
      {standing !== 'contacted' && (
        <Text size="sm" className="countdown" component="span">
          {t(left.overdue ? 'cm.deadline.overdueBy' : 'cm.deadline.left', {
            hours: left.hours,
            minutes: left.minutes,
            seconds: left.seconds,
          })}
        </Text>
      )}
    </Group>
  );
}

/** The browser's clock: the one place the workspace reads it (the server's rule is ctx.clock). */
// eslint-disable-next-line no-restricted-syntax
const browserNow = () => Date.now();

/** The current time, re-read every `everyMs`: a countdown that moves without asking the server. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(browserNow);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(browserNow()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

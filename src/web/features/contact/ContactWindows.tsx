import { Button, Checkbox, Group, Paper, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContactWindowDraft } from './ContactTimes';

/** Monday first, as most of the world's calendars; 0 = Sunday as the API counts. */
const weekDays = [1, 2, 3, 4, 5, 6, 0];

function dayName(day: number, locale: string): string {
  // 2026-01-04 was a Sunday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 0, 4 + day)),
  );
}

/**
 * The editors of the windows of ContactTimes: days, hours, and a button to remove each. Their own
 * chunk (with Mantine's checkboxes), fetched once there is a window to show.
 */
export function ContactWindows({
  windows,
  onChange,
  error,
}: {
  windows: ContactWindowDraft[];
  onChange: (windows: ContactWindowDraft[]) => void;
  error: (path: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const change = (index: number, patch: Partial<ContactWindowDraft>) =>
    onChange(windows.map((window, at) => (at === index ? { ...window, ...patch } : window)));
  return (
    <>
      {windows.map((window, index) => (
        <Paper key={index} withBorder p="sm">
          <Stack gap="xs">
            <Checkbox.Group
              label={t('request.windowDays', { number: index + 1 })}
              value={window.days.map(String)}
              onChange={(values) => change(index, { days: values.map(Number).sort() })}
              error={error(`${index}.days`)}
            >
              <Group gap="xs" mt={4}>
                {weekDays.map((day) => (
                  <Checkbox key={day} value={String(day)} label={dayName(day, i18n.language)} />
                ))}
              </Group>
            </Checkbox.Group>
            <Group gap="xs" grow>
              <TextInput
                type="time"
                label={t('request.windowFrom')}
                value={window.from}
                onChange={(event) => change(index, { from: event.currentTarget.value })}
                error={error(`${index}.from`)}
              />
              <TextInput
                type="time"
                label={t('request.windowTo')}
                value={window.to}
                onChange={(event) => change(index, { to: event.currentTarget.value })}
                error={error(`${index}.to`)}
              />
            </Group>
            <Button
              variant="subtle"
              color="#a51d1d"
              w="fit-content"
              onClick={() => onChange(windows.filter((_, at) => at !== index))}
            >
              {t('request.removeWindow', { number: index + 1 })}
            </Button>
          </Stack>
        </Paper>
      ))}
    </>
  );
}

export default ContactWindows;

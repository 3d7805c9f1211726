import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../app/format';

/**
 * How far a file has gone up: a bar that says it in the reader's words (Mantine's own is "41%"),
 * and the bytes sent of the total, or that the connection dropped and is being tried again.
 */
export function UploadProgress({
  sent,
  total,
  retrying,
  labels,
}: {
  sent: number;
  total: number;
  retrying: boolean;
  /** The room's own wording: the bar's name, its value in words (optional), the detail line, the retry line. */
  labels: {
    bar: string;
    value?: (percent: number) => string;
    detail: (figures: { percent: number; sent: string; total: string }) => string;
    reconnecting: string;
  };
}) {
  const { i18n } = useTranslation();
  const percent = total > 0 ? Math.floor((sent / total) * 100) : 0;
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Progress.Root size="lg">
        <Progress.Section
          value={percent}
          withAria={false}
          role="progressbar"
          aria-label={labels.bar}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={labels.value?.(percent)}
        />
      </Progress.Root>
      <Text size="sm">
        {retrying
          ? labels.reconnecting
          : labels.detail({
              percent,
              sent: formatBytes(sent, i18n.language),
              total: formatBytes(total, i18n.language),
            })}
      </Text>
    </Stack>
  );
}

import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../app/errors';
import { useAreas } from '../i18n';

/** A failure in words the member understands, in their language; never raw JSON, never blank. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  // The case page fetches the errors' words after it is on screen: until then, the generic words.
  const detailed = useAreas(['errors']);
  if (!error) return null;
  const shown = describeError(error, t, detailed);
  return (
    <Alert color="red" variant="light" role="alert" title={t('error.title')}>
      <Text size="sm">{shown.message}</Text>
      {shown.reference && (
        <Text size="xs" mt={4} c="dimmed">
          {t('error.reference', { reference: shown.reference })}
        </Text>
      )}
    </Alert>
  );
}

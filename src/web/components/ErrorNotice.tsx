import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../app/errors';
import { useAreas } from '../i18n';

/**
 * A failure in words the member understands, in their language; never raw JSON, never blank.
 * Nothing (and nothing fetched) while there is no error.
 */
export function ErrorNotice({ error }: { error: unknown }) {
  return error ? <ShownError error={error} /> : null;
}

function ShownError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  // Pages that fetch the errors' words after they are on screen (the case page with its panels;
  // the forms on their first use) show the generic words until they are there.
  const detailed = useAreas(['errors']);
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

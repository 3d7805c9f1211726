import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { isConflict } from '../../app/errors';

/** A refused write, in words: a version conflict says so plainly (the case was re-read already). */
export function WriteError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (isConflict(error))
    return (
      <Alert color="#8a4b00" variant="light" role="alert" title={t('cm.conflict.title')}>
        <Text size="sm">{t('cm.conflict.body')}</Text>
      </Alert>
    );
  return <ErrorNotice error={error} />;
}

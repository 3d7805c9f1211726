import { Group, Radio } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Choosing 1 to 5 stars: a radio group with a label on each choice, so that it is read out,
 * reached with Tab and moved with the arrow keys like any other group of choices.
 */
export function StarInput({
  value,
  onChange,
  error,
}: {
  value: number | null;
  onChange: (stars: number) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      name="stars"
      label={t('feedback.form.stars')}
      value={value === null ? '' : String(value)}
      onChange={(chosen) => onChange(Number(chosen))}
      error={error}
      withAsterisk
    >
      <Group gap="md" mt={6} wrap="wrap">
        {[1, 2, 3, 4, 5].map((stars) => (
          <Radio
            key={stars}
            value={String(stars)}
            label={
              <span>
                <span aria-hidden="true" className="stars">
                  {'★'.repeat(stars)}{' '}
                </span>
                {t('feedback.stars', { count: stars })}
              </span>
            }
          />
        ))}
      </Group>
    </Radio.Group>
  );
}

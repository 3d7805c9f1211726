import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Stars as a picture with its words ("4 stars out of 5"): the picture alone says nothing to a screen reader. */
export function Stars({ stars }: { stars: number }) {
  const { t } = useTranslation();
  return (
    <Text
      component="span"
      role="img"
      aria-label={t('feedback.starsOutOf5', { count: stars })}
      className="stars"
    >
      <span aria-hidden="true">{'★'.repeat(stars)}</span>
      <span aria-hidden="true" className="stars-empty">
        {'☆'.repeat(5 - stars)}
      </span>
    </Text>
  );
}

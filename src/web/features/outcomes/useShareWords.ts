import { useTranslation } from 'react-i18next';
import type { Share } from '../../../shared/outcomes';
import { formatNumber } from '../../app/format';

/** A share and its interval in the reader's way of writing numbers ("14,8 %", "12,1–17,9 %"). */
export function useShareWords() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const percent = (rate: number) =>
    formatNumber(rate, locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    percent: (share: Share) => (share.share === null ? t('outcomes.none') : percent(share.share)),
    interval: (share: Share) =>
      share.low === null || share.high === null
        ? t('outcomes.none')
        : t('outcomes.interval', { low: percent(share.low), high: percent(share.high) }),
    count: (value: number) => formatNumber(value, locale),
  };
}

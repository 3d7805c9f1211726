import type { RatingSummary } from '../../../shared/feedback.js';

/** The service the reviews are about, as search engines are told of it. */
const SERVICE_NAME = 'Consilium Second Medical Opinion';

/**
 * The schema.org description of the service with its `AggregateRating`, as a JSON-LD block for
 * the public page's HTML. No rating yet: the service without one (schema.org wants a count of at
 * least one). `<` is written as `\u003c`, so no text can close the script element.
 */
export function ratingJsonLd(summary: RatingSummary, publishedCount: number, pageUrl: string): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Service',
    name: SERVICE_NAME,
    url: pageUrl,
    ...(summary.count > 0 && summary.average !== null
      ? {
          aggregateRating: {
            '@type': 'AggregateRating',
            ratingValue: summary.average,
            ratingCount: summary.count,
            reviewCount: publishedCount,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
  };
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, ' ');
  return `<script type="application/ld+json" id="service-rating">${json}</script>`;
}

import { describe, expect, it } from 'vitest';
import { flagReview } from './flags.js';
import { ratingJsonLd } from './structured-data.js';

const staff = ['Dra. Lucía Romero', 'Dr Ana Ruiz', 'Zhang Wei'];
const flagsOf = (text: string, language: Parameters<typeof flagReview>[0]['language'] = 'es') =>
  flagReview({ title: 'Bien', text, language }, staff).map((flag) => `${flag.kind}:${flag.match}`);

describe('the automatic flags that help the moderator', () => {
  it('notice a staff name written with or without its accents, never a title or a role word', () => {
    expect(flagsOf('Gracias a Lucia por todo')).toEqual(['staff_name:Lucia']);
    expect(flagsOf('La doctora ROMERO fue muy amable')).toEqual(['staff_name:ROMERO']);
    expect(flagsOf('La Dra. fue muy amable, el equipo también')).toEqual([]);
    expect(flagsOf('Zhang Wei answered every question', 'en')).toEqual([
      'staff_name:Zhang',
      'staff_name:Wei',
    ]);
  });

  it('notice phone numbers, national and international, and e-mail addresses', () => {
    expect(flagsOf('Llamadme al 612 34 56 78 o escribid a ana.p@example.es')).toEqual([
      'email_address:ana.p@example.es',
      'phone_number:612 34 56 78',
    ]);
    expect(flagsOf('Call me on +44 20 7946 0958', 'en')).toEqual(['phone_number:+44 20 7946 0958']);
    expect(flagsOf('Caso SMO-2026-004211, respuesta en 24 horas')).toEqual([]);
  });

  it('notice likely health terms in every language, by the start of a word', () => {
    expect(flagsOf('Me explicaron bien el diagnóstico')).toEqual(['health_term:diagnost']);
    expect(flagsOf('I was diagnosed last year', 'en')).toEqual(['health_term:diagnos']);
    expect(flagsOf('我的肿瘤医生很好', 'zh-CN')).toEqual(['health_term:肿瘤']);
    expect(flagsOf('شرحوا لي السرطان بوضوح', 'ar')).toEqual(['health_term:سرطان']);
    expect(flagsOf('Un service rapide et clair', 'fr')).toEqual([]);
  });
});

describe("the public page's structured data", () => {
  it('is an AggregateRating that no text can break out of', () => {
    const block = ratingJsonLd(
      { count: 12, average: 4.3, distribution: { 5: 7, 4: 3, 3: 1, 2: 1, 1: 0 } },
      9,
      'https://example.test/service-reviews</script><script>alert(1)</script>',
    );
    expect(block.startsWith('<script type="application/ld+json" id="service-rating">')).toBe(true);
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    const data = JSON.parse(block.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, ''));
    expect(data.aggregateRating).toEqual({
      '@type': 'AggregateRating',
      ratingValue: 4.3,
      ratingCount: 12,
      reviewCount: 9,
      bestRating: 5,
      worstRating: 1,
    });
  });

  it('names the service without a rating while nobody has rated it', () => {
    const block = ratingJsonLd(
      { count: 0, average: null, distribution: { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 } },
      0,
      'u',
    );
    expect(block).not.toContain('AggregateRating');
  });
});

import type { RequestContext } from '../../platform/context.js';
import { productLocales } from '../../../shared/locales.js';
import { upsertContact } from './repo.js';

/** A page per language on the demo partners' (reserved, unreachable) domains. */
const pages = (host: string) =>
  Object.fromEntries(
    productLocales.map((locale) => [locale, `https://${host}.example/${locale.toLowerCase()}`]),
  );

/** How the demo's members reach each Virtual Care service (fictional numbers from the drama range). */
export async function seedDemoVirtualCareContacts(ctx: Pick<RequestContext, 'db' | 'clock'>): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await upsertContact(
      tx,
      {
        service: 'second_medical_opinion',
        planProductId: null,
        phone: '+442079460101',
        days: [1, 2, 3, 4, 5],
        opens: '08:00',
        closes: '20:00',
        timeZone: 'Europe/London',
        urls: pages('second-opinion'),
      },
      now,
    );
    await upsertContact(
      tx,
      {
        service: 'virtual_doctor',
        planProductId: null,
        phone: '+442079460102',
        days: null,
        opens: null,
        closes: null,
        timeZone: null,
        urls: pages('virtual-doctor'),
      },
      now,
    );
    await upsertContact(
      tx,
      {
        service: 'mind_health',
        planProductId: null,
        phone: '+442079460103',
        days: [1, 2, 3, 4, 5, 6],
        opens: '07:00',
        closes: '22:00',
        timeZone: 'Europe/London',
        urls: pages('mind-health'),
      },
      now,
    );
  });
}

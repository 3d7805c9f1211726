import { Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { VirtualCareContact } from '../../../shared/employers';
import type { VirtualCareService } from '../../../shared/plans';
import { employerKeys, employersApi } from '../../api/employers';

/** "Monday to Friday" in the reader's language, from ISO weekdays (1 = Monday). */
function dayNames(days: number[], locale: string): string {
  // 2024-01-01 was a Monday.
  const name = (day: number) =>
    new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, day)),
    );
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(days.map(name));
}

function ContactLines({ contact }: { contact: VirtualCareContact }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={2} data-testid={`contact-${contact.service}`}>
      {contact.phone && (
        <Text size="sm">
          {t('hub.contact.phone')}:{' '}
          <Anchor href={`tel:${contact.phone}`} dir="ltr">
            {contact.phone}
          </Anchor>
        </Text>
      )}
      <Text size="sm">
        {contact.hours
          ? t('hub.contact.hours', {
              days: dayNames(contact.hours.days, i18n.language),
              opens: contact.hours.opens,
              closes: contact.hours.closes,
              timeZone: contact.hours.timeZone,
            })
          : t('hub.contact.allHours')}
      </Text>
      {contact.url && (
        <Anchor href={contact.url} target="_blank" rel="noopener noreferrer" size="sm">
          {t('hub.contact.link')}
        </Anchor>
      )}
    </Stack>
  );
}

/** How the member reaches a Virtual Care service on their plan: phone, hours and link. */
export function ServiceContact({ service }: { service: VirtualCareService }) {
  const care = useQuery({ queryKey: employerKeys.myVirtualCare, queryFn: employersApi.myVirtualCare });
  const contact = care.data?.services.find((entry) => entry.service === service)?.contact;
  return contact ? <ContactLines contact={contact} /> : null;
}

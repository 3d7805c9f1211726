import { describe, expect, it } from 'vitest';
import {
  catalogues,
  mailLanguageFor,
  mailLanguages,
  parseTemplateParams,
  renderNotification,
  templateNames,
  type TemplateName,
} from './templates.js';

const caseId = '0190a5a8-7b1c-7d2e-8f3a-123456789abc';
const caseNumber = 'SMO-2026-004211';
const staff = 'Dr Elena García';
const instant = '2026-11-25T17:04:00Z';
const offerId = '0190a5a8-7b1c-7d2e-8f3a-cba987654321';

/** Parameters each template takes, as the case lifecycle would give them. */
const examples: Record<TemplateName, Record<string, string | number>> = {
  'account.welcome': {},
  'account.sign_up_attempted': {},
  'account.staff_welcome': {},
  'account.password_reset': { resetToken: 'Ab3dEf6hIj9kLm2nOp5qRs8t', minutes: 30 },
  'account.email_verification': {
    verificationToken: 'eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImEifQ.c2lnbmF0dXJl',
    hours: 24,
  },
  'case.submitted': { caseId, caseNumber, caseManagerName: staff, contactBy: instant },
  'case.received': { caseId, caseNumber, contactBy: instant },
  'case.unassigned': { caseId, caseNumber, firstContactDue: instant },
  'security.access_denials_burst': {
    accountId: '0190a5a8-7b1c-7d2e-8f3a-0000000000aa',
    deniedCount: 21,
    windowStartsAt: instant,
  },
  'case.assigned': { caseId, caseNumber, firstContactDue: instant },
  'case.first_contact_warning': { caseId, caseNumber, firstContactDue: instant },
  'case.first_contact_escalation': { caseId, caseNumber, caseManagerName: staff, firstContactDue: instant },
  'case.reassigned': { caseId, caseNumber, caseManagerName: staff },
  'case.message_received': { caseId, caseNumber },
  'case.records_requested': { caseId, caseNumber, caseManagerName: staff },
  'case.recommendations_ready': { caseId, caseNumber, caseManagerName: staff },
  'case.follow_up_due': { caseId, caseNumber, dueAt: instant },
  'case.call_scheduled': {
    caseId,
    caseNumber,
    caseManagerName: staff,
    startsAt: instant,
    durationMinutes: 30,
  },
  'case.closed': { caseId, caseNumber },
  'review.offered': { offerId, caseNumber, expiresAt: instant },
  'review.due_soon': { offerId, caseNumber, dueAt: instant },
  'review.opinions_ready': { caseId, caseNumber },
  'review.offer_lapsed': { caseId, caseNumber },
  'feedback.invitation': { caseId, caseNumber },
  'feedback.review_published': { caseId, caseNumber },
  'feedback.review_withheld': { caseId, caseNumber },
  'referral.updated': { caseId, caseNumber },
  'records.provider_request': {
    providerRequestId: offerId,
    linkToken: 'Qm9yZWFsaXMtdG9rZW4tMzItYnl0ZXMtbG9uZy1rZXk',
    expiresAt: instant,
  },
  'records.provider_reminder': { providerRequestId: offerId, expiresAt: instant },
  'records.request_overdue': { caseId, caseNumber },
  'privacy.export_ready': { dataExportId: offerId, expiresAt: instant },
  'privacy.request_answered': { privacyRequestId: offerId },
  'followup.question_forwarded': { offerId, caseNumber, dueAt: instant },
  'followup.answer_due_soon': { offerId, caseNumber, dueAt: instant },
  'followup.answer_overdue': { caseId, caseNumber },
  'followup.answer_arrived': { caseId, caseNumber },
  'review.doctor_letter': {
    doctorLetterId: offerId,
    linkToken: 'Qm9yZWFsaXMtdG9rZW4tMzItYnl0ZXMtbG9uZy1rZXk',
    expiresAt: instant,
  },
};

/** Every text of a catalogue by its path, e.g. `templates.case.closed.subject` (names contain dots). */
function textsOf(tree: object, prefix = ''): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') texts.set(`${prefix}${key}`, value);
    else for (const entry of textsOf(value as object, `${prefix}${key}/`)) texts.set(...entry);
  }
  return texts;
}

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] as string).sort();
}

describe('the e-mail catalogues', () => {
  const english = textsOf(catalogues.en);

  it('cover the thirty-seven templates', () => {
    expect(templateNames).toHaveLength(37);
    for (const name of templateNames) expect(english.has(`templates/${name}/subject`)).toBe(true);
  });

  it.each(mailLanguages)(
    '%s has every key English has, no other, none empty, same placeholders',
    (language) => {
      const texts = textsOf(catalogues[language]);
      expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, reference] of english) {
        const text = texts.get(key) ?? '';
        expect(text, `${language} ${key}`).toMatch(/\S/);
        expect(placeholdersOf(text), `${language} ${key}`).toEqual(placeholdersOf(reference));
      }
    },
  );
});

describe('rendering', () => {
  const combinations = templateNames.flatMap((template) =>
    mailLanguages.map((language) => [template, language] as const),
  );

  it.each(combinations)('%s renders in %s with every value filled in', (template, language) => {
    const mail = renderNotification({
      template,
      params: examples[template],
      recipient: { name: 'Sam Reader', locale: language, timeZone: 'Asia/Dubai' },
      publicUrl: 'https://consilium.example.org',
    });
    expect(mail.language).toBe(language);
    for (const text of [mail.subject, mail.text, mail.html]) {
      expect(text).not.toMatch(/\{\{|\}\}|templates\.|layout\./);
    }
    expect(mail.subject).toBe(mail.subject.trim());
    expect(mail.text).toContain('Sam Reader');
    const link = /^(account|security)\./.test(template)
      ? 'https://consilium.example.org/'
      : 'offerId' in examples[template]
        ? `/specialist/offers/${offerId}`
        : 'providerRequestId' in examples[template]
          ? `/provider-records/${offerId}`
          : template.startsWith('privacy.')
            ? 'https://consilium.example.org/me/data'
            : 'doctorLetterId' in examples[template]
              ? `/doctor-letters/${offerId}#token=`
              : `/cases/${caseId}`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`lang="${language}"`);
    expect(mail.html).toContain(language === 'ar' ? 'dir="rtl"' : 'dir="ltr"');
    if ('caseNumber' in examples[template]) expect(mail.subject).toContain(caseNumber);
    expect(mail.attachments).toHaveLength(template === 'case.call_scheduled' ? 1 : 0);
  });

  it('writes times in the recipient’s time zone and language', () => {
    const render = (locale: string, timeZone: string) =>
      renderNotification({
        template: 'case.submitted',
        params: examples['case.submitted'],
        recipient: { name: 'Carlos', locale, timeZone },
        publicUrl: 'https://consilium.example.org',
      }).text;
    // 17:04 UTC is 18:04 in Madrid, 21:04 in Dubai and 01:04 the next day in Singapore.
    expect(render('es', 'Europe/Madrid')).toContain('miércoles, 25 de noviembre de 2026, 18:04');
    expect(render('ar', 'Asia/Dubai')).toMatch(/25 نوفمبر 2026.*9:04/);
    expect(render('zh-CN', 'Asia/Singapore')).toContain('2026年11月26日星期四');
    expect(render('de', 'Europe/Berlin')).toContain('Mittwoch, 25. November 2026 um 18:04');
    // An unknown zone or language does not stop the e-mail: UTC and English.
    expect(render('xx', 'Mars/Olympus')).toContain(
      'Wednesday, November 25, 2026 at 5:04\u202fPM Coordinated Universal Time',
    );
  });

  it('writes dates as the recipient’s country does, and names their time zone in their language', () => {
    const render = (recipient: { locale: string; country?: string | null; timeZone: string }, at: string) =>
      renderNotification({
        template: 'case.submitted',
        params: { ...examples['case.submitted'], contactBy: at },
        recipient: { name: 'Sam', ...recipient },
        publicUrl: 'https://consilium.example.org',
      }).text;
    // An English-speaking member in the United Kingdom reads day, then month; in the United States, the other way.
    expect(
      render({ locale: 'en', country: 'GB', timeZone: 'Europe/London' }, '2026-06-01T09:00:00Z'),
    ).toContain('Monday, 1 June 2026 at 10:00 United Kingdom Time');
    expect(render({ locale: 'en-GB', timeZone: 'Europe/London' }, '2026-06-01T09:00:00Z')).toContain(
      '1 June 2026',
    );
    expect(
      render({ locale: 'en', country: 'US', timeZone: 'America/New_York' }, '2026-06-01T14:00:00Z'),
    ).toContain('Monday, June 1, 2026 at 10:00\u202fAM Eastern Time');
    // French writes the first of the month as an ordinal.
    expect(
      render({ locale: 'fr', country: 'FR', timeZone: 'Europe/Paris' }, '2026-06-01T08:00:00Z'),
    ).toContain('lundi 1er juin 2026 à 10:00 heure d’Europe centrale');
    // The zone is named, not given as an IANA id or an offset, legacy ids included.
    const india = render({ locale: 'en', country: 'IN', timeZone: 'Asia/Calcutta' }, '2026-06-01T04:30:00Z');
    expect(india).toContain('1 June 2026 at 10:00\u202fam India Standard Time');
    expect(india).not.toMatch(/Calcutta|Kolkata|GMT/);
    expect(
      render({ locale: 'es', country: 'ES', timeZone: 'Asia/Kolkata' }, '2026-06-01T04:30:00Z'),
    ).toContain('hora estándar de la India');
  });

  it('escapes names in the HTML version', () => {
    const mail = renderNotification({
      template: 'case.reassigned',
      params: { caseId, caseNumber, caseManagerName: 'Dr <b>Bold</b> & Co' },
      recipient: { name: '<script>x</script>', locale: 'en', timeZone: 'UTC' },
      publicUrl: 'https://consilium.example.org',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Dr &lt;b&gt;Bold&lt;/b&gt; &amp; Co');
  });

  it('picks the catalogue language from a locale', () => {
    expect(mailLanguageFor('es-MX')).toBe('es');
    expect(mailLanguageFor('pt-BR')).toBe('pt');
    expect(mailLanguageFor('zh')).toBe('zh-CN');
    expect(mailLanguageFor('zh-cn')).toBe('zh-CN');
    expect(mailLanguageFor('ar-AE')).toBe('ar');
    expect(mailLanguageFor('nl')).toBe('en');
    expect(mailLanguageFor(null)).toBe('en');
  });
});

describe('what a template accepts', () => {
  it('refuses anything but its own parameters, naming the field and never the value', () => {
    const attempt = () =>
      parseTemplateParams('case.message_received', { caseId, caseNumber, diagnosis: 'a private diagnosis' });
    expect(attempt).toThrow(/diagnosis|unrecognized/);
    expect(attempt).not.toThrow(/private/);
  });

  it('refuses a malformed case number, a time without a zone and an unknown template', () => {
    expect(() => parseTemplateParams('case.closed', { caseId, caseNumber: 'knee surgery' })).toThrow(
      /caseNumber/,
    );
    expect(() =>
      parseTemplateParams('case.follow_up_due', { caseId, caseNumber, dueAt: '2026-11-25 17:00' }),
    ).toThrow(/dueAt/);
    expect(() => parseTemplateParams('case.gossip', {})).toThrow(/unknown notification template/);
  });
});

describe('the calendar invitation of a booked call', () => {
  it('is a VCALENDAR event starting at the right instant in UTC, for the given length', () => {
    const mail = renderNotification({
      template: 'case.call_scheduled',
      params: { ...examples['case.call_scheduled'], durationMinutes: 45 },
      recipient: { name: 'Mei', locale: 'zh-CN', timeZone: 'Asia/Singapore' },
      publicUrl: 'https://consilium.example.org',
    });
    const [invitation] = mail.attachments;
    expect(invitation?.contentType).toMatch(/^text\/calendar/);
    const lines = String(invitation?.content)
      .replace(/\r?\n[ \t]/g, '')
      .split(/\r?\n/);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('BEGIN:VEVENT');
    expect(lines).toContain('DTSTART:20261125T170400Z');
    expect(lines).toContain('DURATION:PT45M');
    expect(lines).toContain(`URL:https://consilium.example.org/cases/${caseId}`);
    expect(lines.find((line) => line.startsWith('SUMMARY:'))).toBe(
      `SUMMARY:Consilium 通话：${staff}（${caseNumber}）`,
    );
  });
});

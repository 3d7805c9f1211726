import i18next, { type TFunction } from 'i18next';
import { formatDateTime, formattingLocale, zoneNameStyle } from '../../../shared/display.js';
import { productLocaleOf } from '../../../shared/locales.js';
import { createEvent } from 'ics';
import { z } from 'zod';
import { MeetingUrl } from '../../../shared/cases.js';
import type { MailAttachment } from '../../platform/mail/index.js';
import { ar } from './catalogues/ar.js';
import { de } from './catalogues/de.js';
import { en, type Catalogue } from './catalogues/en.js';
import { es } from './catalogues/es.js';
import { fr } from './catalogues/fr.js';
import { it } from './catalogues/it.js';
import { pt } from './catalogues/pt.js';
import { zhCN } from './catalogues/zh-CN.js';

/** Every language a member-facing e-mail is written in. */
export const mailLanguages = ['en', 'fr', 'es', 'de', 'it', 'pt', 'zh-CN', 'ar'] as const;
export type MailLanguage = (typeof mailLanguages)[number];

export const catalogues: Record<MailLanguage, Catalogue> = {
  en,
  fr,
  es,
  de,
  it,
  pt,
  'zh-CN': zhCN,
  ar,
};

// --- What a template may be given. Only identifiers, a case number, names of staff, instants and
// --- a duration: strict schemas refuse anything else, so that no health data can slip in.

const caseId = z.uuid();
const caseNumber = z.string().regex(/^[A-Z]{2,6}-\d{4}-\d{3,9}$/, 'a case number such as SMO-2026-004211');
const staffName = z.string().trim().min(1).max(120);
const instant = z.iso.datetime({ offset: true });

const caseParams = { caseId, caseNumber };

export const templateParams = {
  'account.welcome': z.strictObject({}),
  /**
   * To the owner of an e-mail address someone tried to sign up with (with a valid membership
   * proof): the sign-up answered as if it had worked, so that it tells nobody who has an account.
   */
  'account.sign_up_attempted': z.strictObject({}),
  /** To a staff member whose account operations created; the temporary password is never in it. */
  'account.staff_welcome': z.strictObject({}),
  /**
   * To an account's owner who asked to choose a new password: a link with the reset token (opaque,
   * single-use, short-lived), and how many minutes it works. Never the e-mail address.
   */
  'account.password_reset': z.strictObject({
    resetToken: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/),
    minutes: z.number().int().min(1).max(1440),
  }),
  /**
   * To a member, at sign-up and whenever they ask again: a link that confirms their e-mail address
   * (Better Auth's signed token, which names the account and expires), and how many hours it works.
   */
  'account.email_verification': z.strictObject({
    verificationToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
      .max(2048),
    hours: z.number().int().min(2).max(168),
  }),
  /** To the member: who their case manager is and by when they will be contacted. */
  'case.submitted': z.strictObject({ ...caseParams, caseManagerName: staffName, contactBy: instant }),
  /** To the member when nobody could be assigned at once: received, and by when they will be contacted. */
  'case.received': z.strictObject({ ...caseParams, contactBy: instant }),
  /** To operations when nobody could be assigned at once. */
  'case.unassigned': z.strictObject({ ...caseParams, firstContactDue: instant }),
  /**
   * To operations: one account was refused access many times in a few minutes (a scan of other
   * people's records). The account's id, the count and the window only: never which records.
   */
  'security.access_denials_burst': z.strictObject({
    accountId: z.uuid(),
    deniedCount: z.number().int().min(1),
    windowStartsAt: instant,
  }),
  /** To the case manager: a new case, and the first-contact deadline. */
  'case.assigned': z.strictObject({ ...caseParams, firstContactDue: instant }),
  /** To the case manager, before the first-contact deadline. */
  'case.first_contact_warning': z.strictObject({ ...caseParams, firstContactDue: instant }),
  /** To operations, at the breach. */
  'case.first_contact_escalation': z.strictObject({
    ...caseParams,
    caseManagerName: staffName,
    firstContactDue: instant,
  }),
  /** To the member: their new case manager (the new case manager gets `case.assigned`). */
  'case.reassigned': z.strictObject({ ...caseParams, caseManagerName: staffName }),
  /** To whoever the message is for; never the message itself. */
  'case.message_received': z.strictObject({ ...caseParams }),
  'case.records_requested': z.strictObject({ ...caseParams, caseManagerName: staffName }),
  'case.recommendations_ready': z.strictObject({ ...caseParams, caseManagerName: staffName }),
  'case.follow_up_due': z.strictObject({ ...caseParams, dueAt: instant }),
  /** With a calendar invitation (.ics). `callId` keeps the invitation's UID stable on a change. */
  'case.call_scheduled': z.strictObject({
    ...caseParams,
    caseManagerName: staffName,
    startsAt: instant,
    durationMinutes: z.number().int().min(5).max(480),
    callId: z.uuid().optional(),
    /** A video call's meeting link (https only): in the e-mail and as the invitation's location. */
    meetingUrl: MeetingUrl.optional(),
  }),
  /** To the member, with an invitation to rate the service. */
  'case.closed': z.strictObject({ ...caseParams }),
  /** To a specialist: a review is offered (what it is about, they read on the desk). */
  'review.offered': z.strictObject({ offerId: z.uuid(), caseNumber, expiresAt: instant }),
  /** To a specialist, before their opinion is due. */
  'review.due_soon': z.strictObject({ offerId: z.uuid(), caseNumber, dueAt: instant }),
  /** To the case manager: every opinion of the panel is in. */
  'review.opinions_ready': z.strictObject({ ...caseParams }),
  /** To the case manager: an offer was declined or expired and nobody is left to ask. */
  'review.offer_lapsed': z.strictObject({ ...caseParams }),
  /**
   * To a treating doctor (no account), in the letter's language: a patient shared a letter about
   * their second opinion; the link to it with its token. Never the patient's name or anything else.
   */
  'review.doctor_letter': z.strictObject({
    doctorLetterId: z.uuid(),
    linkToken: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    expiresAt: instant,
  }),
  /** To the member once recommendations are delivered: rate the service (never the case's words). */
  'feedback.invitation': z.strictObject({ ...caseParams }),
  /** To the author of a service review: a moderator published it (the e-mail never quotes it). */
  'feedback.review_published': z.strictObject({ ...caseParams }),
  /** To the author of a service review: its words were withheld; the reason is on the case page. */
  'feedback.review_withheld': z.strictObject({ ...caseParams }),
  /** To the member (and the case manager): a referral or its pre-authorisation changed; nothing of it. */
  'referral.updated': z.strictObject({ ...caseParams }),
  /**
   * To a treating provider (no account), in their language: a patient of theirs asked us to collect
   * records; the link to the request's page with its token. Never the patient's name or anything else.
   */
  'records.provider_request': z.strictObject({
    providerRequestId: z.uuid(),
    linkToken: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    expiresAt: instant,
  }),
  /** To a treating provider, on day 3 and day 7: the link of the first e-mail still works (no token). */
  'records.provider_reminder': z.strictObject({ providerRequestId: z.uuid(), expiresAt: instant }),
  /** To the case manager: a provider's link expired unanswered. */
  'records.request_overdue': z.strictObject({ ...caseParams }),
  /** To the member who asked for their data archive: it is ready, until when it can be downloaded. */
  'privacy.export_ready': z.strictObject({ dataExportId: z.uuid(), expiresAt: instant }),
  /** To the member: the privacy officer answered their request (never the kind, outcome or answer). */
  'privacy.request_answered': z.strictObject({ privacyRequestId: z.uuid() }),
  /** To a specialist: a member's follow-up question about their opinion waits on the desk (never the question). */
  'followup.question_forwarded': z.strictObject({ offerId: z.uuid(), caseNumber, dueAt: instant }),
  /** To a specialist, before their answer to a follow-up question is due. */
  'followup.answer_due_soon': z.strictObject({ offerId: z.uuid(), caseNumber, dueAt: instant }),
  /** To the case manager: a specialist's answer to a follow-up question is late. */
  'followup.answer_overdue': z.strictObject({ ...caseParams }),
  /** To the member: an answer to their question arrived (read on the case page, never in the e-mail). */
  'followup.answer_arrived': z.strictObject({ ...caseParams }),
} satisfies Record<keyof Catalogue['templates'], z.ZodType>;

export type TemplateName = keyof typeof templateParams;
export type TemplateParams<T extends TemplateName> = z.infer<(typeof templateParams)[T]>;
export const templateNames = Object.keys(templateParams) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templateParams, name);
}

/** Checks a template's parameters; throws on anything a template does not take. */
export function parseTemplateParams(template: string, params: unknown): Record<string, string | number> {
  if (!isTemplateName(template)) throw new Error(`unknown notification template: ${template}`);
  const parsed = templateParams[template].safeParse(params);
  if (!parsed.success) {
    // Names the fields only: the values may be exactly what must not be logged.
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || issue.code).join(', ');
    throw new Error(`parameters not accepted by template ${template}: ${fields}`);
  }
  return parsed.data as Record<string, string | number>;
}

// --- Rendering.

function flatten(tree: object, prefix = '', into: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') into[`${prefix}${key}`] = value;
    else flatten(value as object, `${prefix}${key}.`, into);
  }
  return into;
}

const translator = i18next.createInstance();
void translator.init({
  resources: Object.fromEntries(
    mailLanguages.map((language) => [language, { translation: flatten(catalogues[language]) }]),
  ),
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...mailLanguages],
  // Template names contain dots: keys are flat strings.
  keySeparator: false,
  nsSeparator: false,
  // Plain text first; the HTML version escapes whole paragraphs.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/** The catalogue language for a recipient's locale: exact, then by language, else English. */
export function mailLanguageFor(locale: string | null | undefined): MailLanguage {
  return productLocaleOf(locale) ?? 'en';
}

function validTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * An instant as the recipient reads it: their language with their region's habits, on their
 * clock, and their time zone named in their language ("Monday, 1 June 2026 at 10:00 India
 * Standard Time", "lundi 1er juin 2026 à 10:00 heure de l’Inde"), never as an offset or an IANA id.
 */
export function formatInstant(iso: string, locale: string, timeZone: string): string {
  return formatDateTime(new Date(iso), locale, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: zoneNameStyle(timeZone),
  });
}

const instantParams = new Set([
  'contactBy',
  'firstContactDue',
  'dueAt',
  'startsAt',
  'expiresAt',
  'windowStartsAt',
]);

export interface Recipient {
  /** The recipient's own name, for the greeting; null when unknown. */
  name: string | null;
  locale: string | null;
  /** The recipient's country (ISO 3166-1), which decides how dates are written with the language. */
  country?: string | null;
  timeZone: string | null;
}

export interface RenderedMail {
  language: MailLanguage;
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const paragraphs = (text: string) => text.split(/\n{2,}/);
const htmlParagraph = (text: string, style = '') =>
  `<p style="margin:0 0 16px${style}">${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;

/**
 * The link an e-mail points to (ids only, never anything else): the page to choose a new password
 * or to confirm an e-mail address,
 * a review on the specialist's desk, the member's data page, the case page, or the portal.
 */
function linkFor(publicUrl: string, params: Record<string, string | number>): string {
  // In the fragment: a browser never sends it to a server, so no access log or proxy records it.
  if (typeof params.resetToken === 'string') return `${publicUrl}/reset-password#token=${params.resetToken}`;
  if (typeof params.verificationToken === 'string')
    return `${publicUrl}/verify-email#token=${params.verificationToken}`;
  if (typeof params.providerRequestId === 'string')
    return typeof params.linkToken === 'string'
      ? `${publicUrl}/provider-records/${params.providerRequestId}#token=${params.linkToken}`
      : `${publicUrl}/provider-records/${params.providerRequestId}`;
  if (typeof params.doctorLetterId === 'string' && typeof params.linkToken === 'string')
    return `${publicUrl}/doctor-letters/${params.doctorLetterId}#token=${params.linkToken}`;
  if (typeof params.offerId === 'string') return `${publicUrl}/specialist/offers/${params.offerId}`;
  // The member's data page lists their archives and their requests with the answers.
  if (typeof params.dataExportId === 'string' || typeof params.privacyRequestId === 'string')
    return `${publicUrl}/me/data`;
  return typeof params.caseId === 'string' ? `${publicUrl}/cases/${params.caseId}` : `${publicUrl}/`;
}

/** Renders a notification for one recipient, in their language and time zone. */
export function renderNotification(input: {
  template: string;
  params: unknown;
  recipient: Recipient;
  publicUrl: string;
}): RenderedMail {
  const params = parseTemplateParams(input.template, input.params);
  const template = input.template as TemplateName;
  const language = mailLanguageFor(input.recipient.locale);
  // Dates follow the recipient's full locale (en-GB, es-MX, pt-BR): their language with their
  // country, when the language is the one the e-mail is written in.
  const stated = input.recipient.locale;
  const dateLocale =
    stated && productLocaleOf(stated) === language
      ? formattingLocale(stated, input.recipient.country)
      : formattingLocale(language, input.recipient.country);
  const timeZone = validTimeZone(input.recipient.timeZone);
  const values: Record<string, string | number> = { ...params };
  for (const [key, value] of Object.entries(params)) {
    if (instantParams.has(key) && typeof value === 'string')
      values[key] = formatInstant(value, dateLocale, timeZone);
  }

  const t: TFunction = translator.getFixedT(language);
  const text = (key: string) => t(key, values) as string;
  const keyOf = (part: string) => `templates.${template}.${part}`;
  const subject = text(keyOf('subject'));
  const greeting = input.recipient.name
    ? (t('layout.greeting', { name: input.recipient.name }) as string)
    : text('layout.greetingWithoutName');
  const body = paragraphs(text(keyOf('body')));
  const action = text(keyOf('action'));
  const signOff = text('layout.signOff');
  const footer = [text('layout.privacy'), text('layout.noReply')];
  const link = linkFor(input.publicUrl, params);
  // A video call's meeting link, said on its own line (the invitation carries it too).
  const meetingUrl = 'meetingUrl' in params ? params.meetingUrl : undefined;
  const join = typeof meetingUrl === 'string' ? { words: text(keyOf('videoJoin')), url: meetingUrl } : null;

  const plain = [
    greeting,
    ...body,
    ...(join ? [`${join.words}\n${join.url}`] : []),
    `${action}: ${link}`,
    signOff,
    '--',
    ...footer,
  ].join('\n\n');
  const direction = language === 'ar' ? 'rtl' : 'ltr';
  const html = [
    '<!doctype html>',
    `<html lang="${language}" dir="${direction}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:24px;background:#f4f6f8;font-family:-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans Arabic','Noto Sans SC',Arial,sans-serif;color:#1f2933;line-height:1.6">`,
    `<div dir="${direction}" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">`,
    htmlParagraph(greeting),
    ...body.map((paragraph) => htmlParagraph(paragraph)),
    ...(join
      ? [
          `<p style="margin:0 0 16px">${escapeHtml(join.words)}<br><a href="${escapeHtml(join.url)}">${escapeHtml(join.url)}</a></p>`,
        ]
      : []),
    `<p style="margin:24px 0"><a href="${escapeHtml(link)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px">${escapeHtml(action)}</a></p>`,
    htmlParagraph(signOff),
    '<hr style="border:none;border-top:1px solid #e4e7eb;margin:24px 0">',
    ...footer.map((line) => htmlParagraph(line, ';font-size:13px;color:#52606d')),
    '</div></body></html>',
  ].join('\n');

  const attachments: MailAttachment[] = [];
  if (template === 'case.call_scheduled') {
    attachments.push(
      callInvitation({
        params: params as TemplateParams<'case.call_scheduled'>,
        title: text(keyOf('calendarTitle')),
        link,
      }),
    );
  }
  return { language, subject, text: plain, html, attachments };
}

/** A calendar event for a booked call, in UTC; the title and link are the only text in it. */
function callInvitation(input: {
  params: TemplateParams<'case.call_scheduled'>;
  title: string;
  link: string;
}): MailAttachment {
  const { params } = input;
  const starts = new Date(params.startsAt).getTime();
  const uid = `${params.callId ?? `${params.caseId}-${starts}`}@consilium`;
  const { error, value } = createEvent({
    uid,
    productId: 'consilium/notifications',
    method: 'PUBLISH',
    title: input.title,
    url: input.link,
    ...(params.meetingUrl ? { location: params.meetingUrl, description: params.meetingUrl } : {}),
    start: starts,
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: params.durationMinutes },
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
  });
  if (error || !value)
    throw new Error(`calendar invitation could not be built: ${error?.message ?? 'empty'}`);
  return {
    filename: 'invitation.ics',
    content: value,
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
  };
}

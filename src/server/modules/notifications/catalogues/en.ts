/**
 * The e-mail texts in English: the reference catalogue. Every other language has exactly these
 * keys (the type below and a test check it). `{{...}}` are filled at send time with a case
 * number, a name of staff, a time already formatted for the recipient, or a number of minutes —
 * never with anything about the member's health.
 */
export const en = {
  layout: {
    greeting: 'Hello {{name}},',
    greetingWithoutName: 'Hello,',
    signOff: 'With kind regards,\nThe Consilium Second Medical Opinion team',
    privacy:
      'For your privacy, we never put medical details in e-mails. Everything about your case stays in your secure Consilium account.',
    noReply:
      'This message was sent automatically and replies to it are not read. To write to us, please use the messages in your case.',
  },
  templates: {
    'account.welcome': {
      subject: 'Welcome to Consilium',
      body: 'Your account is ready. Whenever you are unsure about a diagnosis or a treatment plan, you can ask for a second medical opinion here, at any time and from anywhere, without making a claim.\n\nA doctor will become your dedicated case manager, contact you within 24 hours and stay with you, in your language, for as long as you need.',
      action: 'Go to your account',
    },
    'account.sign_up_attempted': {
      subject: 'Someone tried to create an account with this e-mail address',
      body: 'Someone has just tried to create a Consilium account with this e-mail address. This address already has an account, so nothing was created and nothing changed.\n\nIf it was you, simply sign in with your password. If it was not you, you do not need to do anything.',
      action: 'Sign in',
    },
    'account.staff_welcome': {
      subject: 'Your Consilium staff account',
      body: 'Our operations team has created a Consilium account for you with this e-mail address. They give you a temporary password themselves: it is never sent by e-mail.\n\nWhen you first sign in, you choose your own password and turn on two-factor sign-in with an authenticator app. As a specialist of the network, you then find the reviews offered to you on your review desk.',
      action: 'Sign in',
    },
    'account.password_reset': {
      subject: 'Choose a new Consilium password',
      body: 'Someone asked to choose a new password for the Consilium account with this e-mail address. If it was you, follow the link below: it works once, for {{minutes}} minutes. When you save your new password, every device signed in to your account is signed out.\n\nIf it was not you, you do not need to do anything: your password stays as it is.',
      action: 'Choose a new password',
    },
    'account.email_verification': {
      subject: 'Confirm your e-mail address for Consilium',
      body: 'Welcome to Consilium. Please confirm that this e-mail address is yours by following the link below: it works for {{hours}} hours. Once it is confirmed, you can send your request for a second medical opinion, and we will write to you here about it.\n\nIf you did not create a Consilium account, you do not need to do anything.',
      action: 'Confirm my e-mail address',
    },
    'case.submitted': {
      subject: 'We have received your request {{caseNumber}}',
      body: 'Thank you for trusting us with your request. Your case manager, {{caseManagerName}}, will contact you by {{contactBy}}.\n\nIf you would like to add anything in the meantime, you can do so on your case page.',
      action: 'View your case',
    },
    'case.received': {
      subject: 'We have received your request {{caseNumber}}',
      body: 'Thank you for trusting us with your request. We are choosing the doctor who will be your case manager; they will contact you by {{contactBy}}.\n\nIf you would like to add anything in the meantime, you can do so on your case page.',
      action: 'View your case',
    },
    'case.unassigned': {
      subject: 'Case {{caseNumber}} is waiting for a case manager',
      body: 'No case manager with room is on shift in time for case {{caseNumber}}. First contact is due by {{firstContactDue}}. Please assign a case manager.',
      action: 'Open the case',
    },
    'security.access_denials_burst': {
      subject: 'Security: account {{accountId}} was refused access {{deniedCount}} times',
      body: "The account {{accountId}} has been refused access to records it may not see {{deniedCount}} times in the five minutes from {{windowStartsAt}}. This can be someone trying other people's records. Please look at the account's activity in the audit trail and, if needed, disable it.",
      action: 'Open Consilium',
    },
    'case.assigned': {
      subject: 'New case {{caseNumber}} assigned to you',
      body: 'Case {{caseNumber}} has been assigned to you. Please make first contact with the member by {{firstContactDue}}.',
      action: 'Open the case',
    },
    'case.first_contact_warning': {
      subject: 'Reminder: first contact for case {{caseNumber}} is due soon',
      body: 'The member in case {{caseNumber}} has not been contacted yet. First contact is due by {{firstContactDue}}. If you cannot make it in time, please let operations know so that the case can be handed over to a colleague.',
      action: 'Open the case',
    },
    'case.first_contact_escalation': {
      subject: 'Escalation: first contact missed for case {{caseNumber}}',
      body: 'First contact for case {{caseNumber}} was due by {{firstContactDue}} and has not been logged. The case manager is {{caseManagerName}}. Please check the case and reassign it if needed.',
      action: 'Open the case',
    },
    'case.reassigned': {
      subject: 'Your case {{caseNumber}} has a new case manager',
      body: 'So that your case keeps moving without delay, {{caseManagerName}} is now your case manager for {{caseNumber}}. Everything you have shared so far stays with your case; you do not need to send anything again.',
      action: 'View your case',
    },
    'case.message_received': {
      subject: 'New message in case {{caseNumber}}',
      body: 'There is a new message for you in case {{caseNumber}}. For your privacy, you can read it only after signing in.',
      action: 'Read the message',
    },
    'case.records_requested': {
      subject: 'Documents requested for your case {{caseNumber}}',
      body: '{{caseManagerName}} needs a few documents for your case {{caseNumber}}. You will find the details on your case page, where you can also upload them safely.',
      action: 'See what is needed',
    },
    'case.recommendations_ready': {
      subject: 'Your recommendations for case {{caseNumber}} are ready',
      body: '{{caseManagerName}} has written the recommendations for your case {{caseNumber}}, after a review with a specialist. You can read them on your case page and ask any questions you may have.',
      action: 'Read your recommendations',
    },
    'case.follow_up_due': {
      subject: 'Follow-up for case {{caseNumber}}',
      body: 'A follow-up for case {{caseNumber}} is planned for {{dueAt}}. You can share an update or ask a question on the case page.',
      action: 'Open the case',
    },
    'case.call_scheduled': {
      subject: 'Your call for case {{caseNumber}} is booked',
      body: 'Your call with {{caseManagerName}} is booked for {{startsAt}} and will last about {{durationMinutes}} minutes. The invitation attached to this e-mail adds it to your calendar.',
      action: 'View your case',
      calendarTitle: 'Consilium call with {{caseManagerName}} ({{caseNumber}})',
      videoJoin: 'This is a video call. At the time booked, join it here:',
    },
    'case.closed': {
      subject: 'Your case {{caseNumber}} is now closed',
      body: 'Your case {{caseNumber}} is now closed. Thank you for letting us support you. If anything changes, you can ask for a new opinion at any time.\n\nWould you tell us how we did? Rating the service takes a minute and helps other members.',
      action: 'Rate the service',
    },
    'review.offered': {
      subject: 'Review request {{caseNumber}}: please answer by {{expiresAt}}',
      body: "You have been asked to review case {{caseNumber}} as a specialist. Please accept or decline the request on your review desk by {{expiresAt}}; after that it goes to a colleague.\n\nFor the member's privacy, the case summary and records are shown only on the desk.",
      action: 'Open your review desk',
    },
    'review.due_soon': {
      subject: 'Reminder: your opinion for case {{caseNumber}} is due by {{dueAt}}',
      body: 'Your written opinion for case {{caseNumber}} is due by {{dueAt}}. You can finish and submit it on your review desk.',
      action: 'Open the review',
    },
    'review.opinions_ready': {
      subject: 'Specialist opinions ready for case {{caseNumber}}',
      body: 'Every specialist opinion asked for case {{caseNumber}} is in. You can now read them and write the recommendations for the member.',
      action: 'Open the case',
    },
    'review.offer_lapsed': {
      subject: 'Case {{caseNumber}} needs another specialist',
      body: 'A review offer for case {{caseNumber}} was declined or expired, and no other candidate was left to ask. Please choose another specialist.',
      action: 'Open the case',
    },
    'review.doctor_letter': {
      subject: 'A patient of yours has shared a second medical opinion with you',
      body: 'A patient of yours asked Consilium, a second medical opinion service, for a second opinion and chose to share a letter about it with you.\n\nPlease open the secure link below to read the letter. The link is for you only and works until {{expiresAt}}.',
      action: 'Read the letter',
    },
    'feedback.invitation': {
      subject: 'How was our service? Case {{caseNumber}}',
      body: 'Your recommendations for case {{caseNumber}} have been delivered. Would you tell us how the service went for you? You can give it 1 to 5 stars and write a few words in your language; you may change your review for 30 days.\n\nYour stars count as soon as you send them. An independent moderator reads your words before they appear on our public page.',
      action: 'Rate the service',
    },
    'feedback.review_published': {
      subject: 'Your review of case {{caseNumber}} is published',
      body: 'Thank you for your review of our service for case {{caseNumber}}. A moderator has read it and it now appears on our public page.',
      action: 'See your review',
    },
    'feedback.review_withheld': {
      subject: 'Your review of case {{caseNumber}}: the words were not published',
      body: 'Thank you for your review of our service for case {{caseNumber}}. Your stars count in our rating, but a moderator did not publish your words. You can read why on your case page, change them and send them again.',
      action: 'See your review',
    },
    'referral.updated': {
      subject: 'News about the referral on case {{caseNumber}}',
      body: 'Something has changed in the referral on case {{caseNumber}}. Please sign in to read it on your case page.',
      action: 'Open the case',
    },
    'records.provider_request': {
      subject: 'A patient of yours has asked us to collect their records',
      body: 'A patient of yours has asked Consilium, a second medical opinion service, to collect some of their medical records from you, and has signed a release for it.\n\nPlease open the link below: it shows who the patient is, which records are asked for and the signed release, and lets you upload them securely, without an account. The link is for this request only and works until {{expiresAt}}.',
      action: 'Open the secure link',
    },
    'records.provider_reminder': {
      subject: 'Reminder: records asked for by a patient of yours',
      body: 'A few days ago we sent you a secure link to upload records that a patient of yours asked us to collect. Please use the link in that e-mail: it works until {{expiresAt}}. If you do not hold these records, you can say so on the same page.',
      action: 'About this request',
    },
    'records.request_overdue': {
      subject: 'Case {{caseNumber}}: a provider has not answered a records request',
      body: 'The link a treating provider was sent for case {{caseNumber}} has expired without an answer. The providers panel of the case shows the request; you may ask again or contact the provider.',
      action: 'Open the case',
    },
    'privacy.export_ready': {
      subject: 'Your Consilium data archive is ready',
      body: 'The archive of your data that you asked for is ready. You can download it from the "My data" page of your account until {{expiresAt}}; after that, you can ask for a new one at any time.\n\nFor your security, the archive can be downloaded only after signing in, from the account that asked for it.',
      action: 'Go to My data',
    },
    'privacy.request_answered': {
      subject: 'Your request about your data has been answered',
      body: 'Our data protection team has answered your request about your personal data. You can read the answer on the "My data" page of your account.',
      action: 'Read the answer',
    },
    'followup.question_forwarded': {
      subject: 'A follow-up question on case {{caseNumber}}',
      body: 'The case manager of case {{caseNumber}} has forwarded a follow-up question from the member about your opinion. Please answer it on your review desk by {{dueAt}}.',
      action: 'Open the review',
    },
    'followup.answer_due_soon': {
      subject: 'Reminder: a follow-up question on case {{caseNumber}} is due by {{dueAt}}',
      body: 'A follow-up question about your opinion on case {{caseNumber}} is waiting for your answer, due by {{dueAt}}. You can answer it on your review desk.',
      action: 'Open the review',
    },
    'followup.answer_overdue': {
      subject: 'Case {{caseNumber}}: a follow-up question has not been answered',
      body: 'A specialist has not answered a follow-up question on case {{caseNumber}} in time. Please look at the follow-up questions of the case and contact the specialist.',
      action: 'Open the case',
    },
    'followup.answer_arrived': {
      subject: 'An answer to your question on case {{caseNumber}} has arrived',
      body: 'The specialist who gave the opinion on case {{caseNumber}} has answered your question. Please sign in to read the answer on your case page.',
      action: 'Open the case',
    },
  },
};

type Texts<T> = { [K in keyof T]: string };

/** The shape every language's catalogue has: the same keys as English, all strings. */
export interface Catalogue {
  layout: Texts<typeof en.layout>;
  templates: { [K in keyof typeof en.templates]: Texts<(typeof en.templates)[K]> };
}

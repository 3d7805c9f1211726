import type { Catalogue } from './en.js';

export const de: Catalogue = {
  layout: {
    greeting: 'Guten Tag {{name}},',
    greetingWithoutName: 'Guten Tag,',
    signOff: 'Mit freundlichen Grüßen\nIhr Consilium-Team für ärztliche Zweitmeinungen',
    privacy:
      'Zum Schutz Ihrer Privatsphäre enthalten unsere E-Mails niemals medizinische Angaben. Alles zu Ihrem Fall bleibt in Ihrem geschützten Consilium-Konto.',
    noReply:
      'Diese Nachricht wurde automatisch versendet; Antworten darauf werden nicht gelesen. Bitte schreiben Sie uns über die Nachrichten in Ihrem Fall.',
  },
  templates: {
    'account.welcome': {
      subject: 'Willkommen bei Consilium',
      body: 'Ihr Konto ist eingerichtet. Wann immer Sie bei einer Diagnose oder einem Behandlungsplan unsicher sind, können Sie hier eine ärztliche Zweitmeinung anfordern – jederzeit, von überall und ohne einen Leistungsantrag zu stellen.\n\nIhre persönliche Fallbetreuung mit ärztlicher Ausbildung wird innerhalb von 24 Stunden Kontakt mit Ihnen aufnehmen und Sie in Ihrer Sprache begleiten, so lange Sie es brauchen.',
      action: 'Zu Ihrem Konto',
    },
    'account.sign_up_attempted': {
      subject: 'Jemand hat versucht, mit dieser E-Mail-Adresse ein Konto zu erstellen',
      body: 'Jemand hat gerade versucht, mit dieser E-Mail-Adresse ein Consilium-Konto zu erstellen. Zu dieser Adresse gibt es bereits ein Konto, daher wurde nichts erstellt und nichts geändert.\n\nWaren Sie es, melden Sie sich einfach mit Ihrem Passwort an. Waren Sie es nicht, müssen Sie nichts tun.',
      action: 'Anmelden',
    },
    'account.staff_welcome': {
      subject: 'Ihr Consilium-Konto für Mitarbeitende',
      body: 'Unser Operations-Team hat für Sie ein Consilium-Konto mit dieser E-Mail-Adresse eingerichtet. Das vorläufige Passwort erhalten Sie direkt vom Team: Es wird nie per E-Mail verschickt.\n\nBei der ersten Anmeldung wählen Sie Ihr eigenes Passwort und richten die Zwei-Faktor-Anmeldung mit einer Authenticator-App ein. Gehören Sie als Fachperson zum Netzwerk, finden Sie danach die Ihnen angebotenen Gutachten in Ihrem Begutachtungsbereich.',
      action: 'Anmelden',
    },
    'account.password_reset': {
      subject: 'Neues Consilium-Passwort wählen',
      body: 'Jemand hat darum gebeten, für das Consilium-Konto mit dieser E-Mail-Adresse ein neues Passwort zu wählen. Wenn Sie es waren, folgen Sie dem Link unten: Er gilt einmal und {{minutes}} Minuten lang. Sobald Sie Ihr neues Passwort speichern, werden alle bei Ihrem Konto angemeldeten Geräte abgemeldet.\n\nWenn Sie es nicht waren, müssen Sie nichts tun: Ihr Passwort bleibt, wie es ist.',
      action: 'Neues Passwort wählen',
    },
    'account.email_verification': {
      subject: 'Bestätigen Sie Ihre E-Mail-Adresse für Consilium',
      body: 'Willkommen bei Consilium. Bitte bestätigen Sie über den Link unten, dass diese E-Mail-Adresse Ihnen gehört: Er gilt {{hours}} Stunden lang. Sobald sie bestätigt ist, können Sie Ihre Anfrage nach einer ärztlichen Zweitmeinung senden, und wir schreiben Ihnen hierher dazu.\n\nWenn Sie kein Consilium-Konto angelegt haben, müssen Sie nichts tun.',
      action: 'E-Mail-Adresse bestätigen',
    },
    'case.submitted': {
      subject: 'Wir haben Ihre Anfrage {{caseNumber}} erhalten',
      body: 'Vielen Dank für Ihr Vertrauen. Ihre Fallbetreuung, {{caseManagerName}}, meldet sich spätestens am {{contactBy}} bei Ihnen.\n\nWenn Sie in der Zwischenzeit etwas ergänzen möchten, können Sie das auf der Seite Ihres Falls tun.',
      action: 'Ihren Fall ansehen',
    },
    'case.received': {
      subject: 'Wir haben Ihre Anfrage {{caseNumber}} erhalten',
      body: 'Vielen Dank für Ihr Vertrauen. Wir wählen gerade Ihre Fallbetreuung aus; sie meldet sich spätestens am {{contactBy}} bei Ihnen.\n\nWenn Sie in der Zwischenzeit etwas ergänzen möchten, können Sie das auf der Seite Ihres Falls tun.',
      action: 'Ihren Fall ansehen',
    },
    'case.unassigned': {
      subject: 'Fall {{caseNumber}} wartet auf eine Fallbetreuung',
      body: 'Für Fall {{caseNumber}} ist rechtzeitig niemand aus der Fallbetreuung mit freier Kapazität im Dienst. Der erste Kontakt ist bis {{firstContactDue}} fällig. Bitte weisen Sie den Fall einer Fallbetreuung zu.',
      action: 'Fall öffnen',
    },
    'security.access_denials_burst': {
      subject: 'Sicherheit: dem Konto {{accountId}} wurde {{deniedCount}}-mal der Zugriff verweigert',
      body: 'Dem Konto {{accountId}} wurde in den fünf Minuten ab {{windowStartsAt}} {{deniedCount}}-mal der Zugriff auf Datensätze verweigert, die es nicht sehen darf. Möglicherweise probiert jemand die Datensätze anderer Personen aus. Bitte prüfen Sie die Aktivität des Kontos im Audit-Protokoll und sperren Sie es gegebenenfalls.',
      action: 'Consilium öffnen',
    },
    'case.assigned': {
      subject: 'Neuer Fall {{caseNumber}} für Sie',
      body: 'Der Fall {{caseNumber}} wurde Ihnen zugewiesen. Bitte nehmen Sie spätestens am {{firstContactDue}} den ersten Kontakt mit dem Mitglied auf.',
      action: 'Fall öffnen',
    },
    'case.first_contact_warning': {
      subject: 'Erinnerung: Erstkontakt für Fall {{caseNumber}} bald fällig',
      body: 'Mit dem Mitglied aus Fall {{caseNumber}} wurde noch kein Kontakt aufgenommen. Der Erstkontakt ist spätestens am {{firstContactDue}} fällig. Falls Sie das nicht rechtzeitig schaffen, geben Sie bitte dem Operations-Team Bescheid, damit der Fall an eine andere Person im Team übergeben werden kann.',
      action: 'Fall öffnen',
    },
    'case.first_contact_escalation': {
      subject: 'Eskalation: Erstkontakt für Fall {{caseNumber}} versäumt',
      body: 'Der Erstkontakt für Fall {{caseNumber}} war spätestens am {{firstContactDue}} fällig und wurde nicht erfasst. Zuständig für die Fallbetreuung ist {{caseManagerName}}. Bitte prüfen Sie den Fall und weisen Sie ihn bei Bedarf neu zu.',
      action: 'Fall öffnen',
    },
    'case.reassigned': {
      subject: 'Ihr Fall {{caseNumber}} hat eine neue Fallbetreuung',
      body: 'Damit es mit Ihrem Fall ohne Verzögerung weitergeht, betreut ab sofort {{caseManagerName}} Ihren Fall {{caseNumber}}. Alles, was Sie bereits geteilt haben, bleibt in Ihrem Fall – Sie müssen nichts erneut senden.',
      action: 'Ihren Fall ansehen',
    },
    'case.message_received': {
      subject: 'Neue Nachricht in Fall {{caseNumber}}',
      body: 'In Fall {{caseNumber}} wartet eine neue Nachricht auf Sie. Zum Schutz Ihrer Privatsphäre können Sie sie erst nach der Anmeldung lesen.',
      action: 'Nachricht lesen',
    },
    'case.records_requested': {
      subject: 'Unterlagen für Ihren Fall {{caseNumber}} angefordert',
      body: '{{caseManagerName}} benötigt einige Unterlagen für Ihren Fall {{caseNumber}}. Die Einzelheiten finden Sie auf der Seite Ihres Falls, wo Sie die Unterlagen auch sicher hochladen können.',
      action: 'Ansehen, was benötigt wird',
    },
    'case.recommendations_ready': {
      subject: 'Ihre Empfehlungen zu Fall {{caseNumber}} liegen vor',
      body: '{{caseManagerName}} hat nach fachärztlicher Begutachtung die Empfehlungen zu Ihrem Fall {{caseNumber}} verfasst. Sie können sie auf der Seite Ihres Falls lesen und all Ihre Fragen stellen.',
      action: 'Empfehlungen lesen',
    },
    'case.follow_up_due': {
      subject: 'Nachbetreuung zu Fall {{caseNumber}}',
      body: 'Für Fall {{caseNumber}} ist am {{dueAt}} eine Nachbetreuung geplant. Auf der Seite des Falls können Sie Neuigkeiten oder Fragen mitteilen.',
      action: 'Fall öffnen',
    },
    'case.call_scheduled': {
      subject: 'Ihr Gespräch zu Fall {{caseNumber}} ist geplant',
      body: 'Ihr Gespräch mit {{caseManagerName}} ist für {{startsAt}} geplant und dauert etwa {{durationMinutes}} Minuten. Mit der angehängten Einladung können Sie es in Ihren Kalender übernehmen.',
      action: 'Ihren Fall ansehen',
      calendarTitle: 'Consilium-Gespräch mit {{caseManagerName}} ({{caseNumber}})',
      videoJoin: 'Es ist ein Videogespräch. Zur gebuchten Zeit nehmen Sie hier teil:',
    },
    'case.closed': {
      subject: 'Ihr Fall {{caseNumber}} ist abgeschlossen',
      body: 'Ihr Fall {{caseNumber}} ist nun abgeschlossen. Danke, dass wir Sie begleiten durften. Wenn sich etwas ändert, können Sie jederzeit eine neue Zweitmeinung anfordern.\n\nMöchten Sie uns sagen, wie zufrieden Sie waren? Ihre Bewertung dauert nur eine Minute und hilft anderen Mitgliedern.',
      action: 'Service bewerten',
    },
    'review.offered': {
      subject: 'Begutachtungsanfrage {{caseNumber}}: bitte bis {{expiresAt}} antworten',
      body: 'Sie werden um eine fachärztliche Begutachtung des Falls {{caseNumber}} gebeten. Bitte nehmen Sie die Anfrage bis {{expiresAt}} in Ihrem Begutachtungsbereich an oder lehnen Sie sie ab; danach geht sie an eine andere Fachperson.\n\nZum Schutz des Mitglieds sind die Fallzusammenfassung und die Unterlagen nur im Begutachtungsbereich zu sehen.',
      action: 'Begutachtungsbereich öffnen',
    },
    'review.due_soon': {
      subject: 'Erinnerung: Ihr Gutachten zum Fall {{caseNumber}} ist bis {{dueAt}} fällig',
      body: 'Ihr schriftliches Gutachten zum Fall {{caseNumber}} ist bis {{dueAt}} fällig. Sie können es in Ihrem Begutachtungsbereich fertigstellen und absenden.',
      action: 'Begutachtung öffnen',
    },
    'review.opinions_ready': {
      subject: 'Fachärztliche Gutachten zum Fall {{caseNumber}} liegen vor',
      body: 'Alle für den Fall {{caseNumber}} angefragten Gutachten liegen vor. Sie können sie jetzt lesen und die Empfehlungen für das Mitglied schreiben.',
      action: 'Fall öffnen',
    },
    'review.offer_lapsed': {
      subject: 'Fall {{caseNumber}} braucht eine andere Fachperson',
      body: 'Eine Begutachtungsanfrage zum Fall {{caseNumber}} wurde abgelehnt oder ist abgelaufen, und es war keine weitere Person auf der Liste. Bitte wählen Sie eine andere Fachperson.',
      action: 'Fall öffnen',
    },
    'review.doctor_letter': {
      subject: 'Eine von Ihnen betreute Person teilt eine ärztliche Zweitmeinung mit Ihnen',
      body: 'Eine von Ihnen betreute Person hat bei Consilium, einem Dienst für ärztliche Zweitmeinungen, eine Zweitmeinung eingeholt und möchte Ihnen einen Brief dazu zukommen lassen.\n\nÖffnen Sie den sicheren Link unten, um den Brief zu lesen. Der Link ist nur für Sie bestimmt und gilt bis {{expiresAt}}.',
      action: 'Brief lesen',
    },
    'feedback.invitation': {
      subject: 'Wie war unser Service? Fall {{caseNumber}}',
      body: 'Ihre Empfehlungen zu Fall {{caseNumber}} liegen vor. Möchten Sie uns sagen, wie Sie den Service erlebt haben? Sie können 1 bis 5 Sterne vergeben und ein paar Worte in Ihrer Sprache schreiben; Ihre Bewertung können Sie 30 Tage lang ändern.\n\nIhre Sterne zählen, sobald Sie sie absenden. Eine unabhängige Moderation liest Ihre Worte, bevor sie auf unserer öffentlichen Seite erscheinen.',
      action: 'Service bewerten',
    },
    'feedback.review_published': {
      subject: 'Ihre Bewertung zu Fall {{caseNumber}} ist veröffentlicht',
      body: 'Danke für Ihre Bewertung unseres Service zu Fall {{caseNumber}}. Die Moderation hat sie gelesen, und sie erscheint jetzt auf unserer öffentlichen Seite.',
      action: 'Ihre Bewertung ansehen',
    },
    'feedback.review_withheld': {
      subject: 'Ihre Bewertung zu Fall {{caseNumber}}: der Text wurde nicht veröffentlicht',
      body: 'Danke für Ihre Bewertung unseres Service zu Fall {{caseNumber}}. Ihre Sterne zählen in unserer Bewertung, aber die Moderation hat Ihren Text nicht veröffentlicht. Auf der Seite Ihres Falls lesen Sie, warum, und können ihn ändern und erneut senden.',
      action: 'Ihre Bewertung ansehen',
    },
    'referral.updated': {
      subject: 'Neuigkeiten zur Überweisung in Fall {{caseNumber}}',
      body: 'Bei der Überweisung in Fall {{caseNumber}} hat sich etwas geändert. Melden Sie sich an, um es auf der Seite Ihres Falls zu lesen.',
      action: 'Fall öffnen',
    },
    'records.provider_request': {
      subject: 'Eine von Ihnen behandelte Person bittet uns, ihre Unterlagen einzuholen',
      body: 'Eine von Ihnen behandelte Person hat Consilium, einen Dienst für ärztliche Zweitmeinungen, gebeten, einige ihrer medizinischen Unterlagen bei Ihnen einzuholen, und dafür eine Freigabe unterschrieben.\n\nBitte öffnen Sie den Link unten: Er zeigt, um wen es geht, welche Unterlagen erbeten werden und die unterschriebene Freigabe, und Sie können die Unterlagen ohne Konto sicher hochladen. Der Link gilt nur für diese Anfrage und funktioniert bis {{expiresAt}}.',
      action: 'Sicheren Link öffnen',
    },
    'records.provider_reminder': {
      subject: 'Erinnerung: Unterlagen, um die eine von Ihnen behandelte Person bittet',
      body: 'Vor einigen Tagen haben wir Ihnen einen sicheren Link geschickt, um Unterlagen hochzuladen, die wir für eine von Ihnen behandelte Person einholen sollen. Bitte nutzen Sie den Link aus dieser E-Mail: Er funktioniert bis {{expiresAt}}. Wenn Ihnen diese Unterlagen nicht vorliegen, können Sie das auf derselben Seite angeben.',
      action: 'Zu dieser Anfrage',
    },
    'records.request_overdue': {
      subject:
        'Fall {{caseNumber}}: Eine behandelnde Stelle hat auf eine Anfrage nach Unterlagen nicht geantwortet',
      body: 'Der Link, den eine behandelnde Stelle für den Fall {{caseNumber}} erhalten hat, ist ohne Antwort abgelaufen. Die Anfrage steht im Bereich der behandelnden Stellen des Falls; Sie können erneut anfragen oder die Stelle kontaktieren.',
      action: 'Fall öffnen',
    },
    'privacy.export_ready': {
      subject: 'Ihr Consilium-Datenarchiv ist bereit',
      body: 'Das Archiv Ihrer Daten, das Sie angefordert haben, ist bereit. Sie können es bis {{expiresAt}} auf der Seite „Meine Daten“ Ihres Kontos herunterladen; danach können Sie jederzeit ein neues anfordern.\n\nZu Ihrer Sicherheit lässt sich das Archiv nur nach der Anmeldung herunterladen, mit dem Konto, das es angefordert hat.',
      action: 'Zu Meine Daten',
    },
    'privacy.request_answered': {
      subject: 'Ihre Anfrage zu Ihren Daten wurde beantwortet',
      body: 'Unser Datenschutzteam hat Ihre Anfrage zu Ihren personenbezogenen Daten beantwortet. Die Antwort finden Sie auf der Seite „Meine Daten“ Ihres Kontos.',
      action: 'Antwort lesen',
    },
    'followup.question_forwarded': {
      subject: 'Eine Nachfrage zum Fall {{caseNumber}}',
      body: 'Die Fallbetreuung des Falls {{caseNumber}} leitet Ihnen eine Nachfrage der versicherten Person zu Ihrem Gutachten weiter. Bitte beantworten Sie sie bis {{dueAt}} in Ihrem Begutachtungsbereich.',
      action: 'Begutachtung öffnen',
    },
    'followup.answer_due_soon': {
      subject: 'Erinnerung: Eine Nachfrage zum Fall {{caseNumber}} ist bis {{dueAt}} zu beantworten',
      body: 'Eine Nachfrage zu Ihrem Gutachten im Fall {{caseNumber}} wartet bis {{dueAt}} auf Ihre Antwort. Sie können sie in Ihrem Begutachtungsbereich beantworten.',
      action: 'Begutachtung öffnen',
    },
    'followup.answer_overdue': {
      subject: 'Fall {{caseNumber}}: Eine Nachfrage ist unbeantwortet',
      body: 'Eine Nachfrage im Fall {{caseNumber}} wurde nicht rechtzeitig beantwortet. Bitte sehen Sie sich die Nachfragen des Falls an und nehmen Sie Kontakt mit der begutachtenden Fachperson auf.',
      action: 'Fall öffnen',
    },
    'followup.answer_arrived': {
      subject: 'Eine Antwort auf Ihre Frage zum Fall {{caseNumber}} ist eingetroffen',
      body: 'Die Fachperson, die das Gutachten im Fall {{caseNumber}} erstellt hat, hat Ihre Frage beantwortet. Bitte melden Sie sich an, um die Antwort auf Ihrer Fallseite zu lesen.',
      action: 'Fall öffnen',
    },
  },
};

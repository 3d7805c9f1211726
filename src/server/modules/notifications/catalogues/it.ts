import type { Catalogue } from './en.js';

export const it: Catalogue = {
  layout: {
    greeting: 'Gentile {{name}},',
    greetingWithoutName: 'Buongiorno,',
    signOff: 'Cordiali saluti,\nIl team Secondo Parere Medico di Consilium',
    privacy:
      'Per tutelare la sua privacy, non inseriamo mai informazioni mediche nelle e-mail. Tutto ciò che riguarda il suo caso resta nel suo account protetto di Consilium.',
    noReply:
      'Questo messaggio è stato inviato automaticamente e le risposte non vengono lette. Per scriverci, usi i messaggi del suo caso.',
  },
  templates: {
    'account.welcome': {
      subject: 'Le diamo il benvenuto in Consilium',
      body: 'Il suo account è pronto. Ogni volta che ha dubbi su una diagnosi o su un piano di cura, può chiedere qui un secondo parere medico, in qualsiasi momento e da qualsiasi luogo, senza presentare una richiesta di rimborso.\n\nLa persona referente del suo caso, con formazione medica, la contatterà entro 24 ore e la seguirà nella sua lingua per tutto il tempo necessario.',
      action: 'Accedi al tuo account',
    },
    'account.sign_up_attempted': {
      subject: 'Qualcuno ha provato a creare un account con questo indirizzo e-mail',
      body: 'Qualcuno ha appena provato a creare un account Consilium con questo indirizzo e-mail. Questo indirizzo ha già un account, quindi non è stato creato né modificato nulla.\n\nSe eri tu, accedi semplicemente con la tua password. Se non eri tu, non devi fare nulla.',
      action: 'Accedi',
    },
    'account.staff_welcome': {
      subject: 'Il suo account di lavoro Consilium',
      body: 'Il nostro team operativo ha creato per lei un account Consilium con questo indirizzo e-mail. La password temporanea le viene consegnata direttamente dal team: non viene mai inviata per e-mail.\n\nAl primo accesso sceglierà la sua password e attiverà l’accesso a due fattori con un’app di autenticazione. Se fa parte della rete di specialisti, troverà poi le revisioni che le vengono proposte sulla sua scrivania delle revisioni.',
      action: 'Accedi',
    },
    'account.password_reset': {
      subject: 'Scegli una nuova password Consilium',
      body: "Qualcuno ha chiesto di scegliere una nuova password per l'account Consilium di questo indirizzo e-mail. Se la richiesta è tua, segui il link qui sotto: vale una sola volta, per {{minutes}} minuti. Quando salvi la nuova password, tutti i dispositivi collegati al tuo account vengono disconnessi.\n\nSe non l’hai fatta tu, non devi fare nulla: la tua password resta invariata.",
      action: 'Scegli una nuova password',
    },
    'account.email_verification': {
      subject: 'Conferma il tuo indirizzo e-mail per Consilium',
      body: 'Ti diamo il benvenuto su Consilium. Conferma che questo indirizzo e-mail è tuo seguendo il link qui sotto: vale per {{hours}} ore. Una volta confermato, potrai inviare la tua richiesta di secondo parere medico e ti scriveremo qui al riguardo.\n\nSe non hai creato un account Consilium, non devi fare nulla.',
      action: 'Conferma il mio indirizzo e-mail',
    },
    'case.submitted': {
      subject: 'Abbiamo ricevuto la sua richiesta {{caseNumber}}',
      body: 'Grazie per la fiducia. La persona referente del suo caso, {{caseManagerName}}, la contatterà entro {{contactBy}}.\n\nSe nel frattempo desidera aggiungere qualcosa, può farlo dalla pagina del suo caso.',
      action: 'Visualizza il caso',
    },
    'case.received': {
      subject: 'Abbiamo ricevuto la sua richiesta {{caseNumber}}',
      body: 'Grazie per la fiducia. Stiamo scegliendo la persona referente del suo caso, che la contatterà entro {{contactBy}}.\n\nSe nel frattempo desidera aggiungere qualcosa, può farlo dalla pagina del suo caso.',
      action: 'Visualizza il caso',
    },
    'case.unassigned': {
      subject: 'Il caso {{caseNumber}} è in attesa di una persona referente',
      body: 'Per il caso {{caseNumber}} nessuna persona referente con disponibilità è in turno in tempo. Il primo contatto è dovuto entro {{firstContactDue}}. Assegni il caso a una persona referente.',
      action: 'Apri il caso',
    },
    'security.access_denials_burst': {
      subject: 'Sicurezza: all’account {{accountId}} è stato negato l’accesso {{deniedCount}} volte',
      body: 'All’account {{accountId}} è stato negato {{deniedCount}} volte l’accesso a dati che non può vedere, nei cinque minuti a partire da {{windowStartsAt}}. Può trattarsi di qualcuno che prova i dati di altre persone. Controlli l’attività dell’account nel registro di audit e, se necessario, lo disattivi.',
      action: 'Apri Consilium',
    },
    'case.assigned': {
      subject: 'Nuovo caso {{caseNumber}} assegnato a lei',
      body: 'Le è stato assegnato il caso {{caseNumber}}. La preghiamo di effettuare il primo contatto con la persona assistita entro {{firstContactDue}}.',
      action: 'Apri il caso',
    },
    'case.first_contact_warning': {
      subject: 'Promemoria: primo contatto per il caso {{caseNumber}} in scadenza',
      body: 'Nessuno ha ancora preso contatto con la persona assistita del caso {{caseNumber}}. Il primo contatto va effettuato entro {{firstContactDue}}. Se non riesce a farlo in tempo, avvisi il team operativo perché il caso possa essere affidato a un’altra persona del team.',
      action: 'Apri il caso',
    },
    'case.first_contact_escalation': {
      subject: 'Escalation: primo contatto mancato per il caso {{caseNumber}}',
      body: 'Il primo contatto per il caso {{caseNumber}} era previsto entro {{firstContactDue}} e non è stato registrato. Il caso è affidato a {{caseManagerName}}. Verifichi il caso e, se necessario, lo riassegni.',
      action: 'Apri il caso',
    },
    'case.reassigned': {
      subject: 'Il suo caso {{caseNumber}} ha una nuova persona referente',
      body: 'Perché il suo caso prosegua senza ritardi, da ora {{caseManagerName}} è la persona referente del suo caso {{caseNumber}}. Tutto ciò che ha già condiviso resta nel suo caso: non deve inviare nulla di nuovo.',
      action: 'Visualizza il caso',
    },
    'case.message_received': {
      subject: 'Nuovo messaggio nel caso {{caseNumber}}',
      body: 'C’è un nuovo messaggio per lei nel caso {{caseNumber}}. Per tutelare la sua privacy, può leggerlo solo dopo aver effettuato l’accesso.',
      action: 'Leggi il messaggio',
    },
    'case.records_requested': {
      subject: 'Documenti richiesti per il suo caso {{caseNumber}}',
      body: '{{caseManagerName}} ha bisogno di alcuni documenti per il suo caso {{caseNumber}}. Trova i dettagli nella pagina del suo caso, dove può anche caricarli in modo sicuro.',
      action: 'Vedi cosa serve',
    },
    'case.recommendations_ready': {
      subject: 'Le raccomandazioni per il suo caso {{caseNumber}} sono pronte',
      body: '{{caseManagerName}} ha redatto le raccomandazioni per il suo caso {{caseNumber}}, dopo una revisione specialistica. Può leggerle nella pagina del suo caso e porre tutte le domande che desidera.',
      action: 'Leggi le raccomandazioni',
    },
    'case.follow_up_due': {
      subject: 'Follow-up del caso {{caseNumber}}',
      body: 'Per il caso {{caseNumber}} è previsto un follow-up per {{dueAt}}. Nella pagina del caso può condividere aggiornamenti o porre una domanda.',
      action: 'Apri il caso',
    },
    'case.call_scheduled': {
      subject: 'La sua chiamata per il caso {{caseNumber}} è fissata',
      body: 'La sua chiamata con {{caseManagerName}} è fissata per {{startsAt}} e durerà circa {{durationMinutes}} minuti. L’invito allegato a questa e-mail la aggiunge al suo calendario.',
      action: 'Visualizza il caso',
      calendarTitle: 'Chiamata Consilium con {{caseManagerName}} ({{caseNumber}})',
      videoJoin: 'È una videochiamata. All’ora prenotata, partecipi da qui:',
    },
    'case.closed': {
      subject: 'Il suo caso {{caseNumber}} è chiuso',
      body: 'Il suo caso {{caseNumber}} è ora chiuso. Grazie per averci permesso di accompagnarla. Se qualcosa cambia, può chiedere un nuovo parere in qualsiasi momento.\n\nCi direbbe come è andata? Valutare il servizio richiede un minuto e aiuta le altre persone assistite.',
      action: 'Valuta il servizio',
    },
    'review.offered': {
      subject: 'Richiesta di parere {{caseNumber}}: risponda entro {{expiresAt}}',
      body: 'Le chiediamo una revisione specialistica del caso {{caseNumber}}. Accetti o rifiuti la richiesta sulla sua scrivania di revisione entro {{expiresAt}}; dopo passerà a un’altra persona della rete.\n\nPer la riservatezza della persona assistita, il riepilogo del caso e i documenti sono visibili solo sulla scrivania.',
      action: 'Apri la scrivania di revisione',
    },
    'review.due_soon': {
      subject: 'Promemoria: il suo parere sul caso {{caseNumber}} è atteso entro {{dueAt}}',
      body: 'Il suo parere scritto sul caso {{caseNumber}} è atteso entro {{dueAt}}. Può completarlo e inviarlo dalla sua scrivania di revisione.',
      action: 'Apri la revisione',
    },
    'review.opinions_ready': {
      subject: 'Pareri specialistici pronti per il caso {{caseNumber}}',
      body: 'Sono arrivati tutti i pareri specialistici richiesti per il caso {{caseNumber}}. Ora può leggerli e scrivere le raccomandazioni per la persona assistita.',
      action: 'Apri il caso',
    },
    'review.offer_lapsed': {
      subject: 'Il caso {{caseNumber}} ha bisogno di un’altra persona per la revisione',
      body: 'Una richiesta di parere per il caso {{caseNumber}} è stata rifiutata o è scaduta e nella lista non restava nessun altro nome. Scelga un’altra persona della rete.',
      action: 'Apri il caso',
    },
    'review.doctor_letter': {
      subject: 'Una persona che lei segue condivide con lei un secondo parere medico',
      body: 'Una persona che lei segue ha chiesto un secondo parere a Consilium, un servizio di secondo parere medico, e ha scelto di condividere con lei una lettera in merito.\n\nApra il link sicuro qui sotto per leggere la lettera. Il link è riservato a lei e funziona fino al {{expiresAt}}.',
      action: 'Leggi la lettera',
    },
    'feedback.invitation': {
      subject: 'Com’è andato il nostro servizio? Caso {{caseNumber}}',
      body: 'Le raccomandazioni per il suo caso {{caseNumber}} sono state consegnate. Vuole dirci com’è andato il servizio? Può dargli da 1 a 5 stelle e scrivere qualche parola nella sua lingua; potrà modificare la sua recensione per 30 giorni.\n\nLe sue stelle contano appena le invia. Un moderatore indipendente legge le sue parole prima che compaiano sulla nostra pagina pubblica.',
      action: 'Valuta il servizio',
    },
    'feedback.review_published': {
      subject: 'La sua recensione del caso {{caseNumber}} è pubblicata',
      body: 'Grazie per la sua recensione del nostro servizio per il caso {{caseNumber}}. Un moderatore l’ha letta e ora compare sulla nostra pagina pubblica.',
      action: 'Vedi la recensione',
    },
    'feedback.review_withheld': {
      subject: 'La sua recensione del caso {{caseNumber}}: il testo non è stato pubblicato',
      body: 'Grazie per la sua recensione del nostro servizio per il caso {{caseNumber}}. Le sue stelle contano nella nostra valutazione, ma un moderatore non ha pubblicato il testo. Nella pagina del caso può leggere il motivo, modificarlo e inviarlo di nuovo.',
      action: 'Vedi la recensione',
    },
    'referral.updated': {
      subject: 'Novità sull’invio del caso {{caseNumber}}',
      body: 'Qualcosa è cambiato nell’invio del caso {{caseNumber}}. Acceda per leggerlo nella pagina del caso.',
      action: 'Apri il caso',
    },
    'records.provider_request': {
      subject: 'Una persona che avete in cura ci ha chiesto di raccogliere la sua documentazione',
      body: 'Una persona che avete in cura ha chiesto a Consilium, un servizio di secondo parere medico, di raccogliere presso di voi parte della sua documentazione medica, e ha firmato un’autorizzazione a questo scopo.\n\nAprite il link qui sotto: indica di chi si tratta, quali documenti sono richiesti e l’autorizzazione firmata, e vi permette di caricarli in modo sicuro, senza account. Il link vale solo per questa richiesta e funziona fino al {{expiresAt}}.',
      action: 'Apri il link sicuro',
    },
    'records.provider_reminder': {
      subject: 'Promemoria: documenti richiesti da una persona che avete in cura',
      body: 'Alcuni giorni fa vi abbiamo inviato un link sicuro per caricare documenti che una persona che avete in cura ci ha chiesto di raccogliere. Usate il link di quell’e-mail: funziona fino al {{expiresAt}}. Se non avete questi documenti, potete indicarlo nella stessa pagina.',
      action: 'Informazioni sulla richiesta',
    },
    'records.request_overdue': {
      subject: 'Caso {{caseNumber}}: una struttura non ha risposto a una richiesta di documenti',
      body: 'Il link inviato a una struttura curante per il caso {{caseNumber}} è scaduto senza risposta. Il pannello delle strutture del caso mostra la richiesta; potete ripeterla o contattare la struttura.',
      action: 'Apri il caso',
    },
    'privacy.export_ready': {
      subject: 'Il suo archivio di dati Consilium è pronto',
      body: 'L’archivio dei suoi dati che ha richiesto è pronto. Può scaricarlo dalla pagina «I miei dati» del suo account fino a {{expiresAt}}; in seguito può chiederne uno nuovo in qualsiasi momento.\n\nPer la sua sicurezza, l’archivio si può scaricare solo dopo l’accesso, dall’account che lo ha richiesto.',
      action: 'Vai a I miei dati',
    },
    'privacy.request_answered': {
      subject: 'La sua richiesta sui suoi dati ha ricevuto una risposta',
      body: 'Il nostro team per la protezione dei dati ha risposto alla sua richiesta sui suoi dati personali. Può leggere la risposta nella pagina «I miei dati» del suo account.',
      action: 'Leggi la risposta',
    },
    'followup.question_forwarded': {
      subject: 'Una domanda di approfondimento sul caso {{caseNumber}}',
      body: 'La persona referente del caso {{caseNumber}} le inoltra una domanda di approfondimento della persona assistita sul suo parere. La preghiamo di rispondere dalla sua scrivania di revisione entro il {{dueAt}}.',
      action: 'Apri la revisione',
    },
    'followup.answer_due_soon': {
      subject: 'Promemoria: una domanda di approfondimento sul caso {{caseNumber}} scade il {{dueAt}}',
      body: 'Una domanda di approfondimento sul suo parere per il caso {{caseNumber}} attende la sua risposta entro il {{dueAt}}. Può rispondere dalla sua scrivania di revisione.',
      action: 'Apri la revisione',
    },
    'followup.answer_overdue': {
      subject: 'Caso {{caseNumber}}: una domanda di approfondimento è senza risposta',
      body: 'Una domanda di approfondimento del caso {{caseNumber}} non ha ricevuto risposta in tempo. Consulti le domande di approfondimento del caso e prenda contatto con chi ha dato il parere.',
      action: 'Apri il caso',
    },
    'followup.answer_arrived': {
      subject: 'È arrivata una risposta alla sua domanda sul caso {{caseNumber}}',
      body: 'È arrivata la risposta alla sua domanda sul parere del caso {{caseNumber}}. Acceda per leggerla nella pagina del suo caso.',
      action: 'Apri il caso',
    },
  },
};

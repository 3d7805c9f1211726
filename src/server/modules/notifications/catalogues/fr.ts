import type { Catalogue } from './en.js';

export const fr: Catalogue = {
  layout: {
    greeting: 'Bonjour {{name}},',
    greetingWithoutName: 'Bonjour,',
    signOff: 'Bien cordialement,\nL’équipe Deuxième avis médical de Consilium',
    privacy:
      'Pour protéger votre vie privée, nous n’indiquons jamais de détails médicaux dans nos e-mails. Tout ce qui concerne votre dossier reste dans votre espace sécurisé Consilium.',
    noReply:
      'Ce message est envoyé automatiquement et les réponses ne sont pas lues. Pour nous écrire, utilisez la messagerie de votre dossier.',
  },
  templates: {
    'account.welcome': {
      subject: 'Bienvenue sur Consilium',
      body: 'Votre compte est prêt. Dès que vous avez un doute sur un diagnostic ou un traitement, vous pouvez demander ici un deuxième avis médical, à tout moment et où que vous soyez, sans déclarer de sinistre.\n\nVotre gestionnaire de cas, médecin, vous contactera sous 24 heures et vous accompagnera dans votre langue, aussi longtemps que vous en aurez besoin.',
      action: 'Accéder à mon compte',
    },
    'account.sign_up_attempted': {
      subject: 'Quelqu’un a essayé de créer un compte avec cette adresse e-mail',
      body: 'Quelqu’un vient d’essayer de créer un compte Consilium avec cette adresse e-mail. Cette adresse a déjà un compte : rien n’a été créé ni modifié.\n\nSi c’était vous, connectez-vous simplement avec votre mot de passe. Sinon, vous n’avez rien à faire.',
      action: 'Se connecter',
    },
    'account.staff_welcome': {
      subject: 'Votre compte professionnel Consilium',
      body: 'Notre équipe des opérations a créé pour vous un compte Consilium avec cette adresse e-mail. Elle vous remet elle-même un mot de passe temporaire : il n’est jamais envoyé par e-mail.\n\nÀ votre première connexion, vous choisissez votre propre mot de passe et activez la connexion à deux facteurs avec une application d’authentification. Si vous faites partie du réseau d’expertise, vous trouvez ensuite les avis qui vous sont proposés sur votre bureau d’expertise.',
      action: 'Se connecter',
    },
    'account.password_reset': {
      subject: 'Choisir un nouveau mot de passe Consilium',
      body: "Quelqu'un a demandé à choisir un nouveau mot de passe pour le compte Consilium de cette adresse e-mail. Si c'était vous, suivez le lien ci-dessous : il ne sert qu'une fois, pendant {{minutes}} minutes. Dès que vous enregistrez votre nouveau mot de passe, tous les appareils connectés à votre compte sont déconnectés.\n\nSi ce n'était pas vous, vous n'avez rien à faire : votre mot de passe reste inchangé.",
      action: 'Choisir un nouveau mot de passe',
    },
    'account.email_verification': {
      subject: 'Confirmez votre adresse e-mail pour Consilium',
      body: "Bienvenue sur Consilium. Confirmez que cette adresse e-mail est bien la vôtre en suivant le lien ci-dessous : il est valable {{hours}} heures. Une fois l'adresse confirmée, vous pourrez envoyer votre demande de deuxième avis médical, et nous vous écrirons ici à son sujet.\n\nSi vous n'avez pas créé de compte Consilium, vous n'avez rien à faire.",
      action: 'Confirmer mon adresse e-mail',
    },
    'case.submitted': {
      subject: 'Nous avons bien reçu votre demande {{caseNumber}}',
      body: 'Merci de votre confiance. Votre gestionnaire de cas, {{caseManagerName}}, vous contactera au plus tard le {{contactBy}}.\n\nSi vous souhaitez ajouter quelque chose d’ici là, vous pouvez le faire depuis la page de votre dossier.',
      action: 'Voir mon dossier',
    },
    'case.received': {
      subject: 'Nous avons bien reçu votre demande {{caseNumber}}',
      body: 'Merci de votre confiance. Nous choisissons votre gestionnaire de cas, qui vous contactera au plus tard le {{contactBy}}.\n\nSi vous souhaitez ajouter quelque chose d’ici là, vous pouvez le faire depuis la page de votre dossier.',
      action: 'Voir mon dossier',
    },
    'case.unassigned': {
      subject: 'Le dossier {{caseNumber}} attend une personne gestionnaire de cas',
      body: 'Aucune personne gestionnaire de cas disponible n’est en service à temps pour le dossier {{caseNumber}}. Le premier contact est dû au plus tard le {{firstContactDue}}. Merci d’attribuer le dossier à une personne gestionnaire de cas.',
      action: 'Ouvrir le dossier',
    },
    'security.access_denials_burst': {
      subject: 'Sécurité : le compte {{accountId}} s’est vu refuser l’accès {{deniedCount}} fois',
      body: 'Le compte {{accountId}} s’est vu refuser {{deniedCount}} fois l’accès à des dossiers qu’il ne peut pas voir, dans les cinq minutes à partir de {{windowStartsAt}}. Il peut s’agir d’une tentative d’accès aux dossiers d’autres personnes. Veuillez examiner l’activité du compte dans la piste d’audit et, si nécessaire, le désactiver.',
      action: 'Ouvrir Consilium',
    },
    'case.assigned': {
      subject: 'Nouveau dossier {{caseNumber}} attribué',
      body: 'Le dossier {{caseNumber}} vous a été attribué. Merci de prendre un premier contact avec la personne assurée au plus tard le {{firstContactDue}}.',
      action: 'Ouvrir le dossier',
    },
    'case.first_contact_warning': {
      subject: 'Rappel : premier contact à prendre bientôt pour le dossier {{caseNumber}}',
      body: 'Personne n’a encore pris contact avec la personne assurée du dossier {{caseNumber}}. Le premier contact doit avoir lieu au plus tard le {{firstContactDue}}. Si vous ne pouvez pas le faire à temps, prévenez l’équipe des opérations afin que le dossier soit confié à une autre personne de l’équipe.',
      action: 'Ouvrir le dossier',
    },
    'case.first_contact_escalation': {
      subject: 'Escalade : premier contact manqué pour le dossier {{caseNumber}}',
      body: 'Le premier contact du dossier {{caseNumber}} devait avoir lieu au plus tard le {{firstContactDue}} et n’a pas été enregistré. Le dossier est confié à {{caseManagerName}}. Merci de vérifier le dossier et de le réattribuer si nécessaire.',
      action: 'Ouvrir le dossier',
    },
    'case.reassigned': {
      subject: 'Votre dossier {{caseNumber}} change de gestionnaire de cas',
      body: 'Pour que votre dossier avance sans retard, {{caseManagerName}} est désormais votre gestionnaire de cas pour le dossier {{caseNumber}}. Tout ce que vous avez déjà transmis reste dans votre dossier : vous n’avez rien à renvoyer.',
      action: 'Voir mon dossier',
    },
    'case.message_received': {
      subject: 'Nouveau message dans le dossier {{caseNumber}}',
      body: 'Un nouveau message vous attend dans le dossier {{caseNumber}}. Pour protéger votre vie privée, vous pourrez le lire après connexion à votre espace.',
      action: 'Lire le message',
    },
    'case.records_requested': {
      subject: 'Documents demandés pour votre dossier {{caseNumber}}',
      body: '{{caseManagerName}} a besoin de quelques documents pour votre dossier {{caseNumber}}. Vous trouverez le détail sur la page de votre dossier, où vous pourrez aussi les déposer en toute sécurité.',
      action: 'Voir ce qui est demandé',
    },
    'case.recommendations_ready': {
      subject: 'Vos recommandations pour le dossier {{caseNumber}} sont prêtes',
      body: '{{caseManagerName}} a rédigé les recommandations pour votre dossier {{caseNumber}}, après un avis de spécialiste. Vous pouvez les lire sur la page de votre dossier et poser toutes vos questions.',
      action: 'Lire mes recommandations',
    },
    'case.follow_up_due': {
      subject: 'Suivi du dossier {{caseNumber}}',
      body: 'Un point de suivi du dossier {{caseNumber}} est prévu le {{dueAt}}. Vous pouvez donner de vos nouvelles ou poser une question sur la page du dossier.',
      action: 'Ouvrir le dossier',
    },
    'case.call_scheduled': {
      subject: 'Votre appel pour le dossier {{caseNumber}} est confirmé',
      body: 'Votre appel avec {{caseManagerName}} est prévu le {{startsAt}} et durera environ {{durationMinutes}} minutes. L’invitation jointe à cet e-mail l’ajoute à votre agenda.',
      action: 'Voir mon dossier',
      calendarTitle: 'Appel Consilium avec {{caseManagerName}} ({{caseNumber}})',
      videoJoin: 'Il s’agit d’un appel vidéo. À l’heure prévue, rejoignez-le ici :',
    },
    'case.closed': {
      subject: 'Votre dossier {{caseNumber}} est clôturé',
      body: 'Votre dossier {{caseNumber}} est désormais clôturé. Merci de nous avoir permis de vous accompagner. Si votre situation évolue, vous pouvez demander un nouvel avis à tout moment.\n\nAccepteriez-vous de nous dire comment cela s’est passé ? Votre évaluation ne prend qu’une minute et aide les autres personnes assurées.',
      action: 'Évaluer le service',
    },
    'review.offered': {
      subject: 'Demande d’avis {{caseNumber}} : merci de répondre avant le {{expiresAt}}',
      body: 'Un avis de spécialiste vous est demandé sur le dossier {{caseNumber}}. Merci d’accepter ou de refuser la demande sur votre bureau d’expertise avant le {{expiresAt}} ; passé ce délai, elle sera proposée à une autre personne du réseau.\n\nPour la confidentialité de la personne assurée, le résumé du dossier et les documents ne sont visibles que sur le bureau.',
      action: 'Ouvrir votre bureau d’expertise',
    },
    'review.due_soon': {
      subject: 'Rappel : votre avis sur le dossier {{caseNumber}} est attendu avant le {{dueAt}}',
      body: 'Votre avis écrit sur le dossier {{caseNumber}} est attendu avant le {{dueAt}}. Vous pouvez le terminer et l’envoyer depuis votre bureau d’expertise.',
      action: 'Ouvrir la demande',
    },
    'review.opinions_ready': {
      subject: 'Avis de spécialistes disponibles pour le dossier {{caseNumber}}',
      body: 'Tous les avis de spécialistes demandés pour le dossier {{caseNumber}} sont arrivés. Vous pouvez maintenant les lire et rédiger les recommandations pour la personne assurée.',
      action: 'Ouvrir le dossier',
    },
    'review.offer_lapsed': {
      subject: 'Le dossier {{caseNumber}} a besoin d’une autre personne pour l’avis',
      body: 'Une demande d’avis pour le dossier {{caseNumber}} a été refusée ou a expiré, et plus personne sur la liste ne restait à solliciter. Merci de choisir une autre personne du réseau.',
      action: 'Ouvrir le dossier',
    },
    'review.doctor_letter': {
      subject: 'Une personne que vous suivez vous transmet un deuxième avis médical',
      body: 'Une personne que vous suivez a demandé un deuxième avis médical à Consilium, un service de deuxième avis, et a choisi de vous en transmettre une lettre.\n\nOuvrez le lien sécurisé ci-dessous pour lire la lettre. Ce lien vous est réservé et fonctionne jusqu’au {{expiresAt}}.',
      action: 'Lire la lettre',
    },
    'feedback.invitation': {
      subject: 'Comment s’est passé notre service ? Dossier {{caseNumber}}',
      body: 'Vos recommandations pour le dossier {{caseNumber}} vous ont été remises. Voulez-vous nous dire comment le service s’est passé pour vous ? Vous pouvez lui donner de 1 à 5 étoiles et écrire quelques mots dans votre langue ; vous pourrez modifier votre avis pendant 30 jours.\n\nVos étoiles comptent dès leur envoi. Un modérateur indépendant lit vos mots avant qu’ils paraissent sur notre page publique.',
      action: 'Évaluer le service',
    },
    'feedback.review_published': {
      subject: 'Votre avis sur le dossier {{caseNumber}} est publié',
      body: 'Merci pour votre avis sur notre service pour le dossier {{caseNumber}}. Un modérateur l’a lu et il paraît maintenant sur notre page publique.',
      action: 'Voir votre avis',
    },
    'feedback.review_withheld': {
      subject: 'Votre avis sur le dossier {{caseNumber}} : le texte n’a pas été publié',
      body: 'Merci pour votre avis sur notre service pour le dossier {{caseNumber}}. Vos étoiles comptent dans notre note, mais un modérateur n’a pas publié votre texte. Sur la page de votre dossier, vous pouvez lire pourquoi, le modifier et l’envoyer à nouveau.',
      action: 'Voir votre avis',
    },
    'referral.updated': {
      subject: 'Du nouveau sur l’orientation du dossier {{caseNumber}}',
      body: 'Quelque chose a changé dans l’orientation du dossier {{caseNumber}}. Connectez-vous pour le lire sur la page de votre dossier.',
      action: 'Ouvrir le dossier',
    },
    'records.provider_request': {
      subject: 'Une personne que vous soignez nous a demandé de réunir son dossier',
      body: 'Une personne que vous soignez a demandé à Consilium, service de second avis médical, de réunir auprès de vous certains de ses documents médicaux, et a signé une autorisation à cet effet.\n\nVeuillez ouvrir le lien ci-dessous : il indique de qui il s’agit, quels documents sont demandés et l’autorisation signée, et vous permet de les envoyer en toute sécurité, sans compte. Le lien ne vaut que pour cette demande et fonctionne jusqu’au {{expiresAt}}.',
      action: 'Ouvrir le lien sécurisé',
    },
    'records.provider_reminder': {
      subject: 'Rappel : documents demandés par une personne que vous soignez',
      body: 'Il y a quelques jours, nous vous avons envoyé un lien sécurisé pour transmettre des documents qu’une personne que vous soignez nous a demandé de réunir. Veuillez utiliser le lien de cet e-mail : il fonctionne jusqu’au {{expiresAt}}. Si vous ne détenez pas ces documents, vous pouvez l’indiquer sur la même page.',
      action: 'À propos de cette demande',
    },
    'records.request_overdue': {
      subject: 'Dossier {{caseNumber}} : un prestataire n’a pas répondu à une demande de documents',
      body: 'Le lien envoyé à un prestataire de soins pour le dossier {{caseNumber}} a expiré sans réponse. Le panneau des prestataires du dossier affiche la demande ; vous pouvez la renouveler ou contacter le prestataire.',
      action: 'Ouvrir le dossier',
    },
    'privacy.export_ready': {
      subject: 'Votre archive de données Consilium est prête',
      body: 'L’archive de vos données que vous avez demandée est prête. Vous pouvez la télécharger depuis la page « Mes données » de votre espace jusqu’au {{expiresAt}} ; ensuite, il suffit d’en demander une nouvelle, à tout moment.\n\nPour votre sécurité, l’archive ne peut être téléchargée qu’après connexion, depuis le compte qui l’a demandée.',
      action: 'Ouvrir Mes données',
    },
    'privacy.request_answered': {
      subject: 'Votre demande concernant vos données a reçu une réponse',
      body: 'Notre équipe de protection des données a répondu à votre demande concernant vos données personnelles. Vous pouvez lire la réponse sur la page « Mes données » de votre espace.',
      action: 'Lire la réponse',
    },
    'followup.question_forwarded': {
      subject: 'Une question complémentaire sur le dossier {{caseNumber}}',
      body: 'La personne référente du dossier {{caseNumber}} vous transmet une question complémentaire de la personne assurée sur votre avis. Merci d’y répondre sur votre bureau d’avis avant le {{dueAt}}.',
      action: 'Ouvrir l’avis',
    },
    'followup.answer_due_soon': {
      subject:
        'Rappel : une question complémentaire sur le dossier {{caseNumber}} attend votre réponse avant le {{dueAt}}',
      body: 'Une question complémentaire sur votre avis pour le dossier {{caseNumber}} attend votre réponse, avant le {{dueAt}}. Vous pouvez y répondre sur votre bureau d’avis.',
      action: 'Ouvrir l’avis',
    },
    'followup.answer_overdue': {
      subject: 'Dossier {{caseNumber}} : une question complémentaire est restée sans réponse',
      body: 'Un ou une spécialiste n’a pas répondu à temps à une question complémentaire du dossier {{caseNumber}}. Merci de consulter les questions complémentaires du dossier et de prendre contact.',
      action: 'Ouvrir le dossier',
    },
    'followup.answer_arrived': {
      subject: 'Une réponse à votre question sur le dossier {{caseNumber}} est arrivée',
      body: 'Le ou la spécialiste qui a donné l’avis sur le dossier {{caseNumber}} a répondu à votre question. Connectez-vous pour lire la réponse sur la page de votre dossier.',
      action: 'Ouvrir le dossier',
    },
  },
};

import type { Catalogue } from './en.js';

export const es: Catalogue = {
  layout: {
    greeting: 'Hola, {{name}}:',
    greetingWithoutName: 'Hola:',
    signOff: 'Un cordial saludo,\nEl equipo de Segunda Opinión Médica de Consilium',
    privacy:
      'Para proteger su privacidad, nunca incluimos datos médicos en los correos electrónicos. Toda la información de su caso permanece en su cuenta segura de Consilium.',
    noReply:
      'Este mensaje se ha enviado automáticamente y las respuestas no se leen. Para escribirnos, utilice los mensajes de su caso.',
  },
  templates: {
    'account.welcome': {
      subject: 'Le damos la bienvenida a Consilium',
      body: 'Su cuenta ya está lista. Siempre que tenga dudas sobre un diagnóstico o un tratamiento, puede pedir aquí una segunda opinión médica, en cualquier momento y desde cualquier lugar, sin presentar ninguna reclamación.\n\nSu responsable de caso, profesional de la medicina, se pondrá en contacto con usted en un plazo de 24 horas y le acompañará en su idioma durante todo el tiempo que lo necesite.',
      action: 'Ir a mi cuenta',
    },
    'account.sign_up_attempted': {
      subject: 'Alguien ha intentado crear una cuenta con esta dirección de correo',
      body: 'Alguien acaba de intentar crear una cuenta de Consilium con esta dirección de correo electrónico. Esta dirección ya tiene una cuenta, así que no se ha creado ni cambiado nada.\n\nSi fue usted, inicie sesión con su contraseña. Si no fue usted, no tiene que hacer nada.',
      action: 'Iniciar sesión',
    },
    'account.staff_welcome': {
      subject: 'Su cuenta profesional de Consilium',
      body: 'Nuestro equipo de operaciones ha creado una cuenta de Consilium para usted con esta dirección de correo electrónico. Le entregará personalmente una contraseña temporal: nunca se envía por correo electrónico.\n\nAl iniciar sesión por primera vez, elegirá su propia contraseña y activará el inicio de sesión en dos pasos con una aplicación de autenticación. Si forma parte de la red de especialistas, encontrará después las revisiones que se le ofrezcan en su escritorio de revisiones.',
      action: 'Iniciar sesión',
    },
    'account.password_reset': {
      subject: 'Elija una nueva contraseña de Consilium',
      body: 'Alguien ha pedido elegir una nueva contraseña para la cuenta de Consilium de esta dirección de correo electrónico. Si fue usted, siga el enlace de abajo: solo sirve una vez, durante {{minutes}} minutos. Al guardar su nueva contraseña, se cerrará la sesión en todos los dispositivos conectados a su cuenta.\n\nSi no fue usted, no tiene que hacer nada: su contraseña no cambia.',
      action: 'Elegir una nueva contraseña',
    },
    'account.email_verification': {
      subject: 'Confirme su dirección de correo electrónico para Consilium',
      body: 'Le damos la bienvenida a Consilium. Confirme que esta dirección de correo electrónico es suya siguiendo el enlace de abajo: sirve durante {{hours}} horas. Una vez confirmada, podrá enviar su solicitud de segunda opinión médica, y le escribiremos aquí sobre ella.\n\nSi no ha creado una cuenta de Consilium, no tiene que hacer nada.',
      action: 'Confirmar mi dirección de correo',
    },
    'case.submitted': {
      subject: 'Hemos recibido su solicitud {{caseNumber}}',
      body: 'Gracias por su confianza. Su responsable de caso, {{caseManagerName}}, se pondrá en contacto con usted a más tardar el {{contactBy}}.\n\nSi mientras tanto desea añadir algo, puede hacerlo desde la página de su caso.',
      action: 'Ver mi caso',
    },
    'case.received': {
      subject: 'Hemos recibido su solicitud {{caseNumber}}',
      body: 'Gracias por su confianza. Estamos eligiendo a la persona responsable de su caso, que se pondrá en contacto con usted a más tardar el {{contactBy}}.\n\nSi mientras tanto desea añadir algo, puede hacerlo desde la página de su caso.',
      action: 'Ver mi caso',
    },
    'case.unassigned': {
      subject: 'El caso {{caseNumber}} está esperando a una persona responsable',
      body: 'No hay ninguna persona responsable de caso con capacidad de turno a tiempo para el caso {{caseNumber}}. El primer contacto vence el {{firstContactDue}}. Asigne el caso a una persona responsable.',
      action: 'Abrir el caso',
    },
    'security.access_denials_burst': {
      subject: 'Seguridad: se denegó el acceso a la cuenta {{accountId}} {{deniedCount}} veces',
      body: 'A la cuenta {{accountId}} se le ha denegado {{deniedCount}} veces el acceso a registros que no puede ver, en los cinco minutos desde {{windowStartsAt}}. Puede tratarse de un intento de probar los registros de otras personas. Revise la actividad de la cuenta en el registro de auditoría y, si es necesario, desactívela.',
      action: 'Abrir Consilium',
    },
    'case.assigned': {
      subject: 'Se le ha asignado el caso {{caseNumber}}',
      body: 'Se le ha asignado el caso {{caseNumber}}. Por favor, establezca el primer contacto con la persona asegurada a más tardar el {{firstContactDue}}.',
      action: 'Abrir el caso',
    },
    'case.first_contact_warning': {
      subject: 'Recordatorio: el primer contacto del caso {{caseNumber}} vence pronto',
      body: 'Todavía no se ha contactado con la persona asegurada del caso {{caseNumber}}. El primer contacto debe realizarse a más tardar el {{firstContactDue}}. Si no puede hacerlo a tiempo, avise al equipo de operaciones para que el caso pase a otra persona del equipo.',
      action: 'Abrir el caso',
    },
    'case.first_contact_escalation': {
      subject: 'Escalado: primer contacto no realizado en el caso {{caseNumber}}',
      body: 'El primer contacto del caso {{caseNumber}} debía realizarse a más tardar el {{firstContactDue}} y no se ha registrado. El caso está a cargo de {{caseManagerName}}. Revise el caso y reasígnelo si es necesario.',
      action: 'Abrir el caso',
    },
    'case.reassigned': {
      subject: 'Su caso {{caseNumber}} ha cambiado de responsable',
      body: 'Para que su caso siga avanzando sin retrasos, {{caseManagerName}} es ahora su responsable de caso para el caso {{caseNumber}}. Todo lo que ya nos ha enviado sigue en su caso: no tiene que volver a enviar nada.',
      action: 'Ver mi caso',
    },
    'case.message_received': {
      subject: 'Nuevo mensaje en el caso {{caseNumber}}',
      body: 'Tiene un nuevo mensaje en el caso {{caseNumber}}. Para proteger su privacidad, solo puede leerlo después de iniciar sesión.',
      action: 'Leer el mensaje',
    },
    'case.records_requested': {
      subject: 'Documentos solicitados para su caso {{caseNumber}}',
      body: '{{caseManagerName}} necesita algunos documentos para su caso {{caseNumber}}. Encontrará los detalles en la página de su caso, donde también puede subirlos de forma segura.',
      action: 'Ver qué se necesita',
    },
    'case.recommendations_ready': {
      subject: 'Las recomendaciones de su caso {{caseNumber}} están listas',
      body: '{{caseManagerName}} ha redactado las recomendaciones de su caso {{caseNumber}} tras una revisión por especialista. Puede leerlas en la página de su caso y hacer todas las preguntas que necesite.',
      action: 'Leer mis recomendaciones',
    },
    'case.follow_up_due': {
      subject: 'Seguimiento del caso {{caseNumber}}',
      body: 'Hay un seguimiento del caso {{caseNumber}} previsto para el {{dueAt}}. Puede compartir novedades o hacer cualquier pregunta en la página del caso.',
      action: 'Abrir el caso',
    },
    'case.call_scheduled': {
      subject: 'Su llamada del caso {{caseNumber}} está confirmada',
      body: 'Su llamada con {{caseManagerName}} está prevista para el {{startsAt}} y durará unos {{durationMinutes}} minutos. La invitación adjunta a este correo la añade a su calendario.',
      action: 'Ver mi caso',
      calendarTitle: 'Llamada de Consilium con {{caseManagerName}} ({{caseNumber}})',
      videoJoin: 'Es una videollamada. A la hora reservada, únase aquí:',
    },
    'case.closed': {
      subject: 'Su caso {{caseNumber}} se ha cerrado',
      body: 'Su caso {{caseNumber}} se ha cerrado. Gracias por permitirnos acompañarle. Si algo cambia, puede pedir una nueva opinión en cualquier momento.\n\n¿Nos cuenta cómo lo hemos hecho? Valorar el servicio le llevará un minuto y ayuda a otras personas afiliadas.',
      action: 'Valorar el servicio',
    },
    'review.offered': {
      subject: 'Solicitud de revisión {{caseNumber}}: responda antes del {{expiresAt}}',
      body: 'Le pedimos una revisión por especialista del caso {{caseNumber}}. Acepte o rechace la solicitud en su escritorio de revisión antes del {{expiresAt}}; después pasará a otra persona de la red.\n\nPor la privacidad de la persona asegurada, el resumen del caso y los documentos solo se muestran en el escritorio.',
      action: 'Abrir su escritorio de revisión',
    },
    'review.due_soon': {
      subject: 'Recordatorio: su opinión sobre el caso {{caseNumber}} vence el {{dueAt}}',
      body: 'Su opinión escrita sobre el caso {{caseNumber}} debe entregarse antes del {{dueAt}}. Puede terminarla y enviarla en su escritorio de revisión.',
      action: 'Abrir la revisión',
    },
    'review.opinions_ready': {
      subject: 'Opiniones de especialistas listas para el caso {{caseNumber}}',
      body: 'Ya están todas las opiniones de especialistas solicitadas para el caso {{caseNumber}}. Ahora puede leerlas y redactar las recomendaciones para la persona asegurada.',
      action: 'Abrir el caso',
    },
    'review.offer_lapsed': {
      subject: 'El caso {{caseNumber}} necesita otra persona para la revisión',
      body: 'Una oferta de revisión del caso {{caseNumber}} fue rechazada o caducó, y no quedaba nadie más en la lista. Elija a otra persona de la red.',
      action: 'Abrir el caso',
    },
    'review.doctor_letter': {
      subject: 'Una persona a la que atiende le comparte una segunda opinión médica',
      body: 'Una persona a la que usted atiende pidió una segunda opinión a Consilium, un servicio de segunda opinión médica, y ha decidido compartir con usted una carta al respecto.\n\nAbra el enlace seguro de abajo para leer la carta. El enlace es solo para usted y funciona hasta el {{expiresAt}}.',
      action: 'Leer la carta',
    },
    'feedback.invitation': {
      subject: '¿Qué le ha parecido nuestro servicio? Caso {{caseNumber}}',
      body: 'Ya tiene las recomendaciones de su caso {{caseNumber}}. ¿Nos cuenta qué le ha parecido el servicio? Puede darle de 1 a 5 estrellas y escribir unas palabras en su idioma; podrá cambiar su opinión durante 30 días.\n\nSus estrellas cuentan en cuanto las envía. Un moderador independiente lee sus palabras antes de que aparezcan en nuestra página pública.',
      action: 'Valorar el servicio',
    },
    'feedback.review_published': {
      subject: 'Su opinión sobre el caso {{caseNumber}} está publicada',
      body: 'Gracias por su opinión sobre nuestro servicio en el caso {{caseNumber}}. Un moderador la ha leído y ya aparece en nuestra página pública.',
      action: 'Ver su opinión',
    },
    'feedback.review_withheld': {
      subject: 'Su opinión sobre el caso {{caseNumber}}: el texto no se ha publicado',
      body: 'Gracias por su opinión sobre nuestro servicio en el caso {{caseNumber}}. Sus estrellas cuentan en nuestra valoración, pero un moderador no ha publicado su texto. En la página de su caso puede ver por qué, cambiarlo y enviarlo de nuevo.',
      action: 'Ver su opinión',
    },
    'referral.updated': {
      subject: 'Novedades sobre la derivación del caso {{caseNumber}}',
      body: 'Ha cambiado algo en la derivación del caso {{caseNumber}}. Inicie sesión para leerlo en la página de su caso.',
      action: 'Abrir el caso',
    },
    'records.provider_request': {
      subject: 'Una persona a la que atiende nos ha pedido reunir sus historiales',
      body: 'Una persona a la que atiende ha pedido a Consilium, un servicio de segunda opinión médica, que reúna algunos de sus documentos médicos que obran en su poder, y ha firmado una autorización para ello.\n\nAbra el enlace de abajo: indica de quién se trata, qué documentos se piden y la autorización firmada, y le permite enviarlos de forma segura, sin cuenta. El enlace sirve solo para esta solicitud y funciona hasta el {{expiresAt}}.',
      action: 'Abrir el enlace seguro',
    },
    'records.provider_reminder': {
      subject: 'Recordatorio: documentos que pidió una persona a la que atiende',
      body: 'Hace unos días le enviamos un enlace seguro para enviar documentos que una persona a la que atiende nos pidió reunir. Use el enlace de ese correo: funciona hasta el {{expiresAt}}. Si no tiene esos documentos, puede indicarlo en la misma página.',
      action: 'Sobre esta solicitud',
    },
    'records.request_overdue': {
      subject: 'Caso {{caseNumber}}: un centro no ha respondido a una solicitud de documentos',
      body: 'El enlace enviado a un centro o profesional para el caso {{caseNumber}} ha caducado sin respuesta. El panel de centros del caso muestra la solicitud; puede pedirlo de nuevo o ponerse en contacto con el centro.',
      action: 'Abrir el caso',
    },
    'privacy.export_ready': {
      subject: 'Su archivo de datos de Consilium está listo',
      body: 'El archivo con sus datos que solicitó está listo. Puede descargarlo desde la página «Mis datos» de su cuenta hasta el {{expiresAt}}; después, puede pedir uno nuevo en cualquier momento.\n\nPor su seguridad, el archivo solo puede descargarse después de iniciar sesión, desde la cuenta que lo solicitó.',
      action: 'Ir a Mis datos',
    },
    'privacy.request_answered': {
      subject: 'Su solicitud sobre sus datos tiene respuesta',
      body: 'Nuestro equipo de protección de datos ha respondido a su solicitud sobre sus datos personales. Puede leer la respuesta en la página «Mis datos» de su cuenta.',
      action: 'Leer la respuesta',
    },
    'followup.question_forwarded': {
      subject: 'Una pregunta de seguimiento sobre el caso {{caseNumber}}',
      body: 'La persona gestora del caso {{caseNumber}} le reenvía una pregunta de seguimiento de la persona asegurada sobre su opinión. Respóndala en su escritorio de revisión antes del {{dueAt}}.',
      action: 'Abrir la revisión',
    },
    'followup.answer_due_soon': {
      subject: 'Recordatorio: una pregunta de seguimiento sobre el caso {{caseNumber}} vence el {{dueAt}}',
      body: 'Una pregunta de seguimiento sobre su opinión del caso {{caseNumber}} espera su respuesta antes del {{dueAt}}. Puede responderla en su escritorio de revisión.',
      action: 'Abrir la revisión',
    },
    'followup.answer_overdue': {
      subject: 'Caso {{caseNumber}}: una pregunta de seguimiento sigue sin respuesta',
      body: 'Una pregunta de seguimiento del caso {{caseNumber}} no ha recibido respuesta a tiempo. Revise las preguntas de seguimiento del caso y póngase en contacto con quien dio la opinión.',
      action: 'Abrir el caso',
    },
    'followup.answer_arrived': {
      subject: 'Ha llegado una respuesta a su pregunta sobre el caso {{caseNumber}}',
      body: 'Ya está la respuesta a su pregunta sobre la opinión del caso {{caseNumber}}. Inicie sesión para leerla en la página de su caso.',
      action: 'Abrir el caso',
    },
  },
};

import type { Catalogue } from './en.js';

export const pt: Catalogue = {
  layout: {
    greeting: 'Olá, {{name}},',
    greetingWithoutName: 'Olá,',
    signOff: 'Atenciosamente,\nEquipe de Segunda Opinião Médica da Consilium',
    privacy:
      'Para proteger sua privacidade, nunca incluímos informações médicas nos e-mails. Tudo sobre o seu caso fica na sua conta segura da Consilium.',
    noReply:
      'Esta mensagem foi enviada automaticamente e as respostas não são lidas. Para nos escrever, use as mensagens do seu caso.',
  },
  templates: {
    'account.welcome': {
      subject: 'Boas-vindas à Consilium',
      body: 'Sua conta está pronta. Sempre que tiver dúvidas sobre um diagnóstico ou um plano de tratamento, você pode pedir aqui uma segunda opinião médica, a qualquer momento e de qualquer lugar, sem abrir um pedido de reembolso.\n\nA pessoa responsável pelo seu caso, com formação médica, vai entrar em contato em até 24 horas e acompanhar você no seu idioma pelo tempo que for preciso.',
      action: 'Acessar minha conta',
    },
    'account.sign_up_attempted': {
      subject: 'Alguém tentou criar uma conta com este endereço de e-mail',
      body: 'Alguém acabou de tentar criar uma conta Consilium com este endereço de e-mail. Este endereço já tem uma conta, por isso nada foi criado nem alterado.\n\nSe foi o próprio, basta iniciar sessão com a sua palavra-passe. Se não foi, não precisa de fazer nada.',
      action: 'Entrar',
    },
    'account.staff_welcome': {
      subject: 'Sua conta profissional na Consilium',
      body: 'Nossa equipe de operações criou uma conta na Consilium para você com este endereço de e-mail. A senha temporária é entregue pela própria equipe: ela nunca é enviada por e-mail.\n\nNo primeiro acesso, você escolhe sua própria senha e ativa o login em duas etapas com um aplicativo autenticador. Se você faz parte da rede de especialistas, encontra depois as revisões oferecidas a você na sua mesa de revisões.',
      action: 'Entrar',
    },
    'account.password_reset': {
      subject: 'Escolha uma nova palavra-passe Consilium',
      body: 'Alguém pediu para escolher uma nova palavra-passe para a conta Consilium deste endereço de e-mail. Se foi você, siga a ligação abaixo: funciona uma só vez, durante {{minutes}} minutos. Ao guardar a nova palavra-passe, todos os dispositivos com sessão iniciada na sua conta terminam a sessão.\n\nSe não foi você, não precisa de fazer nada: a sua palavra-passe continua igual.',
      action: 'Escolher uma nova palavra-passe',
    },
    'account.email_verification': {
      subject: 'Confirme o seu endereço de e-mail para a Consilium',
      body: 'Boas-vindas à Consilium. Confirme que este endereço de e-mail é seu seguindo a ligação abaixo: funciona durante {{hours}} horas. Depois de confirmado, pode enviar o seu pedido de segunda opinião médica, e escrever-lhe-emos aqui sobre ele.\n\nSe não criou uma conta Consilium, não precisa de fazer nada.',
      action: 'Confirmar o meu endereço de e-mail',
    },
    'case.submitted': {
      subject: 'Recebemos sua solicitação {{caseNumber}}',
      body: 'Obrigado pela confiança. A pessoa responsável pelo seu caso, {{caseManagerName}}, vai entrar em contato até {{contactBy}}.\n\nSe quiser acrescentar algo nesse meio-tempo, é só usar a página do seu caso.',
      action: 'Ver meu caso',
    },
    'case.received': {
      subject: 'Recebemos sua solicitação {{caseNumber}}',
      body: 'Obrigado pela confiança. Estamos escolhendo a pessoa responsável pelo seu caso, que vai entrar em contato até {{contactBy}}.\n\nSe quiser acrescentar algo nesse meio-tempo, é só usar a página do seu caso.',
      action: 'Ver meu caso',
    },
    'case.unassigned': {
      subject: 'O caso {{caseNumber}} está aguardando uma pessoa responsável',
      body: 'Nenhuma pessoa responsável por casos com disponibilidade está de plantão a tempo para o caso {{caseNumber}}. O primeiro contato vence em {{firstContactDue}}. Atribua o caso a uma pessoa responsável.',
      action: 'Abrir o caso',
    },
    'security.access_denials_burst': {
      subject: 'Segurança: o acesso foi negado à conta {{accountId}} {{deniedCount}} vezes',
      body: 'O acesso a registros que a conta {{accountId}} não pode ver foi negado {{deniedCount}} vezes nos cinco minutos a partir de {{windowStartsAt}}. Pode ser uma tentativa de acessar os registros de outras pessoas. Verifique a atividade da conta na trilha de auditoria e, se necessário, desative-a.',
      action: 'Abrir a Consilium',
    },
    'case.assigned': {
      subject: 'Novo caso {{caseNumber}} atribuído a você',
      body: 'O caso {{caseNumber}} foi atribuído a você. Faça o primeiro contato com a pessoa beneficiária até {{firstContactDue}}.',
      action: 'Abrir o caso',
    },
    'case.first_contact_warning': {
      subject: 'Lembrete: o primeiro contato do caso {{caseNumber}} vence em breve',
      body: 'Ninguém entrou em contato ainda com a pessoa beneficiária do caso {{caseNumber}}. O primeiro contato deve acontecer até {{firstContactDue}}. Se não for possível a tempo, avise a equipe de operações para que o caso seja passado a outra pessoa da equipe.',
      action: 'Abrir o caso',
    },
    'case.first_contact_escalation': {
      subject: 'Escalonamento: primeiro contato não realizado no caso {{caseNumber}}',
      body: 'O primeiro contato do caso {{caseNumber}} deveria ter acontecido até {{firstContactDue}} e não foi registrado. A pessoa responsável pelo caso é {{caseManagerName}}. Verifique o caso e reatribua-o, se necessário.',
      action: 'Abrir o caso',
    },
    'case.reassigned': {
      subject: 'Seu caso {{caseNumber}} mudou de responsável',
      body: 'Para que seu caso continue avançando sem atrasos, {{caseManagerName}} passa a ser a pessoa responsável pelo caso {{caseNumber}}. Tudo o que você já compartilhou continua no seu caso: não é preciso enviar nada de novo.',
      action: 'Ver meu caso',
    },
    'case.message_received': {
      subject: 'Nova mensagem no caso {{caseNumber}}',
      body: 'Há uma nova mensagem para você no caso {{caseNumber}}. Para proteger sua privacidade, ela só pode ser lida depois que você entrar na sua conta.',
      action: 'Ler a mensagem',
    },
    'case.records_requested': {
      subject: 'Documentos solicitados para o seu caso {{caseNumber}}',
      body: '{{caseManagerName}} precisa de alguns documentos para o seu caso {{caseNumber}}. Os detalhes estão na página do seu caso, onde você também pode enviá-los com segurança.',
      action: 'Ver o que é necessário',
    },
    'case.recommendations_ready': {
      subject: 'As recomendações do seu caso {{caseNumber}} estão prontas',
      body: '{{caseManagerName}} escreveu as recomendações para o seu caso {{caseNumber}}, após uma revisão por especialista. Você pode lê-las na página do seu caso e tirar todas as suas dúvidas.',
      action: 'Ler minhas recomendações',
    },
    'case.follow_up_due': {
      subject: 'Acompanhamento do caso {{caseNumber}}',
      body: 'Há um acompanhamento do caso {{caseNumber}} previsto para {{dueAt}}. Na página do caso, você pode contar as novidades ou tirar dúvidas.',
      action: 'Abrir o caso',
    },
    'case.call_scheduled': {
      subject: 'Sua chamada do caso {{caseNumber}} está marcada',
      body: 'Sua chamada com {{caseManagerName}} está marcada para {{startsAt}} e deve durar cerca de {{durationMinutes}} minutos. O convite anexado a este e-mail a adiciona à sua agenda.',
      action: 'Ver meu caso',
      calendarTitle: 'Chamada Consilium com {{caseManagerName}} ({{caseNumber}})',
      videoJoin: 'É uma videochamada. À hora marcada, entre aqui:',
    },
    'case.closed': {
      subject: 'Seu caso {{caseNumber}} foi encerrado',
      body: 'Seu caso {{caseNumber}} foi encerrado. Obrigado por nos deixar acompanhar você. Se algo mudar, você pode pedir uma nova opinião a qualquer momento.\n\nPode nos contar como foi? Avaliar o serviço leva um minuto e ajuda outras pessoas beneficiárias.',
      action: 'Avaliar o serviço',
    },
    'review.offered': {
      subject: 'Pedido de parecer {{caseNumber}}: responda até {{expiresAt}}',
      body: 'Pedimos-lhe uma revisão por especialista do caso {{caseNumber}}. Aceite ou recuse o pedido na sua secretária de revisão até {{expiresAt}}; depois disso, passa para outra pessoa da rede.\n\nPela privacidade da pessoa beneficiária, o resumo do caso e os documentos só aparecem na secretária.',
      action: 'Abrir a secretária de revisão',
    },
    'review.due_soon': {
      subject: 'Lembrete: o seu parecer sobre o caso {{caseNumber}} deve ser entregue até {{dueAt}}',
      body: 'O seu parecer escrito sobre o caso {{caseNumber}} deve ser entregue até {{dueAt}}. Pode concluí-lo e enviá-lo na sua secretária de revisão.',
      action: 'Abrir a revisão',
    },
    'review.opinions_ready': {
      subject: 'Pareceres de especialistas prontos para o caso {{caseNumber}}',
      body: 'Chegaram todos os pareceres de especialistas pedidos para o caso {{caseNumber}}. Já pode lê-los e escrever as recomendações para a pessoa beneficiária.',
      action: 'Abrir o caso',
    },
    'review.offer_lapsed': {
      subject: 'O caso {{caseNumber}} precisa de outra pessoa para a revisão',
      body: 'Um pedido de parecer para o caso {{caseNumber}} foi recusado ou expirou, e não restava mais ninguém na lista. Escolha outra pessoa da rede.',
      action: 'Abrir o caso',
    },
    'review.doctor_letter': {
      subject: 'Uma pessoa que acompanha partilhou consigo uma segunda opinião médica',
      body: 'Uma pessoa que acompanha pediu uma segunda opinião à Consilium, um serviço de segunda opinião médica, e escolheu partilhar consigo uma carta sobre ela.\n\nAbra a ligação segura abaixo para ler a carta. A ligação é só para si e funciona até {{expiresAt}}.',
      action: 'Ler a carta',
    },
    'feedback.invitation': {
      subject: 'Como correu o nosso serviço? Caso {{caseNumber}}',
      body: 'As recomendações do seu caso {{caseNumber}} foram entregues. Quer dizer-nos como correu o serviço? Pode dar-lhe de 1 a 5 estrelas e escrever algumas palavras na sua língua; poderá alterar a sua avaliação durante 30 dias.\n\nAs suas estrelas contam assim que as enviar. Um moderador independente lê as suas palavras antes de aparecerem na nossa página pública.',
      action: 'Avaliar o serviço',
    },
    'feedback.review_published': {
      subject: 'A sua avaliação do caso {{caseNumber}} foi publicada',
      body: 'Obrigado pela sua avaliação do nosso serviço no caso {{caseNumber}}. Um moderador leu-a e ela aparece agora na nossa página pública.',
      action: 'Ver a sua avaliação',
    },
    'feedback.review_withheld': {
      subject: 'A sua avaliação do caso {{caseNumber}}: o texto não foi publicado',
      body: 'Obrigado pela sua avaliação do nosso serviço no caso {{caseNumber}}. As suas estrelas contam na nossa classificação, mas um moderador não publicou o texto. Na página do seu caso pode ler porquê, alterá-lo e enviá-lo de novo.',
      action: 'Ver a sua avaliação',
    },
    'referral.updated': {
      subject: 'Novidades sobre o encaminhamento do caso {{caseNumber}}',
      body: 'Algo mudou no encaminhamento do caso {{caseNumber}}. Inicie sessão para o ler na página do seu caso.',
      action: 'Abrir o caso',
    },
    'records.provider_request': {
      subject: 'Uma pessoa que acompanha pediu-nos para reunir os seus registos',
      body: 'Uma pessoa que acompanha pediu à Consilium, um serviço de segunda opinião médica, que reunisse junto de si alguns dos seus registos médicos, e assinou uma autorização para isso.\n\nAbra a ligação abaixo: indica de quem se trata, que registos são pedidos e a autorização assinada, e permite-lhe enviá-los em segurança, sem conta. A ligação serve apenas para este pedido e funciona até {{expiresAt}}.',
      action: 'Abrir a ligação segura',
    },
    'records.provider_reminder': {
      subject: 'Lembrete: registos pedidos por uma pessoa que acompanha',
      body: 'Há alguns dias enviámos-lhe uma ligação segura para enviar registos que uma pessoa que acompanha nos pediu para reunir. Use a ligação desse e-mail: funciona até {{expiresAt}}. Se não tiver esses registos, pode indicá-lo na mesma página.',
      action: 'Sobre este pedido',
    },
    'records.request_overdue': {
      subject: 'Caso {{caseNumber}}: um prestador não respondeu a um pedido de registos',
      body: 'A ligação enviada a um prestador de cuidados para o caso {{caseNumber}} expirou sem resposta. O painel de prestadores do caso mostra o pedido; pode pedir de novo ou contactar o prestador.',
      action: 'Abrir o caso',
    },
    'privacy.export_ready': {
      subject: 'O seu arquivo de dados da Consilium está pronto',
      body: 'O arquivo com os seus dados que você pediu está pronto. Você pode baixá-lo na página «Os meus dados» da sua conta até {{expiresAt}}; depois disso, pode pedir um novo a qualquer momento.\n\nPara sua segurança, o arquivo só pode ser baixado depois de entrar na conta que o pediu.',
      action: 'Abrir Os meus dados',
    },
    'privacy.request_answered': {
      subject: 'O seu pedido sobre os seus dados foi respondido',
      body: 'A nossa equipa de proteção de dados respondeu ao seu pedido sobre os seus dados pessoais. Você pode ler a resposta na página «Os meus dados» da sua conta.',
      action: 'Ler a resposta',
    },
    'followup.question_forwarded': {
      subject: 'Uma pergunta de seguimento sobre o caso {{caseNumber}}',
      body: 'A equipa que acompanha o caso {{caseNumber}} reencaminhou-lhe uma pergunta de seguimento sobre o seu parecer. Responda no seu balcão de revisão até {{dueAt}}.',
      action: 'Abrir a revisão',
    },
    'followup.answer_due_soon': {
      subject: 'Lembrete: uma pergunta de seguimento sobre o caso {{caseNumber}} vence em {{dueAt}}',
      body: 'Uma pergunta de seguimento sobre o seu parecer no caso {{caseNumber}} aguarda a sua resposta até {{dueAt}}. Pode responder no seu balcão de revisão.',
      action: 'Abrir a revisão',
    },
    'followup.answer_overdue': {
      subject: 'Caso {{caseNumber}}: uma pergunta de seguimento ficou sem resposta',
      body: 'Uma pergunta de seguimento do caso {{caseNumber}} não recebeu resposta a tempo. Consulte as perguntas de seguimento do caso e entre em contacto com quem deu o parecer.',
      action: 'Abrir o caso',
    },
    'followup.answer_arrived': {
      subject: 'Chegou uma resposta à sua pergunta sobre o caso {{caseNumber}}',
      body: 'Chegou a resposta à sua pergunta sobre o parecer do caso {{caseNumber}}. Inicie sessão para a ler na página do seu caso.',
      action: 'Abrir o caso',
    },
  },
};

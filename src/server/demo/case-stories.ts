/**
 * The words of the demo's cases, in each member's language: what worried them, the diagnosis they
 * had, their question, and the case manager's recommendations. Fictional, and plausible enough for
 * the screens to read as they would in use.
 */
import type { FollowUpAction, Wellbeing } from '../../shared/outcomes.js';
import type { DiagnosisVerdict, TreatmentVerdict } from '../../shared/reviews.js';

export const demoLanguages = ['en', 'fr', 'es', 'de', 'it', 'pt', 'zh-CN', 'ar'] as const;
export type DemoLanguage = (typeof demoLanguages)[number];

export interface DemoTopic {
  /** The specialty of the specialists who review it (src/shared/specialty-taxonomy.ts). */
  specialty: string;
  /** ICD-10 code a specialist proposes when the diagnosis is refined or changed. */
  proposedCode: string;
  concern: Record<DemoLanguage, string>;
  diagnosis: Record<DemoLanguage, string>;
}

export const demoTopics: readonly DemoTopic[] = [
  {
    specialty: 'IM',
    proposedCode: 'C50.4',
    concern: {
      en: 'I was told I need chemotherapy before surgery for a breast tumour and I want to be sure.',
      fr: 'On m’a dit qu’il fallait une chimiothérapie avant l’opération d’une tumeur du sein ; je veux en être sûre.',
      es: 'Me dijeron que necesito quimioterapia antes de operar un tumor de mama y quiero estar segura.',
      de: 'Mir wurde vor der Operation eines Brusttumors eine Chemotherapie empfohlen; ich möchte sicher sein.',
      it: 'Mi hanno detto che serve la chemioterapia prima dell’intervento per un tumore al seno: voglio esserne certa.',
      pt: 'Disseram-me que preciso de quimioterapia antes da cirurgia a um tumor da mama e quero ter a certeza.',
      'zh-CN': '医生说乳腺肿瘤手术前需要化疗，我想确认一下。',
      ar: 'قيل لي إنني أحتاج إلى علاج كيميائي قبل جراحة ورم في الثدي وأريد التأكد.',
    },
    diagnosis: {
      en: 'Invasive ductal carcinoma, left breast',
      fr: 'Carcinome canalaire infiltrant du sein gauche',
      es: 'Carcinoma ductal infiltrante de mama izquierda',
      de: 'Invasives duktales Karzinom der linken Brust',
      it: 'Carcinoma duttale infiltrante della mammella sinistra',
      pt: 'Carcinoma ductal invasivo da mama esquerda',
      'zh-CN': '左乳浸润性导管癌',
      ar: 'سرطان قنوي غازٍ في الثدي الأيسر',
    },
  },
  {
    specialty: 'OS',
    proposedCode: 'M23.2',
    concern: {
      en: 'My knee surgeon wants to operate on a torn meniscus; physiotherapy has not been tried.',
      fr: 'Mon chirurgien veut opérer une déchirure du ménisque ; aucune kinésithérapie n’a été essayée.',
      es: 'Me proponen operar una rotura de menisco sin haber probado la fisioterapia.',
      de: 'Ein Meniskusriss soll operiert werden, ohne dass Physiotherapie versucht wurde.',
      it: 'Mi propongono di operare una rottura del menisco senza aver provato la fisioterapia.',
      pt: 'Propõem operar uma rotura do menisco sem ter tentado fisioterapia.',
      'zh-CN': '医生建议做半月板撕裂手术，但还没有尝试过物理治疗。',
      ar: 'يقترحون جراحة لتمزق الغضروف الهلالي دون تجربة العلاج الطبيعي.',
    },
    diagnosis: {
      en: 'Degenerative tear of the medial meniscus',
      fr: 'Déchirure dégénérative du ménisque interne',
      es: 'Rotura degenerativa del menisco interno',
      de: 'Degenerativer Innenmeniskusriss',
      it: 'Lesione degenerativa del menisco mediale',
      pt: 'Rotura degenerativa do menisco interno',
      'zh-CN': '内侧半月板退行性撕裂',
      ar: 'تمزق تنكسي في الغضروف الهلالي الإنسي',
    },
  },
  {
    specialty: 'NS',
    proposedCode: 'M51.1',
    concern: {
      en: 'Spinal fusion was proposed for back pain that has lasted a year.',
      fr: 'Une arthrodèse lombaire m’a été proposée pour un mal de dos qui dure depuis un an.',
      es: 'Me han propuesto una artrodesis lumbar por un dolor de espalda que dura un año.',
      de: 'Wegen Rückenschmerzen seit einem Jahr wurde mir eine Versteifungsoperation vorgeschlagen.',
      it: 'Mi è stata proposta un’artrodesi lombare per un mal di schiena che dura da un anno.',
      pt: 'Foi-me proposta uma artrodese lombar por uma dor nas costas que dura há um ano.',
      'zh-CN': '腰痛持续一年，医生建议做脊柱融合手术。',
      ar: 'اقتُرحت عليّ جراحة دمج الفقرات بسبب ألم في الظهر مستمر منذ عام.',
    },
    diagnosis: {
      en: 'Lumbar disc herniation L4–L5',
      fr: 'Hernie discale lombaire L4-L5',
      es: 'Hernia discal lumbar L4-L5',
      de: 'Lumbaler Bandscheibenvorfall L4/L5',
      it: 'Ernia del disco lombare L4-L5',
      pt: 'Hérnia discal lombar L4-L5',
      'zh-CN': '腰椎间盘突出 L4–L5',
      ar: 'انزلاق غضروفي قطني L4-L5',
    },
  },
  {
    specialty: 'UR',
    proposedCode: 'C61',
    concern: {
      en: 'A raised PSA led to a proposal to remove my prostate; I would like another view.',
      fr: 'Un PSA élevé a conduit à proposer l’ablation de la prostate ; je voudrais un autre avis.',
      es: 'Por un PSA alto me proponen extirpar la próstata; quisiera otra opinión.',
      de: 'Wegen eines erhöhten PSA-Werts soll die Prostata entfernt werden; ich möchte eine zweite Sicht.',
      it: 'Per un PSA alto mi propongono di asportare la prostata; vorrei un altro parere.',
      pt: 'Por um PSA elevado propõem retirar a próstata; gostaria de outra opinião.',
      'zh-CN': 'PSA 升高，医生建议切除前列腺，我想听听其他意见。',
      ar: 'بسبب ارتفاع مستضد البروستاتا اقتُرح استئصال البروستاتا، وأرغب في رأي آخر.',
    },
    diagnosis: {
      en: 'Localised prostate adenocarcinoma, Gleason 3+4',
      fr: 'Adénocarcinome prostatique localisé, Gleason 3+4',
      es: 'Adenocarcinoma de próstata localizado, Gleason 3+4',
      de: 'Lokalisiertes Prostatakarzinom, Gleason 3+4',
      it: 'Adenocarcinoma prostatico localizzato, Gleason 3+4',
      pt: 'Adenocarcinoma da próstata localizado, Gleason 3+4',
      'zh-CN': '局限性前列腺腺癌，Gleason 3+4',
      ar: 'سرطان غدي موضعي في البروستاتا، غليسون 3+4',
    },
  },
  {
    specialty: 'TS',
    proposedCode: 'I35.0',
    concern: {
      en: 'I have been told I need a heart valve replacement and would like to know the options.',
      fr: 'On m’annonce un remplacement de valve cardiaque ; je voudrais connaître les options.',
      es: 'Me dicen que necesito sustituir una válvula del corazón y quiero conocer las opciones.',
      de: 'Eine Herzklappe soll ersetzt werden; ich möchte die Möglichkeiten kennen.',
      it: 'Mi dicono che devo sostituire una valvola cardiaca e vorrei conoscere le opzioni.',
      pt: 'Dizem-me que preciso de substituir uma válvula do coração e quero conhecer as opções.',
      'zh-CN': '医生说我需要更换心脏瓣膜，我想了解有哪些选择。',
      ar: 'قيل لي إنني أحتاج إلى استبدال صمام في القلب وأود معرفة الخيارات.',
    },
    diagnosis: {
      en: 'Severe aortic stenosis',
      fr: 'Rétrécissement aortique serré',
      es: 'Estenosis aórtica grave',
      de: 'Hochgradige Aortenklappenstenose',
      it: 'Stenosi aortica severa',
      pt: 'Estenose aórtica grave',
      'zh-CN': '重度主动脉瓣狭窄',
      ar: 'تضيق شديد في الصمام الأبهري',
    },
  },
];

/**
 * The referral journeys' story (docs/referrals.md): a torn anterior cruciate ligament, for which
 * the recommendations advise a day-case arthroscopic reconstruction. Not among the random topics:
 * the demo writes it for the members the journeys follow.
 */
export const ligamentTear: DemoTopic = {
  specialty: 'OS',
  proposedCode: 'S83.5',
  concern: {
    en: 'My knee gave way playing football; the MRI shows a torn ligament and I was told I need surgery.',
    fr: 'Mon genou a lâché au football ; l’IRM montre une rupture du ligament et on me propose une opération.',
    es: 'La rodilla me falló jugando al fútbol; la resonancia muestra un ligamento roto y me proponen operar.',
    de: 'Mein Knie gab beim Fußball nach; das MRT zeigt einen Bänderriss, und mir wird eine Operation empfohlen.',
    it: 'Il ginocchio ha ceduto giocando a calcio; la risonanza mostra un legamento rotto e mi propongono l’intervento.',
    pt: 'O joelho falhou a jogar futebol; a ressonância mostra um ligamento roto e propõem-me cirurgia.',
    'zh-CN': '踢足球时膝盖扭伤，核磁共振显示韧带撕裂，医生建议手术。',
    ar: 'انثنت ركبتي أثناء لعب كرة القدم، وأظهر الرنين المغناطيسي تمزقاً في الرباط، وقيل لي إنني أحتاج إلى جراحة.',
  },
  diagnosis: {
    en: 'Rupture of the anterior cruciate ligament, right knee',
    fr: 'Rupture du ligament croisé antérieur du genou droit',
    es: 'Rotura del ligamento cruzado anterior de la rodilla derecha',
    de: 'Riss des vorderen Kreuzbands, rechtes Knie',
    it: 'Rottura del legamento crociato anteriore del ginocchio destro',
    pt: 'Rotura do ligamento cruzado anterior do joelho direito',
    'zh-CN': '右膝前交叉韧带断裂',
    ar: 'تمزق الرباط الصليبي الأمامي في الركبة اليمنى',
  },
};

export const demoQuestion: Record<DemoLanguage, string> = {
  en: 'Is this the right treatment for me, and is there an alternative?',
  fr: 'Ce traitement est-il le bon pour moi, et existe-t-il une autre option ?',
  es: '¿Es el tratamiento adecuado para mí y hay alternativa?',
  de: 'Ist diese Behandlung die richtige für mich, und gibt es eine Alternative?',
  it: 'È la cura giusta per me, e c’è un’alternativa?',
  pt: 'Este é o tratamento certo para mim, e há alternativa?',
  'zh-CN': '这是适合我的治疗吗？有没有其他选择？',
  ar: 'هل هذا هو العلاج المناسب لي، وهل يوجد بديل؟',
};

export const demoRecommendations: Record<DemoLanguage, string> = {
  en: 'The specialist reviewed your records. **Next steps**: discuss the opinion with your doctor, and we will call you in three months.',
  fr: 'Le dossier a été relu par une équipe spécialisée. **Prochaines étapes** : parlez de cet avis avec votre médecin ; nous vous appellerons dans trois mois.',
  es: 'Su historial ha sido revisado por un equipo especializado. **Próximos pasos**: comente la opinión con su médico; le llamaremos dentro de tres meses.',
  de: 'Ihre Unterlagen wurden fachlich geprüft. **Nächste Schritte**: Besprechen Sie die Zweitmeinung mit Ihrer Praxis; wir rufen Sie in drei Monaten an.',
  it: 'La documentazione è stata rivista da un’équipe specializzata. **Prossimi passi**: parlane con chi ti segue; ti chiameremo tra tre mesi.',
  pt: 'O seu processo foi revisto por uma equipa especializada. **Próximos passos**: fale sobre esta opinião com quem o acompanha; ligaremos dentro de três meses.',
  'zh-CN': '专科团队已审阅您的资料。**后续步骤**：请与您的医生讨论这份意见；我们将在三个月后致电。',
  ar: 'راجع فريق متخصص ملفك. **الخطوات التالية**: ناقش هذا الرأي مع من يتابع علاجك، وسنتصل بك بعد ثلاثة أشهر.',
};

/** The case manager's plain-language summary of a demo opinion, in the member's language. */
export const demoSummaries: Record<DemoLanguage, string> = {
  en: 'The specialist looked at your records. The diagnosis is right. The treatment plan needs a small change. Please talk about it with your doctor.',
  fr: 'Le dossier a été relu par une équipe spécialisée. Le diagnostic est juste. Le traitement demande un petit changement. Parlez-en avec votre médecin.',
  es: 'Un equipo especializado revisó su historial. El diagnóstico es correcto. El tratamiento necesita un pequeño cambio. Hable de ello con su médico.',
  de: 'Ihre Unterlagen wurden fachlich geprüft. Die Diagnose stimmt. Die Behandlung braucht eine kleine Änderung. Bitte besprechen Sie das mit Ihrer Praxis.',
  it: 'Un’équipe specializzata ha rivisto la documentazione. La diagnosi è corretta. Il trattamento richiede un piccolo cambiamento. Ne parli con chi la segue.',
  pt: 'Uma equipa especializada reviu o seu processo. O diagnóstico está certo. O tratamento precisa de uma pequena mudança. Fale sobre isto com quem o acompanha.',
  'zh-CN': '专科团队已审阅您的资料。诊断是正确的。治疗方案需要小幅调整。请与您的医生讨论。',
  ar: 'راجع فريق متخصص ملفك. التشخيص صحيح. تحتاج خطة العلاج إلى تعديل بسيط. يُرجى مناقشة ذلك مع من يتابع علاجك.',
};

/** Words of the demo's service reviews (stars from 5 down), with the moderation they get. */
export const demoServiceReviews: { stars: number; title: string; text: string; language: DemoLanguage }[] = [
  {
    stars: 5,
    language: 'en',
    title: 'Clear and kind',
    text: 'The case manager called the next morning and explained everything patiently.',
  },
  {
    stars: 5,
    language: 'fr',
    title: 'Très rassurant',
    text: 'Un appel dès le lendemain et des explications claires, dans ma langue.',
  },
  {
    stars: 4,
    language: 'es',
    title: 'Buen servicio',
    text: 'Respuesta rápida y trato cercano; el informe tardó algo más de lo esperado.',
  },
  {
    stars: 5,
    language: 'de',
    title: 'Sehr hilfreich',
    text: 'Schnelle Rückmeldung und eine verständliche Erklärung der nächsten Schritte.',
  },
  {
    stars: 4,
    language: 'it',
    title: 'Servizio attento',
    text: 'Mi hanno richiamato subito e spiegato tutto con calma.',
  },
  {
    stars: 3,
    language: 'pt',
    title: 'Razoável',
    text: 'Bom contacto, mas tive de esperar pelos documentos.',
  },
  { stars: 5, language: 'zh-CN', title: '非常专业', text: '第二天就接到电话，解释得很清楚。' },
  { stars: 4, language: 'ar', title: 'خدمة ممتازة', text: 'تواصلوا معي بسرعة وشرحوا كل شيء بلغتي.' },
  {
    stars: 2,
    language: 'en',
    title: 'Slow at first',
    text: 'It took a while to get going, though the final report was useful.',
  },
];

// Shaped like the published series: about 15 % of diagnoses changed, 37 % of treatments not kept.
export const diagnosisMix: [DiagnosisVerdict, number][] = [
  ['confirmed', 64],
  ['refined', 21],
  ['changed', 15],
];
export const treatmentMix: [TreatmentVerdict, number][] = [
  ['confirmed', 60],
  ['modified', 27],
  ['changed', 13],
];
export const actionMix: [FollowUpAction, number][] = [
  ['followed', 55],
  ['partly_followed', 20],
  ['kept_original_plan', 12],
  ['undecided', 9],
  ['other', 4],
];
export const wellbeingMix: [Wellbeing, number][] = [
  ['much_better', 20],
  ['better', 40],
  ['unchanged', 25],
  ['worse', 12],
  ['much_worse', 3],
];
export const treatmentsHad: Record<DemoLanguage, string> = {
  en: 'Treatment as recommended, with my own doctor',
  fr: 'Le traitement recommandé, avec mon médecin',
  es: 'El tratamiento recomendado, con mi médico',
  de: 'Die empfohlene Behandlung, in meiner Praxis',
  it: 'La cura raccomandata, con chi mi segue',
  pt: 'O tratamento recomendado, com quem me acompanha',
  'zh-CN': '按建议在原医院接受了治疗',
  ar: 'العلاج الموصى به مع من يتابع حالتي',
};

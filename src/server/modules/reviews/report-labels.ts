import type { DiagnosisVerdict, TreatmentVerdict } from '../../../shared/reviews.js';

/** The languages the written report is set in: those of the member-facing product. */
export const reportLanguages = ['en', 'fr', 'es', 'de', 'it', 'pt', 'zh-CN', 'ar'] as const;
export type ReportLanguage = (typeof reportLanguages)[number];

export function reportLanguageFor(tag: string | null | undefined): ReportLanguage {
  if (!tag) return 'en';
  const exact = reportLanguages.find((language) => language.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const base = tag.split(/[-_]/)[0]?.toLowerCase();
  if (base === 'zh') return 'zh-CN';
  return reportLanguages.find((language) => language === base) ?? 'en';
}

interface Labels {
  title: string;
  patient: string;
  dateOfBirth: string;
  caseNumber: string;
  opinionDate: string;
  /** A page's number in the footer: `{page}` of `{pages}`. */
  page: string;
  issuedOn: string;
  recommendations: string;
  nextSteps: string;
  opinionBy: string;
  asWritten: string;
  diagnosis: string;
  treatment: string;
  diagnosisVerdicts: Record<DiagnosisVerdict, string>;
  treatmentVerdicts: Record<TreatmentVerdict, string>;
  furtherTests: string;
  answers: string;
  narrative: string;
  references: string;
  corrected: string;
  footer: string;
}

/** The report's own words in each language; the recommendations and opinions are as written. */
export const reportLabels: Record<ReportLanguage, Labels> = {
  en: {
    title: 'Second medical opinion: written report',
    patient: 'Patient',
    dateOfBirth: 'Date of birth',
    caseNumber: 'Case',
    opinionDate: 'Date of the opinion',
    page: 'Page {page} of {pages}',
    issuedOn: 'Issued on',
    recommendations: 'Recommendations from your case manager',
    nextSteps: 'Next steps',
    opinionBy: 'Specialist opinion',
    asWritten: 'The specialist’s opinion as they wrote it.',
    diagnosis: 'Diagnosis',
    treatment: 'Treatment plan',
    diagnosisVerdicts: { confirmed: 'confirmed', refined: 'refined', changed: 'changed' },
    treatmentVerdicts: { confirmed: 'confirmed', modified: 'modified', changed: 'changed' },
    furtherTests: 'Recommended further tests',
    answers: 'Answers to your questions',
    narrative: 'The specialist’s assessment',
    references: 'References',
    corrected: 'Corrected version',
    footer:
      'This report is confidential and meant for you and the doctors you choose to share it with. Please discuss it with your case manager or your treating doctor before changing any treatment.',
  },
  fr: {
    title: 'Deuxième avis médical : rapport écrit',
    patient: 'Patient ou patiente',
    dateOfBirth: 'Date de naissance',
    caseNumber: 'Dossier',
    opinionDate: 'Date de l’avis',
    page: 'Page {page} sur {pages}',
    issuedOn: 'Établi le',
    recommendations: 'Recommandations de votre gestionnaire de cas',
    nextSteps: 'Prochaines étapes',
    opinionBy: 'Avis de spécialiste',
    asWritten: 'L’avis de spécialiste, tel qu’il a été rédigé.',
    diagnosis: 'Diagnostic',
    treatment: 'Plan de traitement',
    diagnosisVerdicts: { confirmed: 'confirmé', refined: 'précisé', changed: 'modifié' },
    treatmentVerdicts: { confirmed: 'confirmé', modified: 'ajusté', changed: 'changé' },
    furtherTests: 'Examens complémentaires recommandés',
    answers: 'Réponses à vos questions',
    narrative: 'L’analyse de spécialiste',
    references: 'Références',
    corrected: 'Version corrigée',
    footer:
      'Ce rapport est confidentiel ; il vous est destiné, ainsi qu’au personnel médical avec qui vous choisissez de le partager. Parlez-en avec votre gestionnaire de cas ou avec la personne qui vous soigne avant de modifier un traitement.',
  },
  es: {
    title: 'Segunda opinión médica: informe escrito',
    patient: 'Paciente',
    dateOfBirth: 'Fecha de nacimiento',
    caseNumber: 'Caso',
    opinionDate: 'Fecha de la opinión',
    page: 'Página {page} de {pages}',
    issuedOn: 'Emitido el',
    recommendations: 'Recomendaciones de su responsable de caso',
    nextSteps: 'Próximos pasos',
    opinionBy: 'Opinión especializada',
    asWritten: 'La opinión especializada tal como se escribió.',
    diagnosis: 'Diagnóstico',
    treatment: 'Plan de tratamiento',
    diagnosisVerdicts: { confirmed: 'confirmado', refined: 'precisado', changed: 'cambiado' },
    treatmentVerdicts: { confirmed: 'confirmado', modified: 'modificado', changed: 'cambiado' },
    furtherTests: 'Pruebas adicionales recomendadas',
    answers: 'Respuestas a sus preguntas',
    narrative: 'La valoración especializada',
    references: 'Referencias',
    corrected: 'Versión corregida',
    footer:
      'Este informe es confidencial y está destinado a usted y a los profesionales de la medicina con quienes decida compartirlo. Coméntelo con su responsable de caso o con quien le atiende antes de cambiar cualquier tratamiento.',
  },
  de: {
    title: 'Ärztliche Zweitmeinung: schriftlicher Bericht',
    patient: 'Patientin oder Patient',
    dateOfBirth: 'Geburtsdatum',
    caseNumber: 'Fall',
    opinionDate: 'Datum des Gutachtens',
    page: 'Seite {page} von {pages}',
    issuedOn: 'Ausgestellt am',
    recommendations: 'Empfehlungen Ihrer Fallbetreuung',
    nextSteps: 'Nächste Schritte',
    opinionBy: 'Fachärztliches Gutachten',
    asWritten: 'Das Gutachten im Wortlaut der begutachtenden Fachperson.',
    diagnosis: 'Diagnose',
    treatment: 'Behandlungsplan',
    diagnosisVerdicts: { confirmed: 'bestätigt', refined: 'präzisiert', changed: 'geändert' },
    treatmentVerdicts: { confirmed: 'bestätigt', modified: 'angepasst', changed: 'geändert' },
    furtherTests: 'Empfohlene weitere Untersuchungen',
    answers: 'Antworten auf Ihre Fragen',
    narrative: 'Die fachärztliche Beurteilung',
    references: 'Quellen',
    corrected: 'Berichtigte Fassung',
    footer:
      'Dieser Bericht ist vertraulich und für Sie und das ärztliche Fachpersonal bestimmt, dem Sie ihn zeigen möchten. Bitte besprechen Sie ihn mit Ihrer Fallbetreuung oder Ihrer behandelnden Arztpraxis, bevor Sie eine Behandlung ändern.',
  },
  it: {
    title: 'Secondo parere medico: relazione scritta',
    patient: 'Paziente',
    dateOfBirth: 'Data di nascita',
    caseNumber: 'Caso',
    opinionDate: 'Data del parere',
    page: 'Pagina {page} di {pages}',
    issuedOn: 'Emessa il',
    recommendations: 'Raccomandazioni della persona referente del suo caso',
    nextSteps: 'Prossimi passi',
    opinionBy: 'Parere specialistico',
    asWritten: 'Il parere specialistico così come è stato scritto.',
    diagnosis: 'Diagnosi',
    treatment: 'Piano di cura',
    diagnosisVerdicts: { confirmed: 'confermata', refined: 'precisata', changed: 'cambiata' },
    treatmentVerdicts: { confirmed: 'confermato', modified: 'modificato', changed: 'cambiato' },
    furtherTests: 'Ulteriori esami consigliati',
    answers: 'Risposte alle sue domande',
    narrative: 'La valutazione specialistica',
    references: 'Bibliografia',
    corrected: 'Versione corretta',
    footer:
      'Questa relazione è riservata ed è destinata a lei e al personale medico con cui sceglie di condividerla. Ne parli con la persona referente del suo caso o con chi l’ha in cura prima di cambiare qualsiasi terapia.',
  },
  pt: {
    title: 'Segunda opinião médica: relatório escrito',
    patient: 'Paciente',
    dateOfBirth: 'Data de nascimento',
    caseNumber: 'Caso',
    opinionDate: 'Data do parecer',
    page: 'Página {page} de {pages}',
    issuedOn: 'Emitido em',
    recommendations: 'Recomendações da pessoa responsável pelo seu caso',
    nextSteps: 'Próximos passos',
    opinionBy: 'Parecer de especialista',
    asWritten: 'O parecer de especialista tal como foi escrito.',
    diagnosis: 'Diagnóstico',
    treatment: 'Plano de tratamento',
    diagnosisVerdicts: { confirmed: 'confirmado', refined: 'precisado', changed: 'alterado' },
    treatmentVerdicts: { confirmed: 'confirmado', modified: 'ajustado', changed: 'alterado' },
    furtherTests: 'Exames adicionais recomendados',
    answers: 'Respostas às suas perguntas',
    narrative: 'A avaliação de especialista',
    references: 'Referências',
    corrected: 'Versão corrigida',
    footer:
      'Este relatório é confidencial e destina-se a si e aos profissionais de medicina com quem decidir partilhá-lo. Fale com a pessoa responsável pelo seu caso ou com quem lhe presta cuidados antes de alterar qualquer tratamento.',
  },
  'zh-CN': {
    title: '第二诊疗意见：书面报告',
    patient: '患者',
    dateOfBirth: '出生日期',
    caseNumber: '病例',
    opinionDate: '意见日期',
    page: '第 {page} 页，共 {pages} 页',
    issuedOn: '出具日期',
    recommendations: '您的个案经理给出的建议',
    nextSteps: '后续步骤',
    opinionBy: '专科医生意见',
    asWritten: '以下为专科医生撰写的原文意见。',
    diagnosis: '诊断',
    treatment: '治疗方案',
    diagnosisVerdicts: { confirmed: '维持原诊断', refined: '细化诊断', changed: '更改诊断' },
    treatmentVerdicts: { confirmed: '维持原方案', modified: '调整方案', changed: '更换方案' },
    furtherTests: '建议的进一步检查',
    answers: '对您问题的解答',
    narrative: '专科医生的评估',
    references: '参考文献',
    corrected: '更正版本',
    footer:
      '本报告为保密文件，仅供您本人及您选择分享的医生阅读。在更改任何治疗之前，请先与您的个案经理或主治医生沟通。',
  },
  ar: {
    title: 'الرأي الطبي الثاني: التقرير المكتوب',
    patient: 'المريض أو المريضة',
    dateOfBirth: 'تاريخ الميلاد',
    caseNumber: 'الحالة',
    opinionDate: 'تاريخ الرأي',
    page: 'صفحة {page} من {pages}',
    issuedOn: 'تاريخ الإصدار',
    recommendations: 'توصيات فريق متابعة حالتك',
    nextSteps: 'الخطوات التالية',
    opinionBy: 'الرأي التخصصي',
    asWritten: 'الرأي التخصصي بنصه الأصلي.',
    diagnosis: 'التشخيص',
    treatment: 'خطة العلاج',
    diagnosisVerdicts: { confirmed: 'مؤكَّد', refined: 'مُدقَّق', changed: 'مُغيَّر' },
    treatmentVerdicts: { confirmed: 'مؤكَّدة', modified: 'مُعدَّلة', changed: 'مُغيَّرة' },
    furtherTests: 'الفحوص الإضافية الموصى بها',
    answers: 'الإجابات عن أسئلتك',
    narrative: 'التقييم التخصصي',
    references: 'المراجع',
    corrected: 'نسخة مصحَّحة',
    footer:
      'هذا التقرير سري، وهو موجَّه إليك وإلى الكادر الطبي الذي يقع عليه اختيارك لمشاركته. يُرجى مناقشته مع فريق متابعة حالتك أو جهة علاجك قبل تغيير أي علاج.',
  },
};

import type { DoctorLetterLanguage } from '../../../shared/opinion-layers.js';
import type { DiagnosisVerdict, TreatmentVerdict } from '../../../shared/reviews.js';

/**
 * The letter for the member's treating doctor: its own words in each of the eight languages. The
 * specialist's words (answers, tests, assessment, references) are quoted as written, labelled with
 * the language they were written in.
 */
export interface DoctorLetterLabels {
  title: string;
  service: string;
  caseManager: string;
  treatingDoctor: string;
  reference: string;
  subject: string;
  salutation: string;
  intro: string;
  patient: string;
  dateOfBirth: string;
  diagnosisReceived: string;
  questions: string;
  verdicts: string;
  diagnosis: string;
  treatment: string;
  diagnosisVerdicts: Record<DiagnosisVerdict, string>;
  treatmentVerdicts: Record<TreatmentVerdict, string>;
  furtherTests: string;
  noFurtherTests: string;
  assessment: string;
  references: string;
  /** "{name}, written in {language}". */
  writtenIn: string;
  closing: string;
  /** "{reference} · page {page} of {pages}". */
  footer: string;
}

export const doctorLetterLabels: Record<DoctorLetterLanguage, DoctorLetterLabels> = {
  en: {
    title: 'Letter to the treating doctor',
    service: 'Consilium Second Medical Opinion service',
    caseManager: 'Case manager',
    treatingDoctor: 'To the treating doctor',
    reference: 'Reference',
    subject: 'Second medical opinion on your patient',
    salutation: 'Dear colleague,',
    intro:
      'Your patient asked our service for a second medical opinion and chose to share its conclusions with you. The specialist’s findings follow.',
    patient: 'Patient',
    dateOfBirth: 'Date of birth',
    diagnosisReceived: 'Diagnosis under review',
    questions: 'Questions asked and the specialist’s answers',
    verdicts: 'Verdicts',
    diagnosis: 'Diagnosis',
    treatment: 'Treatment plan',
    diagnosisVerdicts: { confirmed: 'confirmed', refined: 'refined', changed: 'changed' },
    treatmentVerdicts: { confirmed: 'confirmed', modified: 'modified', changed: 'changed' },
    furtherTests: 'Further tests proposed',
    noFurtherTests: 'No further tests proposed.',
    assessment: 'Assessment and treatment proposed',
    references: 'References',
    writtenIn: '{name}, written in {language}',
    closing: 'With kind regards,',
    footer: '{reference} · page {page} of {pages}',
  },
  fr: {
    title: 'Lettre au médecin traitant',
    service: 'Service de deuxième avis médical Consilium',
    caseManager: 'Gestionnaire de cas',
    treatingDoctor: 'Au médecin traitant',
    reference: 'Référence',
    subject: 'Deuxième avis médical concernant la personne que vous suivez',
    salutation: 'À l’attention de l’équipe soignante,',
    intro:
      'La personne que vous suivez a demandé un deuxième avis médical à notre service et a choisi de vous en communiquer les conclusions. Voici les constats du spécialiste.',
    patient: 'Patient ou patiente',
    dateOfBirth: 'Date de naissance',
    diagnosisReceived: 'Diagnostic examiné',
    questions: 'Questions posées et réponses du spécialiste',
    verdicts: 'Conclusions',
    diagnosis: 'Diagnostic',
    treatment: 'Plan de traitement',
    diagnosisVerdicts: { confirmed: 'confirmé', refined: 'précisé', changed: 'modifié' },
    treatmentVerdicts: { confirmed: 'confirmé', modified: 'ajusté', changed: 'modifié' },
    furtherTests: 'Examens complémentaires proposés',
    noFurtherTests: 'Aucun examen complémentaire proposé.',
    assessment: 'Appréciation et traitement proposé',
    references: 'Références',
    writtenIn: '{name}, rédigé en {language}',
    closing: 'Avec nos salutations distinguées,',
    footer: '{reference} · page {page} sur {pages}',
  },
  es: {
    title: 'Carta para el médico tratante',
    service: 'Servicio de segunda opinión médica Consilium',
    caseManager: 'Responsable de caso',
    treatingDoctor: 'Al equipo médico que atiende a la persona',
    reference: 'Referencia',
    subject: 'Segunda opinión médica sobre la persona a la que atiende',
    salutation: 'Estimado equipo médico:',
    intro:
      'Su paciente pidió una segunda opinión médica a nuestro servicio y ha decidido compartir con usted sus conclusiones. A continuación figuran los hallazgos del especialista.',
    patient: 'Paciente',
    dateOfBirth: 'Fecha de nacimiento',
    diagnosisReceived: 'Diagnóstico revisado',
    questions: 'Preguntas planteadas y respuestas del especialista',
    verdicts: 'Conclusiones',
    diagnosis: 'Diagnóstico',
    treatment: 'Plan de tratamiento',
    diagnosisVerdicts: { confirmed: 'confirmado', refined: 'precisado', changed: 'cambiado' },
    treatmentVerdicts: { confirmed: 'confirmado', modified: 'ajustado', changed: 'cambiado' },
    furtherTests: 'Pruebas adicionales propuestas',
    noFurtherTests: 'No se proponen pruebas adicionales.',
    assessment: 'Valoración y tratamiento propuesto',
    references: 'Referencias',
    writtenIn: '{name}, redactado en {language}',
    closing: 'Atentamente,',
    footer: '{reference} · página {page} de {pages}',
  },
  de: {
    title: 'Brief an die behandelnde Praxis',
    service: 'Consilium – Dienst für ärztliche Zweitmeinungen',
    caseManager: 'Fallbetreuung',
    treatingDoctor: 'An die behandelnde Praxis',
    reference: 'Referenz',
    subject: 'Ärztliche Zweitmeinung zu einer von Ihnen betreuten Person',
    salutation: 'Guten Tag,',
    intro:
      'Die von Ihnen betreute Person hat bei unserem Dienst eine ärztliche Zweitmeinung eingeholt und möchte Ihnen deren Ergebnisse mitteilen. Es folgen die Befunde der Fachärztin oder des Facharztes.',
    patient: 'Patientin oder Patient',
    dateOfBirth: 'Geburtsdatum',
    diagnosisReceived: 'Geprüfte Diagnose',
    questions: 'Gestellte Fragen und fachärztliche Antworten',
    verdicts: 'Ergebnisse',
    diagnosis: 'Diagnose',
    treatment: 'Behandlungsplan',
    diagnosisVerdicts: { confirmed: 'bestätigt', refined: 'präzisiert', changed: 'geändert' },
    treatmentVerdicts: { confirmed: 'bestätigt', modified: 'angepasst', changed: 'geändert' },
    furtherTests: 'Vorgeschlagene weitere Untersuchungen',
    noFurtherTests: 'Keine weiteren Untersuchungen vorgeschlagen.',
    assessment: 'Beurteilung und vorgeschlagene Behandlung',
    references: 'Literatur',
    writtenIn: '{name}, verfasst auf {language}',
    closing: 'Mit freundlichen Grüßen',
    footer: '{reference} · Seite {page} von {pages}',
  },
  it: {
    title: 'Lettera per l’équipe curante',
    service: 'Servizio di secondo parere medico Consilium',
    caseManager: 'Persona referente del caso',
    treatingDoctor: 'All’équipe curante',
    reference: 'Riferimento',
    subject: 'Secondo parere medico sulla persona che lei segue',
    salutation: 'Alla cortese attenzione dell’équipe medica,',
    intro:
      'La persona che lei segue ha chiesto un secondo parere medico al nostro servizio e ha scelto di condividerne con lei le conclusioni. Seguono i rilievi dello specialista.',
    patient: 'Paziente',
    dateOfBirth: 'Data di nascita',
    diagnosisReceived: 'Diagnosi esaminata',
    questions: 'Domande poste e risposte dello specialista',
    verdicts: 'Conclusioni',
    diagnosis: 'Diagnosi',
    treatment: 'Piano di trattamento',
    diagnosisVerdicts: { confirmed: 'confermata', refined: 'precisata', changed: 'cambiata' },
    treatmentVerdicts: { confirmed: 'confermato', modified: 'modificato', changed: 'cambiato' },
    furtherTests: 'Ulteriori esami proposti',
    noFurtherTests: 'Nessun ulteriore esame proposto.',
    assessment: 'Valutazione e trattamento proposto',
    references: 'Bibliografia',
    writtenIn: '{name}, scritto in {language}',
    closing: 'Cordiali saluti,',
    footer: '{reference} · pagina {page} di {pages}',
  },
  pt: {
    title: 'Carta para o médico assistente',
    service: 'Serviço de segunda opinião médica Consilium',
    caseManager: 'Pessoa responsável pelo caso',
    treatingDoctor: 'À equipa médica assistente',
    reference: 'Referência',
    subject: 'Segunda opinião médica sobre a pessoa que acompanha',
    salutation: 'Cara equipa médica,',
    intro:
      'A pessoa que acompanha pediu uma segunda opinião médica ao nosso serviço e escolheu partilhar consigo as conclusões. Seguem-se as observações do especialista.',
    patient: 'Paciente',
    dateOfBirth: 'Data de nascimento',
    diagnosisReceived: 'Diagnóstico revisto',
    questions: 'Perguntas feitas e respostas do especialista',
    verdicts: 'Conclusões',
    diagnosis: 'Diagnóstico',
    treatment: 'Plano de tratamento',
    diagnosisVerdicts: { confirmed: 'confirmado', refined: 'precisado', changed: 'alterado' },
    treatmentVerdicts: { confirmed: 'confirmado', modified: 'ajustado', changed: 'alterado' },
    furtherTests: 'Exames adicionais propostos',
    noFurtherTests: 'Não são propostos exames adicionais.',
    assessment: 'Avaliação e tratamento proposto',
    references: 'Referências',
    writtenIn: '{name}, escrito em {language}',
    closing: 'Com os melhores cumprimentos,',
    footer: '{reference} · página {page} de {pages}',
  },
  'zh-CN': {
    title: '致主治医生的信',
    service: 'Consilium 第二医疗意见服务',
    caseManager: '个案经理',
    treatingDoctor: '致主治医生',
    reference: '编号',
    subject: '关于您的患者的第二医疗意见',
    salutation: '尊敬的同仁：',
    intro: '您的患者向本服务申请了第二医疗意见，并选择将结论告知您。以下为专科医生的意见。',
    patient: '患者',
    dateOfBirth: '出生日期',
    diagnosisReceived: '所审阅的诊断',
    questions: '所提问题及专科医生的回答',
    verdicts: '结论',
    diagnosis: '诊断',
    treatment: '治疗方案',
    diagnosisVerdicts: { confirmed: '确认', refined: '细化', changed: '更改' },
    treatmentVerdicts: { confirmed: '确认', modified: '调整', changed: '更改' },
    furtherTests: '建议的进一步检查',
    noFurtherTests: '未建议进一步检查。',
    assessment: '评估及建议的治疗',
    references: '参考文献',
    writtenIn: '{name}，以{language}撰写',
    closing: '此致敬礼',
    footer: '{reference} · 第 {page} 页，共 {pages} 页',
  },
  ar: {
    title: 'رسالة إلى الطبيب المعالج',
    service: 'خدمة Consilium للرأي الطبي الثاني',
    caseManager: 'فريق متابعة الحالة',
    treatingDoctor: 'إلى الطبيب المعالج',
    reference: 'المرجع',
    subject: 'رأي طبي ثانٍ بشأن مريضكم',
    salutation: 'إلى الفريق الطبي المحترم،',
    intro:
      'طلب مريضكم من خدمتنا رأيًا طبيًا ثانيًا واختار مشاركتكم استنتاجاته. وفيما يلي ما خلص إليه الطبيب الأخصائي.',
    patient: 'المريض',
    dateOfBirth: 'تاريخ الميلاد',
    diagnosisReceived: 'التشخيص موضوع المراجعة',
    questions: 'الأسئلة المطروحة وإجابات الأخصائي',
    verdicts: 'الاستنتاجات',
    diagnosis: 'التشخيص',
    treatment: 'خطة العلاج',
    diagnosisVerdicts: { confirmed: 'مؤكَّد', refined: 'مُدقَّق', changed: 'مُغيَّر' },
    treatmentVerdicts: { confirmed: 'مؤكَّدة', modified: 'معدَّلة', changed: 'مُغيَّرة' },
    furtherTests: 'الفحوص الإضافية المقترحة',
    noFurtherTests: 'لا توجد فحوص إضافية مقترحة.',
    assessment: 'التقييم والعلاج المقترح',
    references: 'المراجع',
    writtenIn: '{name}، مكتوب باللغة {language}',
    closing: 'مع خالص التحيات،',
    footer: '{reference} · الصفحة {page} من {pages}',
  },
};

export const fillIn = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);

/** A language's name in the reader's language ("English", "anglais", "英语"). */
export function languageName(tag: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

import type { DocumentKind } from '../../../shared/documents.js';
import type { ProviderLanguage } from '../../../shared/records.js';

/** The words of the signed release (the PDF filed among the case's documents), in each language. */
export interface ReleaseLabels {
  documentTitle: string;
  title: string;
  statement: string;
  patient: string;
  dateOfBirth: string;
  provider: string;
  records: string;
  validUntil: string;
  withdrawal: string;
  signedBy: string;
  signedAt: string;
  clientAddress: string;
  caseNumber: string;
  kinds: Record<DocumentKind, string>;
}

export const releaseLabels: Record<ProviderLanguage, ReleaseLabels> = {
  en: {
    documentTitle: 'Signed release of records',
    title: 'Authorisation to release medical records',
    statement:
      'I authorise the provider named below to release to Consilium, for my second medical opinion, the kinds of records listed, until the date given.',
    patient: 'Patient',
    dateOfBirth: 'Date of birth',
    provider: 'Provider',
    records: 'Records',
    validUntil: 'Valid until',
    withdrawal:
      'I may withdraw this authorisation at any time on my case page; the provider’s link then stops working at once.',
    signedBy: 'Signed (typed name)',
    signedAt: 'Signed at (UTC)',
    clientAddress: 'From the address',
    caseNumber: 'Case',
    kinds: {
      report: 'Reports',
      prescription: 'Prescriptions',
      test_result: 'Test results',
      imaging: 'Imaging',
      letter: 'Letters',
      other: 'Other records',
    },
  },
  fr: {
    documentTitle: 'Autorisation signée de transmission de dossiers',
    title: 'Autorisation de transmission du dossier médical',
    statement:
      'J’autorise le prestataire désigné ci-dessous à transmettre à Consilium, pour mon second avis médical, les types de documents indiqués, jusqu’à la date indiquée.',
    patient: 'Patient ou patiente',
    dateOfBirth: 'Date de naissance',
    provider: 'Prestataire',
    records: 'Documents',
    validUntil: 'Valable jusqu’au',
    withdrawal:
      'Je peux retirer cette autorisation à tout moment sur la page de mon dossier ; le lien du prestataire cesse alors aussitôt de fonctionner.',
    signedBy: 'Signé (nom saisi)',
    signedAt: 'Signé le (UTC)',
    clientAddress: 'Depuis l’adresse',
    caseNumber: 'Dossier',
    kinds: {
      report: 'Comptes rendus',
      prescription: 'Ordonnances',
      test_result: 'Résultats d’examens',
      imaging: 'Imagerie',
      letter: 'Courriers',
      other: 'Autres documents',
    },
  },
  es: {
    documentTitle: 'Autorización firmada de entrega de historiales',
    title: 'Autorización para la entrega de historiales médicos',
    statement:
      'Autorizo al centro o profesional indicado a continuación a entregar a Consilium, para mi segunda opinión médica, los tipos de documentos indicados, hasta la fecha señalada.',
    patient: 'Paciente',
    dateOfBirth: 'Fecha de nacimiento',
    provider: 'Centro o profesional',
    records: 'Documentos',
    validUntil: 'Válida hasta',
    withdrawal:
      'Puedo retirar esta autorización en cualquier momento en la página de mi caso; el enlace del centro deja de funcionar en ese mismo instante.',
    signedBy: 'Firmado (nombre escrito)',
    signedAt: 'Firmado el (UTC)',
    clientAddress: 'Desde la dirección',
    caseNumber: 'Caso',
    kinds: {
      report: 'Informes',
      prescription: 'Recetas',
      test_result: 'Resultados de pruebas',
      imaging: 'Imágenes',
      letter: 'Cartas',
      other: 'Otros documentos',
    },
  },
  de: {
    documentTitle: 'Unterschriebene Freigabe von Unterlagen',
    title: 'Einwilligung zur Herausgabe medizinischer Unterlagen',
    statement:
      'Ich ermächtige die unten genannte behandelnde Stelle, Consilium für meine ärztliche Zweitmeinung die aufgeführten Arten von Unterlagen bis zum angegebenen Datum zu übermitteln.',
    patient: 'Patientin oder Patient',
    dateOfBirth: 'Geburtsdatum',
    provider: 'Behandelnde Stelle',
    records: 'Unterlagen',
    validUntil: 'Gültig bis',
    withdrawal:
      'Ich kann diese Einwilligung jederzeit auf meiner Fallseite widerrufen; der Link der behandelnden Stelle funktioniert dann sofort nicht mehr.',
    signedBy: 'Unterschrieben (getippter Name)',
    signedAt: 'Unterschrieben am (UTC)',
    clientAddress: 'Von der Adresse',
    caseNumber: 'Fall',
    kinds: {
      report: 'Befunde',
      prescription: 'Rezepte',
      test_result: 'Testergebnisse',
      imaging: 'Bildgebung',
      letter: 'Briefe',
      other: 'Sonstige Unterlagen',
    },
  },
  it: {
    documentTitle: 'Autorizzazione firmata al rilascio della documentazione',
    title: 'Autorizzazione al rilascio della documentazione medica',
    statement:
      'Autorizzo la struttura indicata di seguito a rilasciare a Consilium, per il mio secondo parere medico, i tipi di documenti elencati, fino alla data indicata.',
    patient: 'Paziente',
    dateOfBirth: 'Data di nascita',
    provider: 'Struttura curante',
    records: 'Documenti',
    validUntil: 'Valida fino al',
    withdrawal:
      'Posso revocare questa autorizzazione in qualsiasi momento dalla pagina del mio caso; il link della struttura smette subito di funzionare.',
    signedBy: 'Firmato (nome digitato)',
    signedAt: 'Firmato il (UTC)',
    clientAddress: 'Dall’indirizzo',
    caseNumber: 'Caso',
    kinds: {
      report: 'Referti',
      prescription: 'Prescrizioni',
      test_result: 'Risultati di esami',
      imaging: 'Immagini diagnostiche',
      letter: 'Lettere',
      other: 'Altri documenti',
    },
  },
  pt: {
    documentTitle: 'Autorização assinada de envio de registos',
    title: 'Autorização para envio de registos médicos',
    statement:
      'Autorizo o prestador indicado abaixo a enviar à Consilium, para a minha segunda opinião médica, os tipos de registos indicados, até à data indicada.',
    patient: 'Paciente',
    dateOfBirth: 'Data de nascimento',
    provider: 'Prestador',
    records: 'Registos',
    validUntil: 'Válida até',
    withdrawal:
      'Posso retirar esta autorização a qualquer momento na página do meu caso; a ligação do prestador deixa de funcionar de imediato.',
    signedBy: 'Assinado (nome escrito)',
    signedAt: 'Assinado em (UTC)',
    clientAddress: 'A partir do endereço',
    caseNumber: 'Caso',
    kinds: {
      report: 'Relatórios',
      prescription: 'Receitas',
      test_result: 'Resultados de exames',
      imaging: 'Imagiologia',
      letter: 'Cartas',
      other: 'Outros registos',
    },
  },
  'zh-CN': {
    documentTitle: '已签署的病历授权书',
    title: '医疗记录提供授权书',
    statement: '本人授权下列医疗机构在所示日期之前，为本人的第二诊疗意见向 Consilium 提供所列类型的记录。',
    patient: '患者',
    dateOfBirth: '出生日期',
    provider: '医疗机构',
    records: '记录',
    validUntil: '有效期至',
    withdrawal: '本人可随时在病例页面撤回此授权；医疗机构的链接将立即失效。',
    signedBy: '签名（输入的姓名）',
    signedAt: '签署时间（UTC）',
    clientAddress: '来源地址',
    caseNumber: '病例',
    kinds: {
      report: '报告',
      prescription: '处方',
      test_result: '检查结果',
      imaging: '影像',
      letter: '信函',
      other: '其他记录',
    },
  },
  ar: {
    documentTitle: 'تفويض موقّع بإرسال السجلات',
    title: 'تفويض بإرسال السجلات الطبية',
    statement:
      'أفوّض مقدّم الرعاية المذكور أدناه بأن يرسل إلى Consilium، من أجل رأيي الطبي الثاني، أنواع السجلات المذكورة حتى التاريخ المحدد.',
    patient: 'المريض أو المريضة',
    dateOfBirth: 'تاريخ الميلاد',
    provider: 'مقدّم الرعاية',
    records: 'السجلات',
    validUntil: 'صالح حتى',
    withdrawal: 'يمكنني سحب هذا التفويض في أي وقت من صفحة حالتي؛ ويتوقف رابط مقدّم الرعاية عن العمل فورًا.',
    signedBy: 'التوقيع (الاسم المكتوب)',
    signedAt: 'وقت التوقيع (UTC)',
    clientAddress: 'من العنوان',
    caseNumber: 'الحالة',
    kinds: {
      report: 'التقارير',
      prescription: 'الوصفات الطبية',
      test_result: 'نتائج الفحوص',
      imaging: 'التصوير الطبي',
      letter: 'الرسائل',
      other: 'سجلات أخرى',
    },
  },
};

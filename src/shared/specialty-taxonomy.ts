/**
 * The specialty taxonomy of the review network: the specialties of the recognised medical specialty
 * boards (the ABMS member boards) and the sub-specialties they certify (with a few fellowship
 * areas that the network is asked for as often), each with a stable code and its name in the
 * eight languages the product is written in.
 *
 * Codes never change meaning: a retired entry stays here so that stored codes still read. A
 * sub-specialty's code starts with its specialty's code.
 */

export const specialtyLocales = ['en', 'fr', 'es', 'de', 'it', 'pt', 'zh-CN', 'ar'] as const;
export type SpecialtyLocale = (typeof specialtyLocales)[number];

export interface SpecialtyEntry {
  code: string;
  /** The specialty a sub-specialty belongs to; `null` for a specialty. */
  parent: string | null;
  /** The certifying board it is modelled on (`fellowship` for areas without a board certificate). */
  board: string;
  names: Record<SpecialtyLocale, string>;
}

type Row = [
  code: string,
  parent: string | null,
  board: string,
  en: string,
  fr: string,
  es: string,
  de: string,
  it: string,
  pt: string,
  zhCN: string,
  ar: string,
];

// prettier-ignore
const rows: Row[] = [
  // --- Specialties (primary board certificates).
  ['AI', null, 'ABAI', 'Allergy and immunology', 'Allergologie et immunologie', 'Alergología e inmunología', 'Allergologie und Immunologie', 'Allergologia e immunologia', 'Alergia e imunologia', '变态反应与免疫学', 'الحساسية والمناعة'],
  ['AN', null, 'ABA', 'Anesthesiology', 'Anesthésiologie', 'Anestesiología', 'Anästhesiologie', 'Anestesiologia', 'Anestesiologia', '麻醉学', 'التخدير'],
  ['CRS', null, 'ABCRS', 'Colon and rectal surgery', 'Chirurgie colorectale', 'Cirugía colorrectal', 'Koloproktologie', 'Chirurgia colorettale', 'Coloproctologia', '结直肠外科', 'جراحة القولون والمستقيم'],
  ['DE', null, 'ABD', 'Dermatology', 'Dermatologie', 'Dermatología', 'Dermatologie', 'Dermatologia', 'Dermatologia', '皮肤病学', 'الأمراض الجلدية'],
  ['EM', null, 'ABEM', 'Emergency medicine', 'Médecine d’urgence', 'Medicina de urgencias', 'Notfallmedizin', 'Medicina d’urgenza', 'Medicina de emergência', '急诊医学', 'طب الطوارئ'],
  ['FM', null, 'ABFM', 'Family medicine', 'Médecine générale', 'Medicina familiar', 'Allgemeinmedizin', 'Medicina generale', 'Medicina de família', '全科医学', 'طب الأسرة'],
  ['IM', null, 'ABIM', 'Internal medicine', 'Médecine interne', 'Medicina interna', 'Innere Medizin', 'Medicina interna', 'Clínica médica', '内科学', 'الطب الباطني'],
  ['MG', null, 'ABMGG', 'Medical genetics and genomics', 'Génétique médicale', 'Genética médica', 'Humangenetik', 'Genetica medica', 'Genética médica', '医学遗传学', 'علم الوراثة الطبية'],
  ['NS', null, 'ABNS', 'Neurological surgery', 'Neurochirurgie', 'Neurocirugía', 'Neurochirurgie', 'Neurochirurgia', 'Neurocirurgia', '神经外科', 'جراحة الأعصاب'],
  ['NM', null, 'ABNM', 'Nuclear medicine', 'Médecine nucléaire', 'Medicina nuclear', 'Nuklearmedizin', 'Medicina nucleare', 'Medicina nuclear', '核医学', 'الطب النووي'],
  ['OG', null, 'ABOG', 'Obstetrics and gynecology', 'Gynécologie-obstétrique', 'Obstetricia y ginecología', 'Frauenheilkunde und Geburtshilfe', 'Ostetricia e ginecologia', 'Ginecologia e obstetrícia', '妇产科学', 'أمراض النساء والتوليد'],
  ['OP', null, 'ABO', 'Ophthalmology', 'Ophtalmologie', 'Oftalmología', 'Augenheilkunde', 'Oftalmologia', 'Oftalmologia', '眼科学', 'طب العيون'],
  ['OS', null, 'ABOS', 'Orthopaedic surgery', 'Chirurgie orthopédique', 'Cirugía ortopédica y traumatología', 'Orthopädie und Unfallchirurgie', 'Ortopedia e traumatologia', 'Ortopedia e traumatologia', '骨科', 'جراحة العظام'],
  ['OT', null, 'ABOto', 'Otolaryngology – head and neck surgery', 'Oto-rhino-laryngologie et chirurgie cervico-faciale', 'Otorrinolaringología y cirugía de cabeza y cuello', 'Hals-Nasen-Ohrenheilkunde', 'Otorinolaringoiatria', 'Otorrinolaringologia', '耳鼻咽喉头颈外科', 'طب الأنف والأذن والحنجرة وجراحة الرأس والعنق'],
  ['PA', null, 'ABPath', 'Pathology', 'Anatomie et cytologie pathologiques', 'Anatomía patológica', 'Pathologie', 'Anatomia patologica', 'Patologia', '病理学', 'علم الأمراض'],
  ['PE', null, 'ABP', 'Pediatrics', 'Pédiatrie', 'Pediatría', 'Kinder- und Jugendmedizin', 'Pediatria', 'Pediatria', '儿科学', 'طب الأطفال'],
  ['PM', null, 'ABPMR', 'Physical medicine and rehabilitation', 'Médecine physique et de réadaptation', 'Medicina física y rehabilitación', 'Physikalische und Rehabilitative Medizin', 'Medicina fisica e riabilitativa', 'Medicina física e reabilitação', '物理医学与康复', 'الطب الطبيعي وإعادة التأهيل'],
  ['PS', null, 'ABPS', 'Plastic surgery', 'Chirurgie plastique, reconstructrice et esthétique', 'Cirugía plástica, estética y reparadora', 'Plastische und Ästhetische Chirurgie', 'Chirurgia plastica e ricostruttiva', 'Cirurgia plástica', '整形外科', 'الجراحة التجميلية والترميمية'],
  ['PV', null, 'ABPM', 'Preventive medicine', 'Santé publique et médecine préventive', 'Medicina preventiva y salud pública', 'Präventivmedizin', 'Medicina preventiva', 'Medicina preventiva', '预防医学', 'الطب الوقائي'],
  ['PY', null, 'ABPN', 'Psychiatry', 'Psychiatrie', 'Psiquiatría', 'Psychiatrie und Psychotherapie', 'Psichiatria', 'Psiquiatria', '精神病学', 'الطب النفسي'],
  ['NE', null, 'ABPN', 'Neurology', 'Neurologie', 'Neurología', 'Neurologie', 'Neurologia', 'Neurologia', '神经病学', 'طب الأعصاب'],
  ['DR', null, 'ABR', 'Diagnostic radiology', 'Radiologie diagnostique', 'Radiodiagnóstico', 'Radiologie', 'Radiodiagnostica', 'Radiologia e diagnóstico por imagem', '放射诊断学', 'الأشعة التشخيصية'],
  ['IR', null, 'ABR', 'Interventional radiology', 'Radiologie interventionnelle', 'Radiología intervencionista', 'Interventionelle Radiologie', 'Radiologia interventistica', 'Radiologia intervencionista', '介入放射学', 'الأشعة التداخلية'],
  ['RO', null, 'ABR', 'Radiation oncology', 'Radiothérapie oncologique', 'Oncología radioterápica', 'Strahlentherapie', 'Radioterapia oncologica', 'Radioterapia', '放射肿瘤学', 'علاج الأورام بالأشعة'],
  ['SU', null, 'ABS', 'General surgery', 'Chirurgie générale', 'Cirugía general', 'Allgemeinchirurgie', 'Chirurgia generale', 'Cirurgia geral', '普通外科', 'الجراحة العامة'],
  ['VS', null, 'ABS', 'Vascular surgery', 'Chirurgie vasculaire', 'Angiología y cirugía vascular', 'Gefäßchirurgie', 'Chirurgia vascolare', 'Cirurgia vascular', '血管外科', 'جراحة الأوعية الدموية'],
  ['TS', null, 'ABTS', 'Thoracic and cardiac surgery', 'Chirurgie thoracique et cardiovasculaire', 'Cirugía torácica y cardiovascular', 'Herz- und Thoraxchirurgie', 'Cardiochirurgia e chirurgia toracica', 'Cirurgia cardiotorácica', '心胸外科', 'جراحة القلب والصدر'],
  ['UR', null, 'ABU', 'Urology', 'Urologie', 'Urología', 'Urologie', 'Urologia', 'Urologia', '泌尿外科', 'جراحة المسالك البولية'],

  // --- Sub-specialties.
  ['AN-PAIN', 'AN', 'ABA', 'Pain medicine', 'Médecine de la douleur', 'Medicina del dolor', 'Schmerzmedizin', 'Terapia del dolore', 'Medicina da dor', '疼痛医学', 'طب الألم'],
  ['AN-PED', 'AN', 'ABA', 'Pediatric anesthesiology', 'Anesthésie pédiatrique', 'Anestesiología pediátrica', 'Kinderanästhesie', 'Anestesia pediatrica', 'Anestesiologia pediátrica', '小儿麻醉学', 'تخدير الأطفال'],
  ['DE-DPA', 'DE', 'ABD', 'Dermatopathology', 'Dermatopathologie', 'Dermatopatología', 'Dermatohistopathologie', 'Dermatopatologia', 'Dermatopatologia', '皮肤病理学', 'علم أمراض الجلد'],
  ['DE-PED', 'DE', 'ABD', 'Pediatric dermatology', 'Dermatologie pédiatrique', 'Dermatología pediátrica', 'Kinderdermatologie', 'Dermatologia pediatrica', 'Dermatologia pediátrica', '小儿皮肤病学', 'الأمراض الجلدية لدى الأطفال'],
  ['DE-MOHS', 'DE', 'ABD', 'Micrographic dermatologic surgery', 'Chirurgie dermatologique micrographique', 'Cirugía micrográfica de Mohs', 'Mikrographisch kontrollierte Chirurgie', 'Chirurgia micrografica di Mohs', 'Cirurgia micrográfica de Mohs', '皮肤显微描记手术', 'الجراحة الجلدية المجهرية'],
  ['EM-TOX', 'EM', 'ABEM', 'Medical toxicology', 'Toxicologie médicale', 'Toxicología clínica', 'Klinische Toxikologie', 'Tossicologia medica', 'Toxicologia médica', '医学毒理学', 'علم السموم الطبية'],
  ['IM-CARD', 'IM', 'ABIM', 'Cardiovascular disease', 'Cardiologie', 'Cardiología', 'Kardiologie', 'Cardiologia', 'Cardiologia', '心血管病学', 'أمراض القلب والأوعية الدموية'],
  ['IM-ICARD', 'IM', 'ABIM', 'Interventional cardiology', 'Cardiologie interventionnelle', 'Cardiología intervencionista', 'Interventionelle Kardiologie', 'Cardiologia interventistica', 'Cardiologia intervencionista', '介入心脏病学', 'أمراض القلب التداخلية'],
  ['IM-EP', 'IM', 'ABIM', 'Clinical cardiac electrophysiology', 'Rythmologie', 'Electrofisiología cardiaca', 'Kardiale Elektrophysiologie', 'Elettrofisiologia cardiaca', 'Eletrofisiologia cardíaca', '临床心脏电生理学', 'الفيزيولوجيا الكهربية القلبية'],
  ['IM-HF', 'IM', 'ABIM', 'Advanced heart failure and transplant cardiology', 'Insuffisance cardiaque avancée et transplantation', 'Insuficiencia cardiaca avanzada y trasplante', 'Herzinsuffizienz und Herztransplantation', 'Scompenso cardiaco avanzato e trapianto', 'Insuficiência cardíaca avançada e transplante', '晚期心力衰竭与心脏移植', 'قصور القلب المتقدم وزراعة القلب'],
  ['IM-ENDO', 'IM', 'ABIM', 'Endocrinology, diabetes and metabolism', 'Endocrinologie, diabétologie et nutrition', 'Endocrinología y nutrición', 'Endokrinologie und Diabetologie', 'Endocrinologia e malattie del metabolismo', 'Endocrinologia e metabologia', '内分泌与代谢病学', 'الغدد الصماء والسكري والاستقلاب'],
  ['IM-GI', 'IM', 'ABIM', 'Gastroenterology', 'Hépato-gastro-entérologie', 'Aparato digestivo', 'Gastroenterologie', 'Gastroenterologia', 'Gastroenterologia', '消化病学', 'أمراض الجهاز الهضمي'],
  ['IM-HEP', 'IM', 'ABIM', 'Transplant hepatology', 'Hépatologie de la transplantation', 'Hepatología de trasplante', 'Transplantationshepatologie', 'Epatologia dei trapianti', 'Hepatologia de transplante', '移植肝病学', 'أمراض الكبد وزراعته'],
  ['IM-HEM', 'IM', 'ABIM', 'Hematology', 'Hématologie', 'Hematología', 'Hämatologie', 'Ematologia', 'Hematologia', '血液病学', 'أمراض الدم'],
  ['IM-ONC', 'IM', 'ABIM', 'Medical oncology', 'Oncologie médicale', 'Oncología médica', 'Internistische Onkologie', 'Oncologia medica', 'Oncologia clínica', '肿瘤内科学', 'علم الأورام الطبي'],
  ['IM-ID', 'IM', 'ABIM', 'Infectious disease', 'Maladies infectieuses', 'Enfermedades infecciosas', 'Infektiologie', 'Malattie infettive', 'Infectologia', '感染病学', 'الأمراض المعدية'],
  ['IM-NEPH', 'IM', 'ABIM', 'Nephrology', 'Néphrologie', 'Nefrología', 'Nephrologie', 'Nefrologia', 'Nefrologia', '肾脏病学', 'أمراض الكلى'],
  ['IM-PULM', 'IM', 'ABIM', 'Pulmonary disease', 'Pneumologie', 'Neumología', 'Pneumologie', 'Pneumologia', 'Pneumologia', '呼吸病学', 'الأمراض الصدرية'],
  ['IM-CCM', 'IM', 'ABIM', 'Critical care medicine', 'Médecine intensive-réanimation', 'Medicina intensiva', 'Intensivmedizin', 'Medicina intensiva', 'Medicina intensiva', '重症医学', 'طب الرعاية الحرجة'],
  ['IM-RHEUM', 'IM', 'ABIM', 'Rheumatology', 'Rhumatologie', 'Reumatología', 'Rheumatologie', 'Reumatologia', 'Reumatologia', '风湿病学', 'أمراض الروماتيزم'],
  ['IM-GER', 'IM', 'ABIM', 'Geriatric medicine', 'Gériatrie', 'Geriatría', 'Geriatrie', 'Geriatria', 'Geriatria', '老年医学', 'طب الشيخوخة'],
  ['IM-SLEEP', 'IM', 'ABIM', 'Sleep medicine', 'Médecine du sommeil', 'Medicina del sueño', 'Schlafmedizin', 'Medicina del sonno', 'Medicina do sono', '睡眠医学', 'طب النوم'],
  ['IM-PALL', 'IM', 'ABIM', 'Hospice and palliative medicine', 'Soins palliatifs', 'Cuidados paliativos', 'Palliativmedizin', 'Cure palliative', 'Cuidados paliativos', '安宁疗护与姑息医学', 'الرعاية التلطيفية'],
  ['IM-ACHD', 'IM', 'ABIM', 'Adult congenital heart disease', 'Cardiopathies congénitales de l’adulte', 'Cardiopatías congénitas del adulto', 'Angeborene Herzfehler bei Erwachsenen', 'Cardiopatie congenite dell’adulto', 'Cardiopatias congênitas do adulto', '成人先天性心脏病', 'أمراض القلب الخلقية لدى البالغين'],
  ['NE-VASC', 'NE', 'ABPN', 'Vascular neurology', 'Neurologie vasculaire', 'Neurología vascular', 'Vaskuläre Neurologie', 'Neurologia vascolare', 'Neurologia vascular', '脑血管病学', 'طب أعصاب الأوعية الدموية'],
  ['NE-EPI', 'NE', 'ABPN', 'Epilepsy', 'Épileptologie', 'Epilepsia', 'Epileptologie', 'Epilettologia', 'Epilepsia', '癫痫病学', 'الصرع'],
  ['NE-NMD', 'NE', 'ABPN', 'Neuromuscular medicine', 'Pathologie neuromusculaire', 'Enfermedades neuromusculares', 'Neuromuskuläre Erkrankungen', 'Malattie neuromuscolari', 'Doenças neuromusculares', '神经肌肉病学', 'الأمراض العصبية العضلية'],
  ['NE-CHILD', 'NE', 'ABPN', 'Child neurology', 'Neurologie pédiatrique', 'Neurología pediátrica', 'Neuropädiatrie', 'Neurologia pediatrica', 'Neurologia infantil', '儿童神经病学', 'طب أعصاب الأطفال'],
  ['NE-MOVE', 'NE', 'fellowship', 'Movement disorders', 'Mouvements anormaux', 'Trastornos del movimiento', 'Bewegungsstörungen', 'Disturbi del movimento', 'Distúrbios do movimento', '运动障碍病学', 'اضطرابات الحركة'],
  ['NE-ONC', 'NE', 'UCNS', 'Neuro-oncology', 'Neuro-oncologie', 'Neurooncología', 'Neuroonkologie', 'Neuro-oncologia', 'Neuro-oncologia', '神经肿瘤学', 'أورام الجهاز العصبي'],
  ['NS-PED', 'NS', 'ABNS', 'Pediatric neurosurgery', 'Neurochirurgie pédiatrique', 'Neurocirugía pediátrica', 'Kinderneurochirurgie', 'Neurochirurgia pediatrica', 'Neurocirurgia pediátrica', '小儿神经外科', 'جراحة أعصاب الأطفال'],
  ['NS-ONC', 'NS', 'fellowship', 'Neurosurgical oncology', 'Neurochirurgie oncologique', 'Neurocirugía oncológica', 'Neurochirurgische Onkologie', 'Neurochirurgia oncologica', 'Neurocirurgia oncológica', '神经外科肿瘤学', 'جراحة أورام الأعصاب'],
  ['NS-SPINE', 'NS', 'fellowship', 'Spine surgery', 'Chirurgie du rachis', 'Cirugía de columna', 'Wirbelsäulenchirurgie', 'Chirurgia vertebrale', 'Cirurgia de coluna', '脊柱外科', 'جراحة العمود الفقري'],
  ['OG-GYNONC', 'OG', 'ABOG', 'Gynecologic oncology', 'Onco-gynécologie', 'Ginecología oncológica', 'Gynäkologische Onkologie', 'Ginecologia oncologica', 'Ginecologia oncológica', '妇科肿瘤学', 'أورام النساء'],
  ['OG-MFM', 'OG', 'ABOG', 'Maternal-fetal medicine', 'Médecine fœtale et grossesses à risque', 'Medicina materno-fetal', 'Pränatal- und Geburtsmedizin', 'Medicina materno-fetale', 'Medicina fetal', '母胎医学', 'طب الأم والجنين'],
  ['OG-REI', 'OG', 'ABOG', 'Reproductive endocrinology and infertility', 'Médecine de la reproduction', 'Medicina reproductiva', 'Reproduktionsmedizin', 'Medicina della riproduzione', 'Reprodução humana', '生殖内分泌与不孕症', 'طب الإنجاب وعلاج العقم'],
  ['OG-URO', 'OG', 'ABOG', 'Urogynecology and reconstructive pelvic surgery', 'Urogynécologie', 'Uroginecología', 'Urogynäkologie', 'Uroginecologia', 'Uroginecologia', '妇科泌尿与盆底重建', 'طب المسالك البولية النسائية'],
  ['OP-RET', 'OP', 'fellowship', 'Retina', 'Rétine', 'Retina', 'Netzhaut', 'Retina', 'Retina', '眼底病学', 'أمراض الشبكية'],
  ['OP-GLAU', 'OP', 'fellowship', 'Glaucoma', 'Glaucome', 'Glaucoma', 'Glaukom', 'Glaucoma', 'Glaucoma', '青光眼', 'الزرق (الجلوكوما)'],
  ['OP-PED', 'OP', 'fellowship', 'Pediatric ophthalmology', 'Ophtalmologie pédiatrique', 'Oftalmología pediátrica', 'Kinderophthalmologie', 'Oftalmologia pediatrica', 'Oftalmologia pediátrica', '小儿眼科学', 'طب عيون الأطفال'],
  ['OP-ONC', 'OP', 'fellowship', 'Ocular oncology', 'Oncologie oculaire', 'Oncología ocular', 'Ophthalmoonkologie', 'Oncologia oculare', 'Oncologia ocular', '眼肿瘤学', 'أورام العين'],
  ['OS-SPORTS', 'OS', 'ABOS', 'Orthopaedic sports medicine', 'Traumatologie du sport', 'Traumatología deportiva', 'Sportorthopädie', 'Traumatologia dello sport', 'Medicina esportiva ortopédica', '运动医学', 'الطب الرياضي العظمي'],
  ['OS-HAND', 'OS', 'ABOS', 'Surgery of the hand', 'Chirurgie de la main', 'Cirugía de la mano', 'Handchirurgie', 'Chirurgia della mano', 'Cirurgia da mão', '手外科', 'جراحة اليد'],
  ['OS-ONC', 'OS', 'fellowship', 'Orthopaedic oncology', 'Oncologie orthopédique', 'Oncología ortopédica', 'Orthopädische Onkologie', 'Oncologia ortopedica', 'Oncologia ortopédica', '骨肿瘤学', 'أورام العظام'],
  ['OS-PED', 'OS', 'fellowship', 'Pediatric orthopaedics', 'Orthopédie pédiatrique', 'Ortopedia infantil', 'Kinderorthopädie', 'Ortopedia pediatrica', 'Ortopedia pediátrica', '小儿骨科', 'جراحة عظام الأطفال'],
  ['OS-JOINT', 'OS', 'fellowship', 'Adult joint reconstruction', 'Chirurgie prothétique articulaire', 'Cirugía de reconstrucción articular', 'Endoprothetik', 'Chirurgia protesica articolare', 'Cirurgia de reconstrução articular', '关节重建外科', 'جراحة ترميم المفاصل'],
  ['OT-NEURO', 'OT', 'ABOto', 'Neurotology', 'Otologie et otoneurologie', 'Otoneurología', 'Otoneurologie', 'Otoneurologia', 'Otoneurologia', '耳神经学', 'طب الأذن العصبي'],
  ['OT-PED', 'OT', 'ABOto', 'Pediatric otolaryngology', 'ORL pédiatrique', 'Otorrinolaringología pediátrica', 'Kinder-HNO-Heilkunde', 'Otorinolaringoiatria pediatrica', 'Otorrinolaringologia pediátrica', '小儿耳鼻咽喉科', 'أنف وأذن وحنجرة الأطفال'],
  ['OT-HNONC', 'OT', 'fellowship', 'Head and neck surgical oncology', 'Cancérologie cervico-faciale', 'Oncología de cabeza y cuello', 'Kopf-Hals-Onkologie', 'Oncologia testa-collo', 'Cirurgia oncológica de cabeça e pescoço', '头颈肿瘤外科', 'جراحة أورام الرأس والعنق'],
  ['PA-HEME', 'PA', 'ABPath', 'Hematopathology', 'Hématopathologie', 'Hematopatología', 'Hämatopathologie', 'Ematopatologia', 'Hematopatologia', '血液病理学', 'علم أمراض الدم'],
  ['PA-NEURO', 'PA', 'ABPath', 'Neuropathology', 'Neuropathologie', 'Neuropatología', 'Neuropathologie', 'Neuropatologia', 'Neuropatologia', '神经病理学', 'علم أمراض الأعصاب'],
  ['PA-CYTO', 'PA', 'ABPath', 'Cytopathology', 'Cytopathologie', 'Citopatología', 'Zytopathologie', 'Citopatologia', 'Citopatologia', '细胞病理学', 'علم الأمراض الخلوي'],
  ['PA-MOL', 'PA', 'ABPath', 'Molecular genetic pathology', 'Pathologie moléculaire', 'Patología molecular', 'Molekularpathologie', 'Patologia molecolare', 'Patologia molecular', '分子遗传病理学', 'علم الأمراض الجزيئي'],
  ['PE-NEO', 'PE', 'ABP', 'Neonatal-perinatal medicine', 'Néonatologie', 'Neonatología', 'Neonatologie', 'Neonatologia', 'Neonatologia', '新生儿围产期医学', 'طب حديثي الولادة'],
  ['PE-CARD', 'PE', 'ABP', 'Pediatric cardiology', 'Cardiologie pédiatrique', 'Cardiología pediátrica', 'Kinderkardiologie', 'Cardiologia pediatrica', 'Cardiologia pediátrica', '小儿心脏病学', 'أمراض قلب الأطفال'],
  ['PE-HEMONC', 'PE', 'ABP', 'Pediatric hematology-oncology', 'Onco-hématologie pédiatrique', 'Oncohematología pediátrica', 'Pädiatrische Hämatologie und Onkologie', 'Oncoematologia pediatrica', 'Onco-hematologia pediátrica', '小儿血液肿瘤学', 'أمراض الدم والأورام لدى الأطفال'],
  ['PE-ENDO', 'PE', 'ABP', 'Pediatric endocrinology', 'Endocrinologie pédiatrique', 'Endocrinología pediátrica', 'Pädiatrische Endokrinologie', 'Endocrinologia pediatrica', 'Endocrinologia pediátrica', '小儿内分泌学', 'غدد صماء الأطفال'],
  ['PE-GI', 'PE', 'ABP', 'Pediatric gastroenterology', 'Gastro-entérologie pédiatrique', 'Gastroenterología pediátrica', 'Pädiatrische Gastroenterologie', 'Gastroenterologia pediatrica', 'Gastroenterologia pediátrica', '小儿消化病学', 'أمراض الجهاز الهضمي لدى الأطفال'],
  ['PE-NEPH', 'PE', 'ABP', 'Pediatric nephrology', 'Néphrologie pédiatrique', 'Nefrología pediátrica', 'Pädiatrische Nephrologie', 'Nefrologia pediatrica', 'Nefrologia pediátrica', '小儿肾脏病学', 'أمراض الكلى لدى الأطفال'],
  ['PE-PULM', 'PE', 'ABP', 'Pediatric pulmonology', 'Pneumologie pédiatrique', 'Neumología pediátrica', 'Pädiatrische Pneumologie', 'Pneumologia pediatrica', 'Pneumologia pediátrica', '小儿呼吸病学', 'أمراض الصدر لدى الأطفال'],
  ['PE-ID', 'PE', 'ABP', 'Pediatric infectious diseases', 'Infectiologie pédiatrique', 'Infectología pediátrica', 'Pädiatrische Infektiologie', 'Infettivologia pediatrica', 'Infectologia pediátrica', '小儿感染病学', 'الأمراض المعدية لدى الأطفال'],
  ['PE-RHEUM', 'PE', 'ABP', 'Pediatric rheumatology', 'Rhumatologie pédiatrique', 'Reumatología pediátrica', 'Kinderrheumatologie', 'Reumatologia pediatrica', 'Reumatologia pediátrica', '小儿风湿病学', 'روماتيزم الأطفال'],
  ['PE-DEV', 'PE', 'ABP', 'Developmental-behavioral pediatrics', 'Pédiatrie du développement et du comportement', 'Pediatría del desarrollo y la conducta', 'Entwicklungs- und Sozialpädiatrie', 'Pediatria dello sviluppo e del comportamento', 'Pediatria do desenvolvimento e comportamento', '发育行为儿科学', 'طب الأطفال النمائي والسلوكي'],
  ['PE-CCM', 'PE', 'ABP', 'Pediatric critical care medicine', 'Réanimation pédiatrique', 'Cuidados intensivos pediátricos', 'Pädiatrische Intensivmedizin', 'Terapia intensiva pediatrica', 'Medicina intensiva pediátrica', '小儿重症医学', 'العناية المركزة للأطفال'],
  ['PE-EM', 'PE', 'ABP', 'Pediatric emergency medicine', 'Urgences pédiatriques', 'Urgencias pediátricas', 'Pädiatrische Notfallmedizin', 'Medicina d’urgenza pediatrica', 'Emergência pediátrica', '小儿急诊医学', 'طوارئ الأطفال'],
  ['PM-SCI', 'PM', 'ABPMR', 'Spinal cord injury medicine', 'Médecine des blessés médullaires', 'Medicina de la lesión medular', 'Querschnittlähmung', 'Medicina delle lesioni midollari', 'Medicina da lesão medular', '脊髓损伤医学', 'طب إصابات الحبل الشوكي'],
  ['PM-BI', 'PM', 'ABPMR', 'Brain injury medicine', 'Médecine des lésions cérébrales', 'Medicina del daño cerebral', 'Neurorehabilitation nach Hirnverletzung', 'Medicina delle lesioni cerebrali', 'Medicina da lesão cerebral', '脑损伤医学', 'طب إصابات الدماغ'],
  ['PS-CRANIO', 'PS', 'fellowship', 'Craniofacial surgery', 'Chirurgie cranio-faciale', 'Cirugía craneofacial', 'Kraniofaziale Chirurgie', 'Chirurgia craniofacciale', 'Cirurgia craniofacial', '颅面外科', 'جراحة الوجه والجمجمة'],
  ['PS-BREAST', 'PS', 'fellowship', 'Breast reconstruction', 'Reconstruction mammaire', 'Reconstrucción mamaria', 'Brustrekonstruktion', 'Ricostruzione mammaria', 'Reconstrução mamária', '乳房重建', 'ترميم الثدي'],
  ['PY-CHILD', 'PY', 'ABPN', 'Child and adolescent psychiatry', 'Pédopsychiatrie', 'Psiquiatría infantil y de la adolescencia', 'Kinder- und Jugendpsychiatrie', 'Neuropsichiatria infantile', 'Psiquiatria da infância e adolescência', '儿童青少年精神病学', 'الطب النفسي للأطفال والمراهقين'],
  ['PY-GER', 'PY', 'ABPN', 'Geriatric psychiatry', 'Psychiatrie de la personne âgée', 'Psicogeriatría', 'Gerontopsychiatrie', 'Psicogeriatria', 'Psicogeriatria', '老年精神病学', 'الطب النفسي لكبار السن'],
  ['PY-ADD', 'PY', 'ABPN', 'Addiction psychiatry', 'Addictologie', 'Psiquiatría de las adicciones', 'Suchtmedizin', 'Psichiatria delle dipendenze', 'Psiquiatria das dependências', '成瘾精神病学', 'طب الإدمان النفسي'],
  ['PY-CL', 'PY', 'ABPN', 'Consultation-liaison psychiatry', 'Psychiatrie de liaison', 'Psiquiatría de enlace', 'Konsiliar- und Liaisonpsychiatrie', 'Psichiatria di consultazione', 'Psiquiatria de ligação', '会诊联络精神病学', 'الطب النفسي الاستشاري'],
  ['DR-NEURO', 'DR', 'ABR', 'Neuroradiology', 'Neuroradiologie', 'Neurorradiología', 'Neuroradiologie', 'Neuroradiologia', 'Neurorradiologia', '神经放射学', 'الأشعة العصبية'],
  ['DR-PED', 'DR', 'ABR', 'Pediatric radiology', 'Radiologie pédiatrique', 'Radiología pediátrica', 'Kinderradiologie', 'Radiologia pediatrica', 'Radiologia pediátrica', '儿科放射学', 'أشعة الأطفال'],
  ['DR-BREAST', 'DR', 'fellowship', 'Breast imaging', 'Imagerie du sein', 'Radiología de mama', 'Mammadiagnostik', 'Senologia diagnostica', 'Imagem mamária', '乳腺影像学', 'تصوير الثدي'],
  ['SU-ONC', 'SU', 'ABS', 'Complex general surgical oncology', 'Chirurgie oncologique', 'Cirugía oncológica', 'Chirurgische Onkologie', 'Chirurgia oncologica', 'Cirurgia oncológica', '肿瘤外科', 'جراحة الأورام'],
  ['SU-PED', 'SU', 'ABS', 'Pediatric surgery', 'Chirurgie pédiatrique', 'Cirugía pediátrica', 'Kinderchirurgie', 'Chirurgia pediatrica', 'Cirurgia pediátrica', '小儿外科', 'جراحة الأطفال'],
  ['SU-CCM', 'SU', 'ABS', 'Surgical critical care', 'Réanimation chirurgicale', 'Cuidados intensivos quirúrgicos', 'Chirurgische Intensivmedizin', 'Terapia intensiva chirurgica', 'Terapia intensiva cirúrgica', '外科重症医学', 'العناية المركزة الجراحية'],
  ['SU-TX', 'SU', 'fellowship', 'Abdominal transplant surgery', 'Chirurgie de transplantation abdominale', 'Cirugía de trasplante abdominal', 'Viszerale Transplantationschirurgie', 'Chirurgia dei trapianti addominali', 'Cirurgia de transplante abdominal', '腹部器官移植外科', 'جراحة زراعة الأعضاء البطنية'],
  ['SU-HPB', 'SU', 'fellowship', 'Hepato-pancreato-biliary surgery', 'Chirurgie hépato-bilio-pancréatique', 'Cirugía hepatobiliopancreática', 'Hepatobiliäre und Pankreaschirurgie', 'Chirurgia epato-bilio-pancreatica', 'Cirurgia hepatobiliopancreática', '肝胆胰外科', 'جراحة الكبد والبنكرياس والقنوات الصفراوية'],
  ['SU-BREAST', 'SU', 'fellowship', 'Breast surgery', 'Chirurgie du sein', 'Cirugía de mama', 'Brustchirurgie', 'Chirurgia senologica', 'Mastologia', '乳腺外科', 'جراحة الثدي'],
  ['TS-CONG', 'TS', 'ABTS', 'Congenital cardiac surgery', 'Chirurgie cardiaque congénitale', 'Cirugía cardiaca congénita', 'Kinderherzchirurgie', 'Cardiochirurgia pediatrica', 'Cirurgia cardíaca congênita', '先天性心脏外科', 'جراحة القلب الخلقية'],
  ['TS-THOR', 'TS', 'fellowship', 'General thoracic surgery', 'Chirurgie thoracique', 'Cirugía torácica', 'Thoraxchirurgie', 'Chirurgia toracica', 'Cirurgia torácica', '胸外科', 'جراحة الصدر'],
  ['UR-PED', 'UR', 'ABU', 'Pediatric urology', 'Urologie pédiatrique', 'Urología pediátrica', 'Kinderurologie', 'Urologia pediatrica', 'Urologia pediátrica', '小儿泌尿外科', 'جراحة المسالك البولية للأطفال'],
  ['UR-ONC', 'UR', 'fellowship', 'Urologic oncology', 'Onco-urologie', 'Uro-oncología', 'Uroonkologie', 'Uro-oncologia', 'Uro-oncologia', '泌尿肿瘤学', 'أورام المسالك البولية'],
];

export const specialtyTaxonomy: readonly SpecialtyEntry[] = rows.map(
  ([code, parent, board, en, fr, es, de, it, pt, zhCN, ar]) => ({
    code,
    parent,
    board,
    names: { en, fr, es, de, it, pt, 'zh-CN': zhCN, ar },
  }),
);

const byCode = new Map(specialtyTaxonomy.map((entry) => [entry.code, entry]));

export const specialtyByCode = (code: string): SpecialtyEntry | undefined => byCode.get(code);
export const isSpecialtyCode = (code: string): boolean => byCode.get(code)?.parent === null;
export const isSubspecialtyCode = (code: string): boolean => {
  const entry = byCode.get(code);
  return entry !== undefined && entry.parent !== null;
};

/** The specialty's name in the locale, falling back to English for a locale outside the eight. */
export function specialtyName(code: string, locale: string): string | undefined {
  const entry = byCode.get(code);
  if (!entry) return undefined;
  return (entry.names as Record<string, string>)[locale] ?? entry.names.en;
}

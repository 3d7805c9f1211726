/**
 * ICD-10 (WHO, 2019 edition): its chapters (roman numerals) and blocks (code ranges such as
 * `C00-C14`), with stable codes, and the specialties of `specialty-taxonomy.ts` that treat the
 * conditions of each. Matching goes from a case's condition code (a block, a chapter or a
 * three-character category such as `C50` or a subcategory such as `C50.4`) to the specialties.
 */

export interface Icd10Chapter {
  code: string;
  range: string;
  title: string;
  /** The specialties that treat the conditions of the chapter as a whole. */
  specialties: readonly string[];
}

export interface Icd10Block {
  code: string;
  chapter: string;
  title: string;
  /** The specialties that treat them, most specific first; the chapter's apply when empty. */
  specialties: readonly string[];
  /** Specialties that take part without being the first to ask (a surgeon for liver disease). */
  secondary: readonly string[];
}

/**
 * Where a block is too coarse for a referral: the categories (`C61`) or subcategories (`I71.0`) of
 * a range and who treats them, first-line and secondary, after the referral guidance of each
 * field (NICE, the specialty societies). A diagnosis takes the narrowest range that holds it.
 */
export interface Icd10Refinement {
  range: string;
  specialties: readonly string[];
  secondary: readonly string[];
}

// prettier-ignore
export const icd10Chapters: readonly Icd10Chapter[] = [
  { code: 'I', range: 'A00-B99', title: 'Certain infectious and parasitic diseases', specialties: ['IM-ID', 'PE-ID'] },
  { code: 'II', range: 'C00-D48', title: 'Neoplasms', specialties: ['IM-ONC', 'RO', 'SU-ONC'] },
  { code: 'III', range: 'D50-D89', title: 'Diseases of the blood and blood-forming organs and certain disorders involving the immune mechanism', specialties: ['IM-HEM', 'AI'] },
  { code: 'IV', range: 'E00-E90', title: 'Endocrine, nutritional and metabolic diseases', specialties: ['IM-ENDO', 'PE-ENDO'] },
  { code: 'V', range: 'F00-F99', title: 'Mental and behavioural disorders', specialties: ['PY'] },
  { code: 'VI', range: 'G00-G99', title: 'Diseases of the nervous system', specialties: ['NE'] },
  { code: 'VII', range: 'H00-H59', title: 'Diseases of the eye and adnexa', specialties: ['OP'] },
  { code: 'VIII', range: 'H60-H95', title: 'Diseases of the ear and mastoid process', specialties: ['OT', 'OT-NEURO'] },
  { code: 'IX', range: 'I00-I99', title: 'Diseases of the circulatory system', specialties: ['IM-CARD'] },
  { code: 'X', range: 'J00-J99', title: 'Diseases of the respiratory system', specialties: ['IM-PULM'] },
  { code: 'XI', range: 'K00-K93', title: 'Diseases of the digestive system', specialties: ['IM-GI', 'SU'] },
  { code: 'XII', range: 'L00-L99', title: 'Diseases of the skin and subcutaneous tissue', specialties: ['DE'] },
  { code: 'XIII', range: 'M00-M99', title: 'Diseases of the musculoskeletal system and connective tissue', specialties: ['IM-RHEUM', 'OS'] },
  { code: 'XIV', range: 'N00-N99', title: 'Diseases of the genitourinary system', specialties: ['IM-NEPH', 'UR'] },
  { code: 'XV', range: 'O00-O99', title: 'Pregnancy, childbirth and the puerperium', specialties: ['OG', 'OG-MFM'] },
  { code: 'XVI', range: 'P00-P96', title: 'Certain conditions originating in the perinatal period', specialties: ['PE-NEO'] },
  { code: 'XVII', range: 'Q00-Q99', title: 'Congenital malformations, deformations and chromosomal abnormalities', specialties: ['MG', 'PE'] },
  { code: 'XVIII', range: 'R00-R99', title: 'Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified', specialties: ['IM', 'FM'] },
  { code: 'XIX', range: 'S00-T98', title: 'Injury, poisoning and certain other consequences of external causes', specialties: ['OS', 'EM'] },
  { code: 'XX', range: 'V01-Y98', title: 'External causes of morbidity and mortality', specialties: ['EM'] },
  { code: 'XXI', range: 'Z00-Z99', title: 'Factors influencing health status and contact with health services', specialties: ['FM', 'PV'] },
  { code: 'XXII', range: 'U00-U85', title: 'Codes for special purposes', specialties: ['IM-ID'] },
];

type BlockRow = [code: string, title: string, specialties?: string[], secondary?: string[]];

// prettier-ignore
const blockRows: Record<string, BlockRow[]> = {
  I: [
    ['A00-A09', 'Intestinal infectious diseases', ['IM-ID', 'IM-GI']],
    ['A15-A19', 'Tuberculosis', ['IM-ID', 'IM-PULM']],
    ['A20-A28', 'Certain zoonotic bacterial diseases'],
    ['A30-A49', 'Other bacterial diseases'],
    ['A50-A64', 'Infections with a predominantly sexual mode of transmission'],
    ['A65-A69', 'Other spirochaetal diseases'],
    ['A70-A74', 'Other diseases caused by chlamydiae'],
    ['A75-A79', 'Rickettsioses'],
    ['A80-A89', 'Viral infections of the central nervous system', ['IM-ID', 'NE']],
    ['A90-A99', 'Arthropod-borne viral fevers and viral haemorrhagic fevers'],
    ['B00-B09', 'Viral infections characterized by skin and mucous membrane lesions', ['IM-ID', 'DE']],
    ['B15-B19', 'Viral hepatitis', ['IM-HEP', 'IM-GI', 'IM-ID']],
    ['B20-B24', 'Human immunodeficiency virus [HIV] disease'],
    ['B25-B34', 'Other viral diseases'],
    ['B35-B49', 'Mycoses'],
    ['B50-B64', 'Protozoal diseases'],
    ['B65-B83', 'Helminthiases'],
    ['B85-B89', 'Pediculosis, acariasis and other infestations', ['DE']],
    ['B90-B94', 'Sequelae of infectious and parasitic diseases'],
    ['B95-B98', 'Bacterial, viral and other infectious agents'],
    ['B99-B99', 'Other infectious diseases'],
  ],
  II: [
    ['C00-C14', 'Malignant neoplasms of lip, oral cavity and pharynx', ['OT-HNONC', 'OT', 'RO', 'IM-ONC']],
    ['C15-C26', 'Malignant neoplasms of digestive organs', ['SU-ONC', 'SU-HPB', 'CRS', 'IM-ONC', 'IM-GI', 'RO']],
    ['C30-C39', 'Malignant neoplasms of respiratory and intrathoracic organs', ['TS-THOR', 'IM-ONC', 'IM-PULM', 'RO']],
    ['C40-C41', 'Malignant neoplasms of bone and articular cartilage', ['OS-ONC', 'IM-ONC', 'PE-HEMONC']],
    ['C43-C44', 'Melanoma and other malignant neoplasms of skin', ['DE', 'DE-MOHS', 'SU-ONC', 'IM-ONC']],
    ['C45-C49', 'Malignant neoplasms of mesothelial and soft tissue', ['SU-ONC', 'OS-ONC', 'IM-ONC', 'TS-THOR']],
    ['C50-C50', 'Malignant neoplasm of breast', ['SU-BREAST', 'SU-ONC', 'IM-ONC', 'RO'], ['PS-BREAST', 'DR-BREAST']],
    ['C51-C58', 'Malignant neoplasms of female genital organs', ['OG-GYNONC', 'IM-ONC', 'RO']],
    ['C60-C63', 'Malignant neoplasms of male genital organs', ['UR-ONC', 'UR', 'IM-ONC', 'RO']],
    ['C64-C68', 'Malignant neoplasms of urinary tract', ['UR-ONC', 'UR', 'IM-ONC', 'RO']],
    ['C69-C72', 'Malignant neoplasms of eye, brain and other parts of central nervous system', ['NS-ONC', 'NE-ONC', 'OP-ONC', 'RO', 'IM-ONC']],
    ['C73-C75', 'Malignant neoplasms of thyroid and other endocrine glands', ['IM-ENDO', 'OT-HNONC', 'SU-ONC', 'NM']],
    ['C76-C80', 'Malignant neoplasms of ill-defined, secondary and unspecified sites', ['IM-ONC', 'RO']],
    ['C81-C96', 'Malignant neoplasms, stated or presumed to be primary, of lymphoid, haematopoietic and related tissue', ['IM-HEM', 'IM-ONC', 'PE-HEMONC']],
    ['C97-C97', 'Malignant neoplasms of independent (primary) multiple sites', ['IM-ONC']],
    ['D00-D09', 'In situ neoplasms', ['SU-ONC', 'IM-ONC', 'OG-GYNONC', 'DE']],
    ['D10-D36', 'Benign neoplasms', ['SU', 'DE', 'OG']],
    ['D37-D48', 'Neoplasms of uncertain or unknown behaviour', ['IM-ONC', 'IM-HEM'], ['PA']],
  ],
  III: [
    ['D50-D53', 'Nutritional anaemias', ['IM-HEM']],
    ['D55-D59', 'Haemolytic anaemias', ['IM-HEM', 'PE-HEMONC']],
    ['D60-D64', 'Aplastic and other anaemias', ['IM-HEM', 'PE-HEMONC']],
    ['D65-D69', 'Coagulation defects, purpura and other haemorrhagic conditions', ['IM-HEM', 'PE-HEMONC']],
    ['D70-D77', 'Other diseases of blood and blood-forming organs', ['IM-HEM']],
    ['D80-D89', 'Certain disorders involving the immune mechanism', ['AI', 'IM-RHEUM']],
  ],
  IV: [
    ['E00-E07', 'Disorders of thyroid gland', ['IM-ENDO', 'PE-ENDO', 'NM']],
    ['E10-E14', 'Diabetes mellitus', ['IM-ENDO', 'PE-ENDO']],
    ['E15-E16', 'Other disorders of glucose regulation and pancreatic internal secretion', ['IM-ENDO']],
    ['E20-E35', 'Disorders of other endocrine glands', ['IM-ENDO', 'PE-ENDO', 'OG-REI']],
    ['E40-E46', 'Malnutrition', ['IM-GI', 'PE-GI']],
    ['E50-E64', 'Other nutritional deficiencies', ['IM-ENDO', 'FM']],
    ['E65-E68', 'Obesity and other hyperalimentation', ['IM-ENDO'], ['SU', 'FM']],
    ['E70-E90', 'Metabolic disorders', ['MG', 'IM-ENDO', 'PE-ENDO']],
  ],
  V: [
    ['F00-F09', 'Organic, including symptomatic, mental disorders', ['PY-GER', 'NE', 'IM-GER']],
    ['F10-F19', 'Mental and behavioural disorders due to psychoactive substance use', ['PY-ADD', 'PY']],
    ['F20-F29', 'Schizophrenia, schizotypal and delusional disorders', ['PY']],
    ['F30-F39', 'Mood [affective] disorders', ['PY']],
    ['F40-F48', 'Neurotic, stress-related and somatoform disorders', ['PY', 'PY-CL']],
    ['F50-F59', 'Behavioural syndromes associated with physiological disturbances and physical factors', ['PY', 'IM-SLEEP']],
    ['F60-F69', 'Disorders of adult personality and behaviour', ['PY']],
    ['F70-F79', 'Mental retardation', ['PE-DEV', 'PY-CHILD']],
    ['F80-F89', 'Disorders of psychological development', ['PE-DEV', 'PY-CHILD']],
    ['F90-F98', 'Behavioural and emotional disorders with onset usually occurring in childhood and adolescence', ['PY-CHILD', 'PE-DEV']],
    ['F99-F99', 'Unspecified mental disorder', ['PY']],
  ],
  VI: [
    ['G00-G09', 'Inflammatory diseases of the central nervous system', ['NE', 'IM-ID']],
    ['G10-G14', 'Systemic atrophies primarily affecting the central nervous system', ['NE-NMD', 'NE']],
    ['G20-G26', 'Extrapyramidal and movement disorders', ['NE-MOVE', 'NE']],
    ['G30-G32', 'Other degenerative diseases of the nervous system', ['NE', 'PY-GER', 'IM-GER']],
    ['G35-G37', 'Demyelinating diseases of the central nervous system', ['NE']],
    ['G40-G47', 'Episodic and paroxysmal disorders', ['NE-EPI', 'NE-VASC', 'NE', 'IM-SLEEP']],
    ['G50-G59', 'Nerve, nerve root and plexus disorders', ['NE-NMD', 'NS-SPINE', 'OS-HAND']],
    ['G60-G64', 'Polyneuropathies and other disorders of the peripheral nervous system', ['NE-NMD']],
    ['G70-G73', 'Diseases of myoneural junction and muscle', ['NE-NMD']],
    ['G80-G83', 'Cerebral palsy and other paralytic syndromes', ['NE-CHILD', 'PM', 'PM-SCI']],
    ['G90-G99', 'Other disorders of the nervous system', ['NE', 'NS']],
  ],
  VII: [
    ['H00-H06', 'Disorders of eyelid, lacrimal system and orbit', ['OP', 'PS-CRANIO']],
    ['H10-H13', 'Disorders of conjunctiva', ['OP']],
    ['H15-H22', 'Disorders of sclera, cornea, iris and ciliary body', ['OP']],
    ['H25-H28', 'Disorders of lens', ['OP']],
    ['H30-H36', 'Disorders of choroid and retina', ['OP-RET', 'OP']],
    ['H40-H42', 'Glaucoma', ['OP-GLAU', 'OP']],
    ['H43-H45', 'Disorders of vitreous body and globe', ['OP-RET', 'OP']],
    ['H46-H48', 'Disorders of optic nerve and visual pathways', ['OP', 'NE']],
    ['H49-H52', 'Disorders of ocular muscles, binocular movement, accommodation and refraction', ['OP-PED', 'OP']],
    ['H53-H54', 'Visual disturbances and blindness', ['OP']],
    ['H55-H59', 'Other disorders of eye and adnexa', ['OP']],
  ],
  VIII: [
    ['H60-H62', 'Diseases of external ear', ['OT']],
    ['H65-H75', 'Diseases of middle ear and mastoid', ['OT', 'OT-PED']],
    ['H80-H83', 'Diseases of inner ear', ['OT-NEURO', 'OT']],
    ['H90-H95', 'Other disorders of ear', ['OT', 'OT-NEURO']],
  ],
  IX: [
    ['I00-I02', 'Acute rheumatic fever', ['IM-CARD', 'PE-CARD']],
    ['I05-I09', 'Chronic rheumatic heart diseases', ['IM-CARD', 'TS']],
    ['I10-I15', 'Hypertensive diseases', ['IM-CARD', 'IM-NEPH']],
    ['I20-I25', 'Ischaemic heart diseases', ['IM-CARD', 'IM-ICARD'], ['TS']],
    ['I26-I28', 'Pulmonary heart disease and diseases of pulmonary circulation', ['IM-PULM', 'IM-CARD']],
    ['I30-I52', 'Other forms of heart disease', ['IM-CARD'], ['TS']],
    ['I60-I69', 'Cerebrovascular diseases', ['NE-VASC', 'NE', 'NS', 'IR']],
    ['I70-I79', 'Diseases of arteries, arterioles and capillaries', ['VS', 'IR'], ['IM-CARD']],
    ['I80-I89', 'Diseases of veins, lymphatic vessels and lymph nodes, not elsewhere classified', ['VS']],
    ['I95-I99', 'Other and unspecified disorders of the circulatory system', ['IM-CARD']],
  ],
  X: [
    ['J00-J06', 'Acute upper respiratory infections', ['OT', 'FM']],
    ['J09-J18', 'Influenza and pneumonia', ['IM-PULM', 'IM-ID']],
    ['J20-J22', 'Other acute lower respiratory infections', ['IM-PULM', 'PE-PULM']],
    ['J30-J39', 'Other diseases of upper respiratory tract', ['OT', 'AI']],
    ['J40-J47', 'Chronic lower respiratory diseases', ['IM-PULM', 'PE-PULM']],
    ['J60-J70', 'Lung diseases due to external agents', ['IM-PULM', 'PV']],
    ['J80-J84', 'Other respiratory diseases principally affecting the interstitium', ['IM-PULM', 'IM-RHEUM']],
    ['J85-J86', 'Suppurative and necrotic conditions of lower respiratory tract', ['IM-PULM', 'TS-THOR']],
    ['J90-J94', 'Other diseases of pleura', ['IM-PULM', 'TS-THOR']],
    ['J95-J99', 'Other diseases of the respiratory system', ['IM-PULM', 'IM-CCM']],
  ],
  XI: [
    ['K00-K14', 'Diseases of oral cavity, salivary glands and jaws', ['OT', 'PS-CRANIO']],
    ['K20-K31', 'Diseases of oesophagus, stomach and duodenum', ['IM-GI'], ['SU']],
    ['K35-K38', 'Diseases of appendix', ['SU', 'SU-PED']],
    ['K40-K46', 'Hernia', ['SU']],
    ['K50-K52', 'Noninfective enteritis and colitis', ['IM-GI', 'PE-GI'], ['CRS']],
    ['K55-K64', 'Other diseases of intestines', ['CRS', 'IM-GI', 'SU']],
    ['K65-K67', 'Diseases of peritoneum', ['SU', 'IM-GI']],
    ['K70-K77', 'Diseases of liver', ['IM-HEP', 'IM-GI'], ['SU-TX']],
    ['K80-K87', 'Disorders of gallbladder, biliary tract and pancreas', ['SU-HPB', 'IM-GI', 'SU']],
    ['K90-K93', 'Other diseases of the digestive system', ['IM-GI', 'PE-GI']],
  ],
  XII: [
    ['L00-L08', 'Infections of the skin and subcutaneous tissue', ['DE', 'IM-ID']],
    ['L10-L14', 'Bullous disorders', ['DE']],
    ['L20-L30', 'Dermatitis and eczema', ['DE', 'AI', 'DE-PED']],
    ['L40-L45', 'Papulosquamous disorders', ['DE'], ['IM-RHEUM']],
    ['L50-L54', 'Urticaria and erythema', ['DE', 'AI']],
    ['L55-L59', 'Radiation-related disorders of the skin and subcutaneous tissue', ['DE']],
    ['L60-L75', 'Disorders of skin appendages', ['DE']],
    ['L80-L99', 'Other disorders of the skin and subcutaneous tissue', ['DE', 'DE-DPA']],
  ],
  XIII: [
    ['M00-M25', 'Arthropathies', ['IM-RHEUM', 'OS', 'OS-JOINT', 'OS-SPORTS']],
    ['M30-M36', 'Systemic connective tissue disorders', ['IM-RHEUM', 'PE-RHEUM']],
    ['M40-M54', 'Dorsopathies', ['NS-SPINE', 'OS', 'PM', 'AN-PAIN']],
    ['M60-M79', 'Soft tissue disorders', ['OS', 'OS-SPORTS', 'IM-RHEUM', 'PM']],
    ['M80-M94', 'Osteopathies and chondropathies', ['IM-ENDO', 'IM-RHEUM'], ['OS']],
    ['M95-M99', 'Other disorders of the musculoskeletal system and connective tissue', ['OS', 'PM']],
  ],
  XIV: [
    ['N00-N08', 'Glomerular diseases', ['IM-NEPH', 'PE-NEPH']],
    ['N10-N16', 'Renal tubulo-interstitial diseases', ['IM-NEPH', 'UR']],
    ['N17-N19', 'Renal failure', ['IM-NEPH', 'PE-NEPH'], ['SU-TX']],
    ['N20-N23', 'Urolithiasis', ['UR'], ['IM-NEPH']],
    ['N25-N29', 'Other disorders of kidney and ureter', ['IM-NEPH', 'UR']],
    ['N30-N39', 'Other diseases of urinary system', ['UR', 'OG-URO', 'UR-PED']],
    ['N40-N51', 'Diseases of male genital organs', ['UR']],
    ['N60-N64', 'Disorders of breast', ['SU-BREAST', 'DR-BREAST'], ['SU', 'OG']],
    ['N70-N77', 'Inflammatory diseases of female pelvic organs', ['OG', 'IM-ID']],
    ['N80-N98', 'Noninflammatory disorders of female genital tract', ['OG', 'OG-REI', 'OG-URO']],
    ['N99-N99', 'Other disorders of the genitourinary system', ['UR', 'OG']],
  ],
  XV: [
    ['O00-O08', 'Pregnancy with abortive outcome', ['OG']],
    ['O10-O16', 'Oedema, proteinuria and hypertensive disorders in pregnancy, childbirth and the puerperium', ['OG-MFM', 'OG']],
    ['O20-O29', 'Other maternal disorders predominantly related to pregnancy', ['OG-MFM', 'OG']],
    ['O30-O48', 'Maternal care related to the fetus and amniotic cavity and possible delivery problems', ['OG-MFM', 'OG']],
    ['O60-O75', 'Complications of labour and delivery', ['OG']],
    ['O80-O84', 'Delivery', ['OG']],
    ['O85-O92', 'Complications predominantly related to the puerperium', ['OG']],
    ['O94-O99', 'Other obstetric conditions, not elsewhere classified', ['OG-MFM', 'OG']],
  ],
  XVI: [
    ['P00-P04', 'Fetus and newborn affected by maternal factors and by complications of pregnancy, labour and delivery', ['PE-NEO', 'OG-MFM']],
    ['P05-P08', 'Disorders related to length of gestation and fetal growth', ['PE-NEO']],
    ['P10-P15', 'Birth trauma', ['PE-NEO']],
    ['P20-P29', 'Respiratory and cardiovascular disorders specific to the perinatal period', ['PE-NEO', 'PE-CARD', 'PE-PULM']],
    ['P35-P39', 'Infections specific to the perinatal period', ['PE-NEO', 'PE-ID']],
    ['P50-P61', 'Haemorrhagic and haematological disorders of fetus and newborn', ['PE-NEO', 'PE-HEMONC']],
    ['P70-P74', 'Transitory endocrine and metabolic disorders specific to fetus and newborn', ['PE-NEO', 'PE-ENDO']],
    ['P75-P78', 'Digestive system disorders of fetus and newborn', ['PE-NEO', 'PE-GI']],
    ['P80-P83', 'Conditions involving the integument and temperature regulation of fetus and newborn', ['PE-NEO']],
    ['P90-P96', 'Other disorders originating in the perinatal period', ['PE-NEO']],
  ],
  XVII: [
    ['Q00-Q07', 'Congenital malformations of the nervous system', ['NS-PED', 'NE-CHILD', 'MG']],
    ['Q10-Q18', 'Congenital malformations of eye, ear, face and neck', ['OP-PED', 'OT-PED', 'PS-CRANIO']],
    ['Q20-Q28', 'Congenital malformations of the circulatory system', ['PE-CARD', 'TS-CONG', 'IM-ACHD'], ['IM-CARD']],
    ['Q30-Q34', 'Congenital malformations of the respiratory system', ['PE-PULM', 'SU-PED']],
    ['Q35-Q37', 'Cleft lip and cleft palate', ['PS-CRANIO', 'OT-PED']],
    ['Q38-Q45', 'Other congenital malformations of the digestive system', ['SU-PED', 'PE-GI']],
    ['Q50-Q56', 'Congenital malformations of genital organs', ['UR-PED', 'OG']],
    ['Q60-Q64', 'Congenital malformations of the urinary system', ['UR-PED', 'PE-NEPH']],
    ['Q65-Q79', 'Congenital malformations and deformations of the musculoskeletal system', ['OS-PED', 'SU-PED']],
    ['Q80-Q89', 'Other congenital malformations', ['MG', 'DE-PED']],
    ['Q90-Q99', 'Chromosomal abnormalities, not elsewhere classified', ['MG', 'PE-DEV']],
  ],
  XVIII: [
    ['R00-R09', 'Symptoms and signs involving the circulatory and respiratory systems', ['IM-CARD', 'IM-PULM'], ['IM']],
    ['R10-R19', 'Symptoms and signs involving the digestive system and abdomen', ['IM-GI'], ['SU', 'IM']],
    ['R20-R23', 'Symptoms and signs involving the skin and subcutaneous tissue', ['DE']],
    ['R25-R29', 'Symptoms and signs involving the nervous and musculoskeletal systems', ['NE', 'IM']],
    ['R30-R39', 'Symptoms and signs involving the urinary system', ['UR', 'IM-NEPH']],
    ['R40-R46', 'Symptoms and signs involving cognition, perception, emotional state and behaviour', ['NE', 'PY']],
    ['R47-R49', 'Symptoms and signs involving speech and voice', ['OT', 'NE']],
    ['R50-R69', 'General symptoms and signs', ['IM', 'FM']],
    ['R70-R79', 'Abnormal findings on examination of blood, without diagnosis', ['IM-HEM', 'IM']],
    ['R80-R82', 'Abnormal findings on examination of urine, without diagnosis', ['IM-NEPH', 'UR']],
    ['R83-R89', 'Abnormal findings on examination of other body fluids, substances and tissues, without diagnosis', ['PA', 'IM']],
    ['R90-R94', 'Abnormal findings on diagnostic imaging and in function studies, without diagnosis', ['DR', 'IM']],
    ['R95-R99', 'Ill-defined and unknown causes of mortality', ['IM']],
  ],
  XIX: [
    ['S00-S09', 'Injuries to the head', ['NS'], ['PM-BI', 'EM']],
    ['S10-S19', 'Injuries to the neck', ['NS-SPINE', 'OS', 'EM']],
    ['S20-S29', 'Injuries to the thorax', ['TS-THOR', 'SU', 'EM']],
    ['S30-S39', 'Injuries to the abdomen, lower back, lumbar spine and pelvis', ['SU', 'OS', 'NS-SPINE']],
    ['S40-S49', 'Injuries to the shoulder and upper arm', ['OS', 'OS-SPORTS']],
    ['S50-S59', 'Injuries to the elbow and forearm', ['OS', 'OS-HAND']],
    ['S60-S69', 'Injuries to the wrist and hand', ['OS-HAND', 'OS', 'PS']],
    ['S70-S79', 'Injuries to the hip and thigh', ['OS', 'OS-JOINT']],
    ['S80-S89', 'Injuries to the knee and lower leg', ['OS-SPORTS', 'OS']],
    ['S90-S99', 'Injuries to the ankle and foot', ['OS', 'OS-SPORTS']],
    ['T00-T07', 'Injuries involving multiple body regions', ['SU', 'EM', 'SU-CCM']],
    ['T08-T14', 'Injuries to unspecified part of trunk, limb or body region', ['OS', 'EM']],
    ['T15-T19', 'Effects of foreign body entering through natural orifice', ['EM', 'OT']],
    ['T20-T32', 'Burns and corrosions', ['PS', 'SU-CCM']],
    ['T33-T35', 'Frostbite', ['PS', 'EM']],
    ['T36-T50', 'Poisoning by drugs, medicaments and biological substances', ['EM-TOX', 'EM']],
    ['T51-T65', 'Toxic effects of substances chiefly nonmedicinal as to source', ['EM-TOX', 'EM']],
    ['T66-T78', 'Other and unspecified effects of external causes', ['EM', 'AI']],
    ['T79-T79', 'Certain early complications of trauma', ['SU', 'SU-CCM']],
    ['T80-T88', 'Complications of surgical and medical care, not elsewhere classified', ['SU', 'IM', 'SU-TX']],
    ['T90-T98', 'Sequelae of injuries, of poisoning and of other consequences of external causes', ['PM', 'PM-BI', 'PM-SCI']],
  ],
  XX: [
    ['V01-X59', 'Accidents'],
    ['X60-X84', 'Intentional self-harm', ['PY'], ['EM']],
    ['X85-Y09', 'Assault'],
    ['Y10-Y34', 'Event of undetermined intent'],
    ['Y35-Y36', 'Legal intervention and operations of war'],
    ['Y40-Y84', 'Complications of medical and surgical care', ['IM', 'SU']],
    ['Y85-Y89', 'Sequelae of external causes of morbidity and mortality', ['PM']],
    ['Y90-Y98', 'Supplementary factors related to causes of morbidity and mortality classified elsewhere'],
  ],
  XXI: [
    ['Z00-Z13', 'Persons encountering health services for examination and investigation', ['FM', 'PV']],
    ['Z20-Z29', 'Persons with potential health hazards related to communicable diseases', ['IM-ID', 'PV']],
    ['Z30-Z39', 'Persons encountering health services in circumstances related to reproduction', ['OG', 'OG-REI']],
    ['Z40-Z54', 'Persons encountering health services for specific procedures and health care', ['FM', 'PM']],
    ['Z55-Z65', 'Persons with potential health hazards related to socioeconomic and psychosocial circumstances', ['FM', 'PY']],
    ['Z70-Z76', 'Persons encountering health services in other circumstances', ['FM']],
    ['Z80-Z99', 'Persons with potential health hazards related to family and personal history and certain conditions influencing health status', ['MG', 'FM']],
  ],
  XXII: [
    ['U00-U49', 'Provisional assignment of new diseases of uncertain etiology or emergency use', ['IM-ID', 'IM-PULM']],
    ['U82-U85', 'Resistance to antimicrobial and antineoplastic drugs', ['IM-ID', 'IM-ONC']],
  ],
};

export const icd10Blocks: readonly Icd10Block[] = icd10Chapters.flatMap((chapter) =>
  (blockRows[chapter.code] ?? []).map(([code, title, specialties, secondary]) => ({
    code,
    chapter: chapter.code,
    title,
    specialties: specialties ?? chapter.specialties,
    secondary: secondary ?? [],
  })),
);

type RefinementRow = [range: string, specialties: string[], secondary?: string[]];

// prettier-ignore
const refinementRows: RefinementRow[] = [
  // Neoplasms: the site decides the team (NICE NG12 and the site guidelines).
  ['C15-C15', ['SU-ONC', 'TS-THOR', 'IM-ONC', 'IM-GI'], ['RO']],
  ['C16-C16', ['SU-ONC', 'IM-ONC', 'IM-GI'], ['RO']],
  ['C17-C21', ['CRS', 'SU-ONC', 'IM-ONC'], ['IM-GI', 'RO']],
  ['C22-C22', ['SU-HPB', 'IM-HEP', 'IM-ONC', 'SU-TX'], ['IR', 'RO']],
  ['C23-C24', ['SU-HPB', 'SU-ONC', 'IM-ONC'], ['IM-GI']],
  ['C25-C25', ['SU-HPB', 'SU-ONC', 'IM-ONC'], ['IM-GI', 'RO']],
  ['C26-C26', ['SU-ONC', 'IM-ONC'], ['IM-GI']],
  ['C30-C32', ['OT-HNONC', 'OT', 'RO'], ['IM-ONC']],
  ['C33-C34', ['TS-THOR', 'IM-PULM', 'IM-ONC', 'RO']],
  ['C37-C39', ['TS-THOR', 'IM-ONC'], ['RO']],
  ['C43-C43', ['DE', 'SU-ONC', 'IM-ONC', 'DE-MOHS']],
  ['C44-C44', ['DE', 'DE-MOHS', 'PS'], ['RO']],
  ['C45-C45', ['TS-THOR', 'IM-PULM', 'IM-ONC'], ['RO']],
  ['C46-C49', ['SU-ONC', 'OS-ONC', 'IM-ONC'], ['RO']],
  ['C56-C57', ['OG-GYNONC', 'IM-ONC'], ['RO']],
  ['C64-C66', ['UR-ONC', 'UR', 'IM-ONC'], ['RO']],
  ['C69-C69', ['OP-ONC', 'IM-ONC'], ['RO']],
  ['C70-C72', ['NS-ONC', 'NE-ONC', 'NS', 'IM-ONC', 'RO']],
  ['D03-D04', ['DE', 'DE-MOHS']],
  ['D05-D05', ['SU-BREAST', 'SU-ONC'], ['RO']],
  ['D06-D07', ['OG-GYNONC', 'OG']],
  // Blood and immune mechanism.
  ['D80-D84', ['AI']],
  ['D86-D86', ['IM-PULM', 'IM-RHEUM']],
  // Endocrine.
  ['E04-E04', ['IM-ENDO', 'PE-ENDO'], ['OT-HNONC', 'OT', 'SU']],
  ['E05-E05', ['IM-ENDO', 'PE-ENDO'], ['NM', 'OT-HNONC', 'SU']],
  ['E20-E27', ['IM-ENDO', 'PE-ENDO']],
  ['E22-E23', ['IM-ENDO', 'PE-ENDO'], ['NS']],
  ['E28-E28', ['OG-REI', 'IM-ENDO']],
  ['E84-E84', ['IM-PULM', 'PE-PULM'], ['IM-GI']],
  // Mental and behavioural.
  ['F50-F50', ['PY', 'PY-CHILD']],
  ['F51-F51', ['IM-SLEEP', 'PY']],
  // Nervous system.
  ['G40-G41', ['NE-EPI', 'NE']],
  ['G43-G44', ['NE']],
  ['G45-G46', ['NE-VASC', 'NE']],
  ['G47-G47', ['IM-SLEEP', 'IM-PULM'], ['NE']],
  ['G56-G56', ['OS-HAND', 'NE-NMD'], ['PS']],
  // Circulatory system.
  ['I34-I39', ['IM-CARD', 'IM-ICARD'], ['TS']],
  ['I42-I43', ['IM-HF', 'IM-CARD']],
  ['I44-I49', ['IM-EP', 'IM-CARD']],
  ['I50-I50', ['IM-HF', 'IM-CARD']],
  ['I60-I62', ['NS', 'NE-VASC', 'IR']],
  ['I63-I69', ['NE-VASC', 'NE'], ['IR']],
  ['I71-I71', ['VS'], ['IR', 'TS']],
  ['I71.0-I71.2', ['TS', 'VS']],
  ['I80-I82', ['IM-HEM', 'VS']],
  // Respiratory system.
  ['J84-J84', ['IM-PULM', 'PE-PULM'], ['IM-RHEUM']],
  ['J45-J46', ['IM-PULM', 'PE-PULM', 'AI']],
  // Digestive system.
  ['K55-K59', ['CRS', 'IM-GI', 'SU']],
  ['K60-K62', ['CRS'], ['SU']],
  ['K80-K83', ['SU-HPB', 'SU', 'IM-GI']],
  ['K85-K87', ['IM-GI', 'SU-HPB']],
  // Musculoskeletal system: inflammatory joint disease is the rheumatologist's, worn joints the surgeon's.
  ['M00-M03', ['IM-RHEUM', 'OS', 'IM-ID']],
  ['M05-M14', ['IM-RHEUM', 'PE-RHEUM']],
  ['M08-M09', ['PE-RHEUM', 'IM-RHEUM']],
  ['M15-M19', ['OS-JOINT', 'OS'], ['IM-RHEUM']],
  ['M20-M25', ['OS', 'OS-SPORTS'], ['IM-RHEUM']],
  ['M40-M43', ['OS'], ['NS-SPINE']],
  ['M45-M46', ['IM-RHEUM']],
  ['M47-M49', ['NS-SPINE', 'OS']],
  ['M50-M51', ['NS-SPINE', 'NS', 'OS'], ['PM', 'AN-PAIN']],
  ['M86-M94', ['OS', 'IM-RHEUM']],
  // Genitourinary system.
  ['N39.0-N39.0', ['UR', 'IM-NEPH', 'IM-ID']],
  ['N39.3-N39.4', ['OG-URO', 'UR']],
  ['N80-N80', ['OG', 'OG-REI']],
  ['N81-N81', ['OG-URO', 'OG']],
  ['N97-N97', ['OG-REI']],
  // Congenital malformations.
  ['Q50-Q52', ['OG', 'UR-PED']],
  ['Q53-Q55', ['UR-PED'], ['SU-PED']],
  ['Q65-Q74', ['OS-PED']],
  ['Q75-Q75', ['PS-CRANIO', 'NS-PED']],
  ['Q76-Q78', ['OS-PED', 'MG']],
  ['Q79-Q79', ['SU-PED']],
  // Symptoms and signs.
  ['R00-R01', ['IM-CARD', 'IM-EP']],
  ['R07-R07', ['IM-CARD']],
  ['R31-R31', ['UR']],
  ['R55-R55', ['IM-CARD', 'IM-EP', 'NE']],
  ['R56-R56', ['NE'], ['PE']],
  ['R59-R59', ['IM-HEM', 'IM-ONC']],
  // Health status.
  ['Z31-Z31', ['OG-REI']],
  ['Z80-Z80', ['MG']],
  ['Z94.0-Z94.0', ['IM-NEPH', 'SU-TX']],
  ['Z94.1-Z94.1', ['IM-HF', 'TS']],
  ['Z94.4-Z94.4', ['IM-HEP', 'SU-TX']],
];

export const icd10Refinements: readonly Icd10Refinement[] = refinementRows.map(
  ([range, specialties, secondary]) => ({
    range,
    specialties,
    secondary: secondary ?? [],
  }),
);

const chapterByCode = new Map(icd10Chapters.map((chapter) => [chapter.code, chapter]));
const blockByCode = new Map(icd10Blocks.map((block) => [block.code, block]));

export const isIcd10Chapter = (code: string): boolean => chapterByCode.has(code);
export const isIcd10Block = (code: string): boolean => blockByCode.has(code);
/** A chapter or a block: what a specialist's expertise is written in. */
export const isIcd10ExpertiseCode = (code: string): boolean => isIcd10Chapter(code) || isIcd10Block(code);

/** A three-character category (`C50`) or a subcategory (`C50.4`), as a diagnosis is coded. */
const categoryPattern = /^([A-Z])(\d{2})(?:\.(\d{1,2}))?$/;

/** Letters and two digits compare as one number: `C50` → 250, `D48` → 348. */
const ordinal = (letter: string, digits: string): number =>
  (letter.charCodeAt(0) - 65) * 100 + Number(digits);

function rangeOf(code: string): [number, number] {
  const [from, to] = code.split('-') as [string, string];
  return [ordinal(from[0] as string, from.slice(1)), ordinal(to[0] as string, to.slice(1))];
}

const blockRanges = icd10Blocks.map((block) => ({ block, range: rangeOf(block.code) }));

/** A category or subcategory as one number (`C50` → 25000, `C50.4` → 25040), and the span a range covers. */
function fineOrdinal(code: string, end: boolean): number {
  const match = categoryPattern.exec(code);
  if (!match) return Number.NaN;
  const base = ordinal(match[1] as string, match[2] as string) * 100;
  if (match[3] === undefined) return base + (end ? 99 : 0);
  return base + Number(match[3].padEnd(2, '0')) + (end && match[3].length === 1 ? 9 : 0);
}
const refinementRanges = icd10Refinements.map((refinement) => {
  const [from, to] = refinement.range.split('-') as [string, string];
  return { refinement, from: fineOrdinal(from, false), to: fineOrdinal(to, true) };
});

/** The narrowest refinement holding a category or subcategory, when there is one. */
export function refinementOfCategory(code: string): Icd10Refinement | undefined {
  const value = fineOrdinal(code, false);
  if (Number.isNaN(value)) return undefined;
  let best: (typeof refinementRanges)[number] | undefined;
  for (const entry of refinementRanges)
    if (value >= entry.from && value <= entry.to && (!best || entry.to - entry.from < best.to - best.from))
      best = entry;
  return best?.refinement;
}

/** The block a category or subcategory belongs to, when the classification has one for it. */
export function blockOfCategory(code: string): Icd10Block | undefined {
  const match = categoryPattern.exec(code);
  if (!match) return undefined;
  const value = ordinal(match[1] as string, match[2] as string);
  return blockRanges.find(({ range }) => value >= range[0] && value <= range[1])?.block;
}

export interface ResolvedCondition {
  chapter: Icd10Chapter;
  block: Icd10Block | null;
  /** Who treats it first: the narrowest of the refinement, the block and the chapter. */
  specialties: readonly string[];
  /** Who takes part without being first (the refinement's or the block's). */
  secondary: readonly string[];
}

/**
 * A condition code as a case manager gives it: a chapter (`II`), a block (`C50-C50`) or a
 * category with or without its subcategory (`C50`, `C50.4`). Undefined when it is none of these.
 */
export function resolveCondition(code: string): ResolvedCondition | undefined {
  const normalised = code.trim().toUpperCase();
  const chapter = chapterByCode.get(normalised);
  if (chapter) return { chapter, block: null, specialties: chapter.specialties, secondary: [] };
  const block = blockByCode.get(normalised) ?? blockOfCategory(normalised);
  if (!block) return undefined;
  const refinement = blockByCode.has(normalised) ? undefined : refinementOfCategory(normalised);
  return {
    chapter: chapterByCode.get(block.chapter) as Icd10Chapter,
    block,
    specialties: refinement?.specialties ?? block.specialties,
    secondary: refinement?.secondary ?? block.secondary,
  };
}

export const icd10ChapterByCode = (code: string): Icd10Chapter | undefined => chapterByCode.get(code);
export const icd10BlockByCode = (code: string): Icd10Block | undefined => blockByCode.get(code);

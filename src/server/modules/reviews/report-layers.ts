import { fillIn, languageName } from './doctor-letter-labels.js';
import type { ReportLanguage } from './report-labels.js';

/*
 * The opinion's layers in the written report (docs/opinion-layers.md): the case manager's summary
 * for the member first, the translation of each expert opinion next, the original last, each
 * labelled with its author and language. The report's own words in each language are here, apart
 * from report-labels.ts, so each section keeps its own file.
 */

export interface ReportLayers {
  summary: { language: string; body: string } | null;
  /** By the panel member's offer: the translation of their opinion into the member's language. */
  translations: Record<
    string,
    { language: string; body: string; translatedBy: string; translatedOn: string }
  >;
}

interface LayerLabels {
  summary: string;
  summaryNote: string;
  translation: string;
  translationNote: string;
  original: string;
}

export const layerLabels: Record<ReportLanguage, LayerLabels> = {
  en: {
    summary: 'Summary for you',
    summaryNote:
      'Written in plain words by your case manager, from the specialist’s opinion. Language: {language}.',
    translation: 'The specialist’s opinion, translated',
    translationNote: 'Translated into {language} by {translator} on {date}. The original follows.',
    original: 'Original, as the specialist wrote it. Language: {language}.',
  },
  fr: {
    summary: 'Résumé pour vous',
    summaryNote:
      'Rédigé en mots simples par votre gestionnaire de cas, à partir de l’avis de spécialiste. Langue : {language}.',
    translation: 'L’avis de spécialiste, traduit',
    translationNote: 'Traduit en {language} par {translator} le {date}. L’original suit.',
    original: 'Original, tel que rédigé par le spécialiste. Langue : {language}.',
  },
  es: {
    summary: 'Resumen para usted',
    summaryNote:
      'Redactado con palabras sencillas por su responsable de caso, a partir de la opinión del especialista. Idioma: {language}.',
    translation: 'La opinión del especialista, traducida',
    translationNote: 'Traducida al {language} por {translator} el {date}. A continuación figura el original.',
    original: 'Original, tal como lo redactó el especialista. Idioma: {language}.',
  },
  de: {
    summary: 'Zusammenfassung für Sie',
    summaryNote:
      'In einfachen Worten von Ihrer Fallbetreuung geschrieben, nach dem fachärztlichen Gutachten. Sprache: {language}.',
    translation: 'Das fachärztliche Gutachten, übersetzt',
    translationNote: 'Übersetzt ins {language} von {translator} am {date}. Das Original folgt.',
    original: 'Original, wie es fachärztlich verfasst wurde. Sprache: {language}.',
  },
  it: {
    summary: 'Riassunto per lei',
    summaryNote:
      'Scritto con parole semplici dalla persona referente del caso, a partire dal parere dello specialista. Lingua: {language}.',
    translation: 'Il parere dello specialista, tradotto',
    translationNote: 'Tradotto in {language} da {translator} il {date}. Segue l’originale.',
    original: 'Originale, come scritto dallo specialista. Lingua: {language}.',
  },
  pt: {
    summary: 'Resumo para si',
    summaryNote:
      'Escrito em palavras simples pela pessoa responsável pelo seu caso, a partir do parecer do especialista. Idioma: {language}.',
    translation: 'O parecer do especialista, traduzido',
    translationNote: 'Traduzido para {language} por {translator} em {date}. Segue-se o original.',
    original: 'Original, tal como o especialista o escreveu. Idioma: {language}.',
  },
  'zh-CN': {
    summary: '给您的摘要',
    summaryNote: '由您的个案经理根据专科医生的意见，用通俗的语言撰写。语言：{language}。',
    translation: '专科医生意见（译文）',
    translationNote: '由{translator}于{date}译成{language}。原文附后。',
    original: '原文，即专科医生撰写的内容。语言：{language}。',
  },
  ar: {
    summary: 'ملخص لك',
    summaryNote: 'كتبه فريق متابعة حالتك بكلمات بسيطة، استنادًا إلى رأي الأخصائي. اللغة: {language}.',
    translation: 'ترجمة رأي الأخصائي',
    translationNote: 'تُرجم إلى {language} بواسطة {translator} في {date}. ويلي ذلك النص الأصلي.',
    original: 'النص الأصلي كما كتبه الأخصائي. اللغة: {language}.',
  },
};

type Write = (text: string, options?: { bold?: boolean; size?: number; gap?: number }) => void;

/** The summary, first of the report. */
export function writeSummaryLayer(
  write: Write,
  heading: (text: string) => void,
  language: ReportLanguage,
  layers: ReportLayers | undefined,
): void {
  if (!layers?.summary) return;
  const labels = layerLabels[language];
  heading(labels.summary);
  write(fillIn(labels.summaryNote, { language: languageName(layers.summary.language, language) }), {
    size: 9,
  });
  for (const paragraph of layers.summary.body.split(/\n{2,}/)) write(paragraph);
}

/** The translations of the expert opinions, before the originals. */
export function writeTranslationLayer(
  write: Write,
  heading: (text: string) => void,
  language: ReportLanguage,
  layers: ReportLayers | undefined,
  opinions: { offerId: string; specialist: { name: string; title: string | null } }[],
): void {
  const labels = layerLabels[language];
  for (const opinion of opinions) {
    const translation = layers?.translations[opinion.offerId];
    if (!translation) continue;
    heading(labels.translation);
    write([opinion.specialist.title, opinion.specialist.name].filter(Boolean).join(' '), { bold: true });
    write(
      fillIn(labels.translationNote, {
        language: languageName(translation.language, language),
        translator: translation.translatedBy,
        date: translation.translatedOn,
      }),
      { size: 9 },
    );
    for (const paragraph of translation.body.split(/\n{2,}/)) write(paragraph);
  }
}

/** The label of an original: the language the specialist wrote in. */
export const originalLabel = (language: ReportLanguage, written: string): string =>
  fillIn(layerLabels[language].original, { language: languageName(written, language) });

import type { Queryable } from '../../platform/db/index.js';
import * as followups from './followups-repo.js';
import type { ReportLanguage } from './report-labels.js';

/**
 * The follow-up answers in the written report: a section after the opinions, one entry per
 * specialist's answer (its latest version the case manager has summarised, as the member reads it
 * on the case page), the question it answers, the summary in the member's language first, then the
 * specialist's words with the language they were written in.
 */
export interface ReportAddendum {
  specialist: string;
  question: string;
  /** The case manager's plain-language summary, in the member's language. */
  summary: { language: string; body: string };
  body: string;
  /** BCP 47 tag of the language the specialist wrote in. */
  language: string;
  version: number;
  /** Already formatted in the report's language. */
  answeredOn: string;
}

const labels: Record<
  ReportLanguage,
  { heading: string; question: string; summary: string; original: string; writtenIn: string; edited: string }
> = {
  en: {
    heading: 'Answers to follow-up questions',
    question: 'Question',
    summary: 'In plain words, from your case manager',
    original: 'The answer as the specialist wrote it',
    writtenIn: 'Written in {language} on {date}',
    edited: 'version {version}',
  },
  fr: {
    heading: 'Réponses aux questions complémentaires',
    question: 'Question',
    summary: 'En mots simples, par la personne référente de votre dossier',
    original: 'La réponse telle qu’elle a été écrite',
    writtenIn: 'Rédigé en {language} le {date}',
    edited: 'version {version}',
  },
  es: {
    heading: 'Respuestas a las preguntas de seguimiento',
    question: 'Pregunta',
    summary: 'Con palabras sencillas, de la persona que gestiona su caso',
    original: 'La respuesta tal como se escribió',
    writtenIn: 'Escrito en {language} el {date}',
    edited: 'versión {version}',
  },
  de: {
    heading: 'Antworten auf Nachfragen',
    question: 'Frage',
    summary: 'In einfachen Worten, von Ihrer Fallbetreuung',
    original: 'Die Antwort, wie sie geschrieben wurde',
    writtenIn: 'Verfasst auf {language} am {date}',
    edited: 'Fassung {version}',
  },
  it: {
    heading: 'Risposte alle domande di approfondimento',
    question: 'Domanda',
    summary: 'Con parole semplici, dalla persona referente del caso',
    original: 'La risposta così come è stata scritta',
    writtenIn: 'Scritto in {language} il {date}',
    edited: 'versione {version}',
  },
  pt: {
    heading: 'Respostas às perguntas de seguimento',
    question: 'Pergunta',
    summary: 'Em palavras simples, da equipa do seu caso',
    original: 'A resposta tal como foi escrita',
    writtenIn: 'Escrito em {language} a {date}',
    edited: 'versão {version}',
  },
  'zh-CN': {
    heading: '后续问题的回答',
    question: '问题',
    summary: '由您的个案经理用通俗的语言说明',
    original: '专科医生撰写的原文',
    writtenIn: '于 {date} 以{language}撰写',
    edited: '第 {version} 版',
  },
  ar: {
    heading: 'إجابات أسئلة المتابعة',
    question: 'السؤال',
    summary: 'بكلمات بسيطة، من فريق متابعة حالتك',
    original: 'الإجابة كما كُتبت',
    writtenIn: 'كُتبت باللغة {language} في {date}',
    edited: 'الإصدار {version}',
  },
};

/**
 * Each specialist's answer to each question of the case, oldest question first: the latest version
 * whose summary is written (a version still waiting for it is not in the report yet).
 */
export async function reportAddenda(
  db: Queryable,
  caseId: string,
  formatDate: (at: Date) => string,
): Promise<ReportAddendum[]> {
  const { questions, recipients } = await followups.questionsOfCase(db, caseId);
  const recipientIds = recipients.map((row) => row.recipient.id);
  const addenda = await followups.addendaOf(db, recipientIds);
  const summaries = new Map(
    (await followups.summariesOf(db, recipientIds)).map((row) => [row.addendumId, row]),
  );
  const latest = new Map<string, followups.AddendumRow>();
  for (const addendum of addenda) if (summaries.has(addendum.id)) latest.set(addendum.recipientId, addendum);
  return questions.flatMap((question) =>
    recipients
      .filter((row) => row.recipient.questionId === question.id && latest.has(row.recipient.id))
      .map(({ recipient, name, title }) => {
        const addendum = latest.get(recipient.id)!;
        const summary = summaries.get(addendum.id)!;
        return {
          specialist: [title, name].filter(Boolean).join(' '),
          question: question.question,
          summary: { language: summary.language, body: summary.body },
          body: addendum.body,
          language: addendum.language,
          version: addendum.version,
          answeredOn: formatDate(addendum.submittedAt),
        };
      }),
  );
}

type Write = (text: string, options?: { bold?: boolean; size?: number; gap?: number }) => void;

/** Writes the section, after the opinions; nothing when no question was answered. */
export function writeAddenda(
  write: Write,
  heading: (text: string) => void,
  language: ReportLanguage,
  addenda: readonly ReportAddendum[],
): void {
  if (addenda.length === 0) return;
  const words = labels[language];
  const names = new Intl.DisplayNames([language], { type: 'language' });
  heading(words.heading);
  for (const addendum of addenda) {
    write(addendum.specialist, { bold: true, gap: 0.1 });
    write(`${words.question}: ${addendum.question}`, { bold: true, gap: 0.2 });
    write(words.summary, { bold: true, gap: 0.1 });
    for (const paragraph of addendum.summary.body.split(/\n{2,}/)) write(paragraph);
    write(words.original, { bold: true, gap: 0.1 });
    for (const paragraph of addendum.body.split(/\n{2,}/)) write(paragraph);
    const written = words.writtenIn
      .replace('{language}', names.of(addendum.language) ?? addendum.language)
      .replace('{date}', addendum.answeredOn);
    const edited =
      addendum.version > 1 ? ` · ${words.edited.replace('{version}', String(addendum.version))}` : '';
    write(`${written}${edited}`, { size: 9 });
  }
}

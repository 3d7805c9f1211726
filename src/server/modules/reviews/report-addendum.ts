import type { Queryable } from '../../platform/db/index.js';
import * as followups from './followups-repo.js';
import type { ReportLanguage } from './report-labels.js';

/**
 * The follow-up answers in the written report: a section after the opinions, one entry per
 * specialist's answer (its latest version), the question it answers and the language it was
 * written in.
 */
export interface ReportAddendum {
  specialist: string;
  question: string;
  body: string;
  /** BCP 47 tag of the language the specialist wrote in. */
  language: string;
  version: number;
  /** Already formatted in the report's language. */
  answeredOn: string;
}

const labels: Record<
  ReportLanguage,
  { heading: string; question: string; writtenIn: string; edited: string }
> = {
  en: {
    heading: 'Answers to follow-up questions',
    question: 'Question',
    writtenIn: 'Written in {language} on {date}',
    edited: 'version {version}',
  },
  fr: {
    heading: 'Réponses aux questions complémentaires',
    question: 'Question',
    writtenIn: 'Rédigé en {language} le {date}',
    edited: 'version {version}',
  },
  es: {
    heading: 'Respuestas a las preguntas de seguimiento',
    question: 'Pregunta',
    writtenIn: 'Escrito en {language} el {date}',
    edited: 'versión {version}',
  },
  de: {
    heading: 'Antworten auf Nachfragen',
    question: 'Frage',
    writtenIn: 'Verfasst auf {language} am {date}',
    edited: 'Fassung {version}',
  },
  it: {
    heading: 'Risposte alle domande di approfondimento',
    question: 'Domanda',
    writtenIn: 'Scritto in {language} il {date}',
    edited: 'versione {version}',
  },
  pt: {
    heading: 'Respostas às perguntas de seguimento',
    question: 'Pergunta',
    writtenIn: 'Escrito em {language} a {date}',
    edited: 'versão {version}',
  },
  'zh-CN': {
    heading: '后续问题的回答',
    question: '问题',
    writtenIn: '于 {date} 以{language}撰写',
    edited: '第 {version} 版',
  },
  ar: {
    heading: 'إجابات أسئلة المتابعة',
    question: 'السؤال',
    writtenIn: 'كُتبت باللغة {language} في {date}',
    edited: 'الإصدار {version}',
  },
};

/** The latest answer of each specialist to each question of the case, oldest question first. */
export async function reportAddenda(
  db: Queryable,
  caseId: string,
  formatDate: (at: Date) => string,
): Promise<ReportAddendum[]> {
  const { questions, recipients } = await followups.questionsOfCase(db, caseId);
  const addenda = await followups.addendaOf(
    db,
    recipients.map((row) => row.recipient.id),
  );
  const latest = new Map<string, followups.AddendumRow>();
  for (const addendum of addenda) latest.set(addendum.recipientId, addendum);
  return questions.flatMap((question) =>
    recipients
      .filter((row) => row.recipient.questionId === question.id && latest.has(row.recipient.id))
      .map(({ recipient, name, title }) => {
        const addendum = latest.get(recipient.id)!;
        return {
          specialist: [title, name].filter(Boolean).join(' '),
          question: question.question,
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
    for (const paragraph of addendum.body.split(/\n{2,}/)) write(paragraph);
    const written = words.writtenIn
      .replace('{language}', names.of(addendum.language) ?? addendum.language)
      .replace('{date}', addendum.answeredOn);
    const edited =
      addendum.version > 1 ? ` · ${words.edited.replace('{version}', String(addendum.version))}` : '';
    write(`${written}${edited}`, { size: 9 });
  }
}

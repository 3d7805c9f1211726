import type {
  DoctorLetterLanguage,
  DoctorLetterSending,
  DoctorLetterSent,
  OpinionLayers,
  OpinionSummary,
  OpinionSummaryDraft,
  OpinionTranslation,
  OpinionTranslationEntry,
} from '../../../shared/opinion-layers';
import { request } from '../../api/client';

/** The opinion's layers (docs/opinion-layers.md): the summary, translations, the doctor's letter. */
const caseUrl = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}`;

export const layersKey = (caseId: string) => ['case', caseId, 'opinion-layers'] as const;

export const layersApi = {
  read: (caseId: string) => request<OpinionLayers | null>('GET', `${caseUrl(caseId)}/opinion-layers`),
  writeSummary: (caseId: string, reviewId: string, body: OpinionSummaryDraft) =>
    request<OpinionSummary>(
      'PUT',
      `${caseUrl(caseId)}/reviews/${encodeURIComponent(reviewId)}/summary`,
      body,
    ),
  enterTranslation: (caseId: string, reviewId: string, offerId: string, body: OpinionTranslationEntry) =>
    request<OpinionTranslation>(
      'PUT',
      `${caseUrl(caseId)}/reviews/${encodeURIComponent(reviewId)}/offers/${encodeURIComponent(offerId)}/translation`,
      body,
    ),
  sendLetter: (caseId: string, body: DoctorLetterSending) =>
    request<DoctorLetterSent>('POST', `${caseUrl(caseId)}/doctor-letter-sendings`, body),
};

/** Where the letter is downloaded (a plain link: the browser saves the PDF). */
export const doctorLetterUrl = (caseId: string, language: DoctorLetterLanguage) =>
  `${caseUrl(caseId)}/doctor-letter?language=${encodeURIComponent(language)}`;

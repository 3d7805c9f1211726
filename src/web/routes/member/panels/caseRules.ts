import { onDemand } from '../../../app/onDemand';

/**
 * The server's own rules for the forms of the case page (a progress report, the choice of a call
 * time, a consent to share, a withdrawal), with zod: fetched when one of them is first used, not
 * with the page.
 */
export const caseRules = onDemand(async () => {
  const [cases, documents] = await Promise.all([
    import('../../../../shared/cases'),
    import('../../../../shared/documents'),
  ]);
  return {
    ProgressReport: cases.ProgressReport,
    CallConfirmation: cases.CallConfirmation,
    Withdrawal: cases.Withdrawal,
    SharingConsentCreation: documents.SharingConsentCreation,
  };
});

import type { TFunction } from 'i18next';
import type { FieldIssue, FormWords } from '../../app/fieldErrors.js';

const isNumberIssue = (issue: FieldIssue) => issue.origin === 'number' || issue.origin === 'int';

/**
 * The words of the rules the staff's and operations' forms share, their keys in the staff
 * catalogue; a form's own words (`own`) come first. A field to fill in, a text too long and an
 * e-mail address are left to the common words; any other rule the server names is said plainly.
 */
export const staffWords =
  (t: TFunction, own?: FormWords): FormWords =>
  (issue, path) => {
    const mine = own?.(issue, path);
    if (mine !== undefined) return mine;
    const field = path.at(-1);
    if (field === 'email') return t('validation.email');
    if (field === 'timeZone') return t('cm.validation.timeZone');
    if (path[0] === 'languages') return t('cm.validation.languages');
    // The one refinement of a period: a shift, an absence.
    if (issue.code === 'custom' && (field === 'end' || field === 'endsAt'))
      return t('cm.validation.endAfterStart');
    if (field === 'start' || field === 'end') return t('cm.validation.time');
    if (issue.code === 'invalid_format' && issue.format === 'datetime') return t('cm.validation.dateTime');
    // The server's own check of a moment to come (a check-in, a call).
    if (issue.code === 'date_in_past' || issue.code === 'in_past') return t('cm.validation.future');
    if (issue.code === 'invalid_type' && (issue.expected === 'number' || issue.expected === 'int'))
      return t('cm.validation.wholeNumber');
    if (issue.code === 'too_small' && isNumberIssue(issue) && typeof issue.minimum === 'number')
      return t('cm.validation.atLeast', { min: issue.minimum });
    if (issue.code === 'too_big' && isNumberIssue(issue) && typeof issue.maximum === 'number')
      return t('cm.validation.atMost', { max: issue.maximum });
    const common =
      issue.code === 'too_small' ||
      issue.code === 'invalid_type' ||
      (issue.code === 'too_big' && issue.origin === 'string');
    return common ? undefined : t('cm.validation.invalid');
  };

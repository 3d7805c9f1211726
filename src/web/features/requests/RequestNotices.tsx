import { Alert, Anchor, Checkbox, Stack, Text } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseSummary } from '../../../shared/cases';
import type { HealthcareHub, OpinionEligibility } from '../../../shared/register';
import { formatMoment, isolate } from '../../app/format';
import { isOpenStatus } from '../cases/status';

/** Whom a request is for: the member (`''`) or one of their dependants, as the hub names them. */
export function personOf(hub: HealthcareHub, memberId: string) {
  if (!memberId)
    return { id: hub.member.id, self: true, name: hub.member.givenName, secondOpinion: hub.secondOpinion };
  const dependant = hub.dependants.find((person) => person.id === memberId);
  return dependant
    ? { id: dependant.id, self: false, name: dependant.givenName, secondOpinion: dependant.secondOpinion }
    : null;
}

/** Nobody the member may ask for is eligible today: the form would only be refused at its end. */
export const nobodyEligible = (hub: HealthcareHub) =>
  hub.secondOpinion !== 'eligible' && hub.dependants.every((person) => person.secondOpinion !== 'eligible');

/** The open cases of one person, newest first as the list gives them. */
export const openCasesOf = (cases: readonly CaseSummary[], memberId: string) =>
  cases.filter((item) => item.member.id === memberId && isOpenStatus(item.status));

/**
 * Why a request for this person would be refused (the plans room's eligibility rule), what that
 * means and whom to contact, before any step is filled in.
 */
export const NotEligibleNotice = forwardRef<
  HTMLDivElement,
  {
    hub: HealthcareHub;
    person: { self: boolean; name: string };
    reason: Exclude<OpinionEligibility, 'eligible'>;
    othersEligible: boolean;
  }
>(function NotEligibleNotice({ hub, person, reason, othersEligible }, ref) {
  const { t } = useTranslation();
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      variant="light"
      color="#8a3b00"
      title={t('request.notEligible.title')}
      data-testid="not-eligible"
    >
      <Stack gap="xs">
        <Text>
          {reason === 'eligibility.service_not_on_plan'
            ? t('request.notEligible.service')
            : person.self
              ? t('request.notEligible.membershipSelf')
              : t('request.notEligible.membershipOf', { name: person.name })}
        </Text>
        <Text>
          {hub.employer
            ? t('request.notEligible.contactEmployer', { employer: hub.employer.name })
            : t('request.notEligible.contactInsurer')}
        </Text>
        {othersEligible && <Text>{t('request.notEligible.chooseOther')}</Text>}
        <Anchor component={Link} to="/">
          {t('case.backToHub')}
        </Anchor>
      </Stack>
    </Alert>
  );
});

/**
 * The person already has an open case: said before a step is filled in, with a link to it. A
 * second concern is legitimate, so the request may still be sent, once the member says so.
 */
export function OpenCaseWarning({
  person,
  cases,
  timeZone,
  confirmed,
  onConfirm,
  error,
  checkboxId,
}: {
  person: { self: boolean; name: string };
  cases: readonly CaseSummary[];
  timeZone: string;
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
  error: string | undefined;
  checkboxId: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Alert
      variant="light"
      color="#8a3b00"
      title={
        person.self ? t('request.openCase.titleSelf') : t('request.openCase.titleOf', { name: person.name })
      }
      data-testid="open-case-warning"
    >
      <Stack gap="sm">
        <Stack component="ul" gap={4} className="plain-list">
          {cases.map((item) => (
            <Text component="li" key={item.id}>
              <Anchor component={Link} to={`/cases/${item.id}`} fw={600}>
                {t('request.openCase.case', { number: isolate(item.number) })}
              </Anchor>{' '}
              {t('request.openCase.sent', { date: formatMoment(item.submittedAt, i18n.language, timeZone) })}
            </Text>
          ))}
        </Stack>
        <Text>{t('request.openCase.advice')}</Text>
        <Checkbox
          id={checkboxId}
          checked={confirmed}
          onChange={(event) => onConfirm(event.currentTarget.checked)}
          label={t('request.openCase.confirm')}
          error={error}
        />
      </Stack>
    </Alert>
  );
}

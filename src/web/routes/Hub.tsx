import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../../shared/cases';
import { formatPersonName } from '../../shared/display';
import type { Me } from '../../shared/identity';
import type { PlanKind, VirtualCareService } from '../../shared/plans';
import type { HealthcareHub } from '../../shared/register';
import { api, queryKeys } from '../api/endpoints';
import { formatCalendarDate, formatMoment } from '../app/format';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { relationshipKey } from '../features/cases/relationship';
import { ConfirmEmailNotice } from '../features/account/ConfirmEmailNotice';
import { dueCheckIn } from '../features/cases/checkIns';
import { caseStatusKey } from '../features/cases/status';
import { ServiceContact } from '../features/employers/ServiceContact';

// Every enum value has its own key, written out so that the catalogue test sees each one used.
const planKindKey = {
  individual: 'hub.plan.kind.individual',
  family: 'hub.plan.kind.family',
  company: 'hub.plan.kind.company',
} as const satisfies Record<PlanKind, string>;

const membershipStatusKey = {
  in_force: 'hub.plan.status.in_force',
  not_started: 'hub.plan.status.not_started',
  lapsed: 'hub.plan.status.lapsed',
} as const satisfies Record<HealthcareHub['membership']['status'], string>;

const serviceKeys = {
  second_medical_opinion: {
    name: 'service.second_medical_opinion.name',
    description: 'service.second_medical_opinion.description',
  },
  virtual_doctor: { name: 'service.virtual_doctor.name', description: 'service.virtual_doctor.description' },
  mind_health: { name: 'service.mind_health.name', description: 'service.mind_health.description' },
} as const satisfies Record<VirtualCareService, { name: string; description: string }>;

/** Services in the order the brochure tells them: the opinion first, then its siblings. */
const serviceOrder: VirtualCareService[] = ['second_medical_opinion', 'virtual_doctor', 'mind_health'];

function PlanPanel({ hub }: { hub: HealthcareHub }) {
  const { t, i18n } = useTranslation();
  const { membership } = hub;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="hub-plan">
      <Stack gap="xs">
        <Title order={2} size="h3" id="hub-plan">
          {t('hub.plan.heading')}
        </Title>
        <Text fw={600}>{hub.plan.name}</Text>
        <Text>{t(planKindKey[hub.plan.kind])}</Text>
        {hub.employer && <Text>{t('hub.plan.employer', { employer: hub.employer.name })}</Text>}
        <Text>
          {t('hub.plan.membershipNumber')}: <span dir="ltr">{membership.membershipNumber}</span>
        </Text>
        <Text>
          {t('hub.plan.memberNumber')}: <span dir="ltr">{hub.member.memberNumber}</span>
        </Text>
        <Group gap="xs">
          <Text>{t('hub.plan.statusLabel')}:</Text>
          <Badge color={membership.status === 'in_force' ? '#1b5e20' : '#495057'} variant="filled">
            {t(membershipStatusKey[membership.status])}
          </Badge>
        </Group>
        <Text>
          {membership.endDate
            ? t('hub.plan.period', {
                start: formatCalendarDate(membership.startDate, i18n.language),
                end: formatCalendarDate(membership.endDate, i18n.language),
              })
            : t('hub.plan.since', { start: formatCalendarDate(membership.startDate, i18n.language) })}
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * A plan not in force: what that means (no service of the plan can be used, a request would be
 * refused) and whom to ask, said where the services are, instead of the request button.
 */
function PlanNotInForce({ hub }: { hub: HealthcareHub }) {
  const { t, i18n } = useTranslation();
  const { membership } = hub;
  return (
    <Alert variant="light" color="#8a3b00" title={t('hub.notInForce.title')} data-testid="plan-not-in-force">
      <Stack gap="xs">
        <Text>
          {membership.status === 'not_started'
            ? t('hub.notInForce.notStarted', {
                start: formatCalendarDate(membership.startDate, i18n.language),
              })
            : t('hub.notInForce.lapsed', {
                end: membership.endDate ? formatCalendarDate(membership.endDate, i18n.language) : '',
              })}
        </Text>
        <Text>
          {hub.employer
            ? t('hub.notInForce.contactEmployer', { employer: hub.employer.name })
            : t('hub.notInForce.contactInsurer')}
        </Text>
      </Stack>
    </Alert>
  );
}

function ServicesPanel({ hub }: { hub: HealthcareHub }) {
  const { t } = useTranslation();
  const services = [...hub.services].sort(
    (a, b) => serviceOrder.indexOf(a.service) - serviceOrder.indexOf(b.service),
  );
  const inForce = hub.membership.status === 'in_force';
  const hasOpinion = services.some((entry) => entry.service === 'second_medical_opinion');
  // A dependant on a membership of their own may still be asked for.
  const someoneMayAsk =
    hub.secondOpinion === 'eligible' || hub.dependants.some((person) => person.secondOpinion === 'eligible');
  return (
    <section aria-labelledby="hub-services">
      <Stack gap="sm">
        <Title order={2} size="h3" id="hub-services">
          {t('hub.services.heading')}
        </Title>
        {!inForce && <PlanNotInForce hub={hub} />}
        {inForce && !hasOpinion && <Text>{t('hub.services.noOpinion')}</Text>}
        {someoneMayAsk && (
          <Button component={Link} to="/cases/new" size="md" w="fit-content">
            {t('hub.requestOpinion')}
          </Button>
        )}
        <SimpleGrid
          cols={{ base: 1, sm: services.length > 1 ? 2 : 1 }}
          spacing="md"
          component="ul"
          className="plain-list"
        >
          {services.map((entry) => (
            <Card
              withBorder
              radius="md"
              padding="lg"
              key={entry.service}
              component="li"
              data-service={entry.service}
            >
              <Stack gap="xs">
                <Title order={3} size="h4">
                  {t(serviceKeys[entry.service].name)}
                </Title>
                <Badge
                  variant="outline"
                  color={!inForce ? '#495057' : entry.source === 'employer' ? 'grape.9' : 'brand.8'}
                  w="fit-content"
                >
                  {!inForce
                    ? t('hub.services.notInForce')
                    : entry.source === 'employer'
                      ? t('hub.services.fromEmployer')
                      : t('hub.services.onPlan')}
                </Badge>
                <Text>{t(serviceKeys[entry.service].description)}</Text>
                {inForce && <ServiceContact service={entry.service} />}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </section>
  );
}

function DependantsPanel({ hub }: { hub: HealthcareHub }) {
  const { t } = useTranslation();
  if (hub.dependants.length === 0) return null;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="hub-dependants">
      <Stack gap="xs">
        <Title order={2} size="h3" id="hub-dependants">
          {t('hub.dependants.heading')}
        </Title>
        <Text>{t('hub.dependants.intro')}</Text>
        <List>
          {hub.dependants.map((person) => (
            <List.Item key={person.id}>
              {t('hub.dependants.person', {
                name: formatPersonName(person),
                relationship: t(relationshipKey[person.relationship]),
              })}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}

function CaseItem({ item, me }: { item: CaseSummary; me: Me }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" component="li">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Anchor component={Link} to={`/cases/${item.id}`} fw={600}>
          {t('hub.cases.number', { number: item.number })}
        </Anchor>
        <Badge variant="light" color="brand.9">
          {t(caseStatusKey[item.status])}
        </Badge>
      </Group>
      <Text size="sm">
        {t('hub.cases.submitted', { date: formatMoment(item.submittedAt, i18n.language, me.timeZone) })}
      </Text>
      <Text size="sm">
        {item.caseManager
          ? t('hub.cases.caseManager', { name: item.caseManager.name })
          : t('hub.cases.noCaseManager')}
      </Text>
      {(item.status === 'recommendations_delivered' || item.status === 'monitoring') && (
        <CheckInDue caseId={item.id} />
      )}
    </Card>
  );
}

/** A check-in that has come due on a delivered case, with the way to answer it on the case page. */
function CheckInDue({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const followUps = useQuery({ queryKey: queryKeys.followUps(caseId), queryFn: () => api.followUps(caseId) });
  if (!followUps.data || !dueCheckIn(followUps.data.items, new Date())) return null;
  return (
    <Anchor component={Link} to={`/cases/${caseId}`} fw={600} data-testid="check-in-due">
      {t('hub.cases.checkInDue')}
    </Anchor>
  );
}

function CasesPanel({ me }: { me: Me }) {
  const { t } = useTranslation();
  const cases = useQuery({ queryKey: queryKeys.myCases, queryFn: api.myCases });
  return (
    <section aria-labelledby="hub-cases">
      <Stack gap="sm">
        <Title order={2} size="h3" id="hub-cases">
          {t('hub.cases.heading')}
        </Title>
        {cases.isPending ? (
          <Loading />
        ) : cases.error ? (
          <ErrorNotice error={cases.error} />
        ) : cases.data.items.length === 0 ? (
          <Text>{t('hub.cases.empty')}</Text>
        ) : (
          <>
            <Text>{t('hub.cases.count', { count: cases.data.items.length })}</Text>
            <Stack component="ul" gap="sm" className="plain-list">
              {cases.data.items.map((item) => (
                <CaseItem key={item.id} item={item} me={me} />
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </section>
  );
}

/** The member's home: their plan, the Virtual Care services on it, who they may ask for, their cases. */
export function HubPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const hub = useQuery({ queryKey: queryKeys.hub, queryFn: api.healthcareHub });
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <PageHeading>{t('hub.title')}</PageHeading>
        {hub.data && <Text size="lg">{t('hub.greeting', { name: hub.data.member.givenName })}</Text>}
      </Stack>
      <ConfirmEmailNotice me={me} />
      {hub.isPending ? (
        <Loading />
      ) : hub.error ? (
        <ErrorNotice error={hub.error} />
      ) : (
        <>
          <ServicesPanel hub={hub.data} />
          <CasesPanel me={me} />
          <PlanPanel hub={hub.data} />
          <DependantsPanel hub={hub.data} />
        </>
      )}
    </Stack>
  );
}

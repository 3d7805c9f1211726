import { Alert, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmployerPlanAddOns } from '../../../shared/employers';
import { virtualCareServices, type VirtualCareService } from '../../../shared/plans';
import { employerKeys, employersApi } from '../../api/employers';
import { isConflict } from '../../app/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';

const serviceName = {
  second_medical_opinion: 'service.second_medical_opinion.name',
  virtual_doctor: 'service.virtual_doctor.name',
  mind_health: 'service.mind_health.name',
} as const satisfies Record<VirtualCareService, string>;

/** One employer plan: a box per service, those of the plan product ticked and fixed. */
function PlanAddOns({ plan }: { plan: EmployerPlanAddOns }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // The operator's picks, for the version they were made on: a newer version from the server
  // (saved here, or by someone else first) is shown as it is.
  const [draft, setDraft] = useState<{ version: number; addOns: VirtualCareService[] } | null>(null);
  const addOns = draft?.version === plan.version ? draft.addOns : plan.addOns;
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => employersApi.changeAddOns(plan, { addOns, version: plan.version }),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: employerKeys.employerPlans });
    },
    onError: async (error) => {
      setSaved(false);
      if (isConflict(error)) await queryClient.invalidateQueries({ queryKey: employerKeys.employerPlans });
    },
  });
  const headingId = `plan-${plan.employerId}-${plan.planProductId}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-plan={plan.planCode}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {t('employers.ops.planHeading', { employer: plan.employerName, plan: plan.planName })}
        </Title>
        <Checkbox.Group
          label={t('employers.ops.servicesLabel')}
          value={[...new Set([...plan.includedInPlan, ...addOns])]}
          onChange={(value) => {
            setSaved(false);
            setDraft({
              version: plan.version,
              addOns: virtualCareServices.filter(
                (service) => value.includes(service) && !plan.includedInPlan.includes(service),
              ),
            });
          }}
        >
          <Stack gap={6} mt={6}>
            {virtualCareServices.map((service) => (
              <Checkbox
                key={service}
                value={service}
                disabled={plan.includedInPlan.includes(service)}
                label={
                  plan.includedInPlan.includes(service)
                    ? t('employers.ops.includedInPlan', { service: t(serviceName[service]) })
                    : t(serviceName[service])
                }
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group gap="sm">
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('employers.ops.save')}
          </Button>
          {saved && (
            <Text role="status" size="sm">
              {t('employers.ops.saved')}
            </Text>
          )}
        </Group>
        {save.error &&
          (isConflict(save.error) ? (
            <Alert color="#8a4b00" variant="light" role="alert" title={t('employers.ops.conflictTitle')}>
              <Text size="sm">{t('employers.ops.conflictBody')}</Text>
            </Alert>
          ) : (
            <ErrorNotice error={save.error} />
          ))}
      </Stack>
    </Paper>
  );
}

/** Operations turn the add-ons of each employer plan on or off, as each employer's contract says. */
export function EmployerPlansPage() {
  const { t } = useTranslation();
  const plans = useQuery({ queryKey: employerKeys.employerPlans, queryFn: employersApi.employerPlans });
  if (plans.isPending) return <Loading />;
  if (plans.error) return <ErrorNotice error={plans.error} />;
  return (
    <Stack gap="md">
      <PageHeading>{t('employers.ops.title')}</PageHeading>
      <Text>{t('employers.ops.intro')}</Text>
      {plans.data.items.length === 0 && <Text>{t('employers.ops.none')}</Text>}
      {plans.data.items.map((plan) => (
        <PlanAddOns key={`${plan.employerId}-${plan.planProductId}`} plan={plan} />
      ))}
    </Stack>
  );
}

export default EmployerPlansPage;

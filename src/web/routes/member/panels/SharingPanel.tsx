import { Button, Checkbox, Radio, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDocument, SharingConsent, SharingConsentCreation } from '../../../../shared/documents';
import { api, queryKeys } from '../../../api/endpoints';
import { formatMoment } from '../../../app/format';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useFormCheck } from '../../../app/formCheck';
import { caseRules } from './caseRules';
import { Panel } from '../Panel';
import { UserText } from '../../../components/UserText';

/** Consent to share records with the reviewing specialists: all, or the chosen ones; withdrawable. */
export function SharingPanel({
  caseId,
  consents,
  documents,
  canChange,
  timeZone,
}: {
  caseId: string;
  consents: SharingConsent[];
  documents: CaseDocument[];
  canChange: boolean;
  timeZone: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const active = consents.find((consent) => consent.active);
  const [scope, setScope] = useState<'all' | 'selected'>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const [rulesError, setRulesError] = useState<unknown>(null);
  const form = useRef<HTMLFormElement>(null);
  const check = useFormCheck(form, {
    words: (_, path) => (path[0] === 'documentIds' ? t('case.sharing.chooseOne') : undefined),
  });
  const consent = (): SharingConsentCreation =>
    scope === 'all' ? { scope: 'all' } : { scope: 'selected', documentIds: chosen };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.sharingConsents(caseId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(caseId) });
  };
  const give = useMutation({
    mutationFn: () => api.giveSharingConsent(caseId, consent()),
    onSuccess: refresh,
    onError: check.refused,
  });
  const withdraw = useMutation({
    mutationFn: (consentId: string) => api.withdrawSharingConsent(caseId, consentId),
    onSuccess: refresh,
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await caseRules.load().catch((error: unknown) => void setRulesError(error));
    if (rules && check.check(rules.SharingConsentCreation, consent())) give.mutate();
  };
  return (
    <Panel id="case-sharing" title={t('case.sharing.heading')}>
      <Text size="sm">{t('case.sharing.intro')}</Text>
      {active ? (
        <>
          <Text data-testid="consent-state">
            {active.scope === 'all'
              ? t('case.sharing.activeAll', { time: formatMoment(active.givenAt, i18n.language, timeZone) })
              : t('case.sharing.activeSelected', {
                  count: active.documentIds?.length ?? 0,
                  time: formatMoment(active.givenAt, i18n.language, timeZone),
                })}
          </Text>
          {canChange && (
            <Button
              variant="default"
              w="fit-content"
              loading={withdraw.isPending}
              onClick={() => withdraw.mutate(active.id)}
            >
              {t('case.sharing.withdraw')}
            </Button>
          )}
        </>
      ) : (
        <>
          <Text data-testid="consent-state">{t('case.sharing.none')}</Text>
          {canChange && (
            <form ref={form} onSubmit={(event) => void submit(event)} onFocus={caseRules.warm} noValidate>
              <Stack gap="xs">
                <Radio.Group
                  label={t('case.sharing.scope')}
                  value={scope}
                  onChange={(value) => setScope(value === 'selected' ? 'selected' : 'all')}
                >
                  <Stack gap={4} mt={4}>
                    <Radio value="all" label={t('case.sharing.scopeAll')} />
                    <Radio
                      value="selected"
                      label={t('case.sharing.scopeSelected')}
                      disabled={documents.length === 0}
                    />
                  </Stack>
                </Radio.Group>
                {scope === 'selected' && (
                  <Checkbox.Group
                    label={t('case.sharing.documents')}
                    value={chosen}
                    onChange={setChosen}
                    error={check.errors.documentIds}
                  >
                    <Stack gap={4} mt={4}>
                      {documents.map((document) => (
                        <Checkbox
                          key={document.id}
                          value={document.id}
                          label={<UserText>{document.title}</UserText>}
                        />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                )}
                <Button type="submit" w="fit-content" loading={give.isPending}>
                  {t('case.sharing.give')}
                </Button>
              </Stack>
            </form>
          )}
        </>
      )}
      <ErrorNotice error={rulesError ?? give.error ?? withdraw.error} />
    </Panel>
  );
}

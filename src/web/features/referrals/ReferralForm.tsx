import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases';
import { benefitCategories, minorDigitsOf, type BenefitCategory } from '../../../shared/coverage';
import type { FacilityHit } from '../../../shared/facilities';
import { letterLanguages, referralUrgencies, type ReferralUrgency } from '../../../shared/referrals';
import { specialtyName, specialtyTaxonomy } from '../../../shared/specialty-taxonomy';
import { api, queryKeys } from '../../api/endpoints';
import { facilitiesApi } from '../../api/facilities';
import { formatNumber, languageName } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { benefitKeys } from '../coverage/coverWords';
import { referralKeys, referralsApi } from './api';
import { CoverAnswer } from './ReferralSummary';
import { toMinorUnits, urgencyKey } from './words';

interface Draft {
  service: string | null;
  benefit: BenefitCategory | null;
  icd10: string;
  reason: string;
  urgency: ReferralUrgency;
  treatmentDate: string;
  cost: number | string;
  currency: string;
  facilityId: string;
  receivingDoctor: string;
  country: string;
  letterLanguage: string | null;
  documents: string[];
}

const NO_FACILITY = 'none';

/**
 * The case manager refers the member: the service and the plan's benefit, why and how soon, the
 * estimated cost, a facility proposed by the finder near the member (or a doctor alone), the
 * letter's language and the records to send. The server checks the cover as it files the
 * referral and asks for pre-authorisation where the plan says so.
 */
export function ReferralForm({ kase }: { kase: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const client = useQueryClient();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState(false);
  const [draft, setDraft] = useState<Draft>({
    service: null,
    benefit: null,
    icd10: '',
    reason: '',
    urgency: 'routine',
    treatmentDate: '',
    cost: '',
    currency: '',
    facilityId: NO_FACILITY,
    receivingDoctor: '',
    country: kase.location.country,
    letterLanguage: null,
    documents: [],
  });
  const change = (patch: Partial<Draft>) => {
    setDone(false);
    cover.reset();
    setDraft((current) => ({ ...current, ...patch }));
  };
  const documents = useQuery({
    queryKey: queryKeys.documents(kase.id),
    queryFn: () => api.documents(kase.id),
  });
  const [hits, setHits] = useState<FacilityHit[] | null>(null);
  const [directOnly, setDirectOnly] = useState(false);
  const finder = useMutation({
    mutationFn: (service: string) =>
      facilitiesApi.search({
        city: { country: kase.location.country, name: kase.location.city },
        service,
        languages: [kase.preferredLanguage],
        ...(directOnly && { directBilling: true }),
        limit: 10,
      }),
    onSuccess: (found) => setHits(found.items),
  });
  const digits = /^[A-Z]{3}$/.test(draft.currency) ? minorDigitsOf(draft.currency) : 2;
  const chosen = hits?.find((hit) => hit.facility.id === draft.facilityId)?.facility;
  const estimatedCost = () => ({
    amount: toMinorUnits(Number(draft.cost), digits),
    currency: draft.currency.trim().toUpperCase(),
  });
  // The check the referral will carry, asked first: the server decides it again as it files.
  const cover = useMutation({
    mutationFn: () =>
      referralsApi.checkCover(kase.id, {
        treatmentDate: draft.treatmentDate,
        benefit: draft.benefit ?? 'outpatient_consultation',
        icd10: draft.icd10.trim(),
        country: chosen?.country ?? draft.country.trim().toUpperCase(),
        facilityInNetwork: chosen ? chosen.directBilling : null,
        estimatedCost: estimatedCost(),
      }),
  });
  const refer = useMutation({
    mutationFn: () =>
      referralsApi.create(
        kase.id,
        {
          version: kase.version,
          facilityId: draft.facilityId === NO_FACILITY ? null : draft.facilityId,
          receivingDoctor: draft.receivingDoctor.trim() || null,
          service: draft.service ?? '',
          benefit: draft.benefit ?? 'outpatient_consultation',
          icd10: draft.icd10.trim(),
          reason: draft.reason.trim(),
          urgency: draft.urgency,
          treatmentDate: draft.treatmentDate,
          country: draft.facilityId === NO_FACILITY ? draft.country.trim().toUpperCase() || null : null,
          estimatedCost: estimatedCost(),
          sharedDocumentIds: draft.documents,
          letterLanguage: (draft.letterLanguage as (typeof letterLanguages)[number] | null) ?? null,
        },
        idempotencyKey,
      ),
    onSuccess: async () => {
      setDone(true);
      setIdempotencyKey(crypto.randomUUID());
      await Promise.all([
        client.invalidateQueries({ queryKey: referralKeys.ofCase(kase.id) }),
        client.invalidateQueries({ queryKey: queryKeys.case(kase.id) }),
      ]);
    },
  });
  const serviceOptions = useMemo(
    () =>
      specialtyTaxonomy.map((entry) => ({
        value: entry.code,
        label: specialtyName(entry.code, locale) ?? entry.code,
      })),
    [locale],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    refer.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="referral-form">
      <Stack gap="sm">
        <Title order={4} size="h5" id="referral-form">
          {t('referrals.form.heading')}
        </Title>
        <Group grow wrap="wrap" align="flex-start">
          <Select
            label={t('referrals.form.service')}
            data={serviceOptions}
            value={draft.service}
            onChange={(service) => {
              change({ service, facilityId: NO_FACILITY });
              setHits(null);
            }}
            searchable
            required
          />
          <Select
            label={t('referrals.form.benefit')}
            data={benefitCategories.map((benefit) => ({ value: benefit, label: t(benefitKeys[benefit]) }))}
            value={draft.benefit}
            onChange={(benefit) => change({ benefit: benefit as BenefitCategory | null })}
            required
          />
          <TextInput
            label={t('referrals.form.icd10')}
            value={draft.icd10}
            onChange={(event) => change({ icd10: event.currentTarget.value })}
            dir="ltr"
            required
          />
        </Group>
        <Textarea
          label={t('referrals.form.reason')}
          value={draft.reason}
          onChange={(event) => change({ reason: event.currentTarget.value })}
          autosize
          minRows={3}
          required
        />
        <Group grow wrap="wrap" align="flex-start">
          <Select
            label={t('referrals.form.urgency')}
            data={referralUrgencies.map((urgency) => ({ value: urgency, label: t(urgencyKey[urgency]) }))}
            value={draft.urgency}
            onChange={(urgency) => urgency && change({ urgency: urgency as ReferralUrgency })}
            allowDeselect={false}
          />
          <TextInput
            type="date"
            label={t('referrals.form.treatmentDate')}
            value={draft.treatmentDate}
            onChange={(event) => change({ treatmentDate: event.currentTarget.value })}
            required
          />
          <NumberInput
            label={t('referrals.form.cost')}
            value={draft.cost}
            onChange={(cost) => change({ cost })}
            decimalScale={digits}
            min={0}
            thousandSeparator
            required
          />
          <TextInput
            label={t('referrals.form.currency')}
            value={draft.currency}
            onChange={(event) => change({ currency: event.currentTarget.value.toUpperCase() })}
            maxLength={3}
            dir="ltr"
            required
          />
        </Group>
        <Group>
          <Checkbox
            label={t('referrals.form.directBilling')}
            checked={directOnly}
            onChange={(event) => setDirectOnly(event.currentTarget.checked)}
          />
          <Button
            variant="default"
            disabled={!draft.service}
            loading={finder.isPending}
            onClick={() => draft.service && finder.mutate(draft.service)}
          >
            {t('referrals.form.find')}
          </Button>
        </Group>
        <ErrorNotice error={finder.error} />
        {hits && <Text size="sm">{t('referrals.form.found', { count: hits.length })}</Text>}
        <Radio.Group
          label={t('referrals.form.facility')}
          value={draft.facilityId}
          onChange={(facilityId) => change({ facilityId })}
        >
          <Stack gap={6} mt={4}>
            {(hits ?? []).map((hit) => (
              <Radio
                key={hit.facility.id}
                value={hit.facility.id}
                label={t('referrals.form.facilityOption', {
                  name: hit.facility.name,
                  city: hit.facility.city,
                  km: formatNumber(hit.distanceKm ?? 0, locale, { maximumFractionDigits: 1 }),
                })}
              />
            ))}
            <Radio value={NO_FACILITY} label={t('referrals.form.noFacility')} />
          </Stack>
        </Radio.Group>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('referrals.form.doctor')}
            value={draft.receivingDoctor}
            onChange={(event) => change({ receivingDoctor: event.currentTarget.value })}
          />
          {draft.facilityId === NO_FACILITY && (
            <TextInput
              label={t('referrals.form.country')}
              value={draft.country}
              onChange={(event) => change({ country: event.currentTarget.value.toUpperCase() })}
              maxLength={2}
              dir="ltr"
            />
          )}
          <Select
            label={t('referrals.form.letterLanguage')}
            data={letterLanguages.map((tag) => ({ value: tag, label: languageName(tag, locale) }))}
            placeholder={t('referrals.form.letterDefault')}
            value={draft.letterLanguage}
            onChange={(letterLanguage) => change({ letterLanguage })}
            clearable
          />
        </Group>
        {(documents.data?.items.length ?? 0) > 0 && (
          <Checkbox.Group
            label={t('referrals.form.records')}
            value={draft.documents}
            onChange={(chosen) => change({ documents: chosen })}
          >
            <Stack gap={6} mt={4}>
              {documents.data!.items.map((document) => (
                <Checkbox key={document.id} value={document.id} label={document.title} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
        <Group>
          <Button variant="default" loading={cover.isPending} onClick={() => cover.mutate()}>
            {t('referrals.form.checkCover')}
          </Button>
        </Group>
        <ErrorNotice error={cover.error} />
        {cover.data && (
          <section aria-label={t('referrals.form.coverHeading')}>
            <CoverAnswer cover={cover.data} />
          </section>
        )}
        <ErrorNotice error={refer.error} />
        {done && (
          <Text role="status" c="green.9">
            {t('referrals.form.sent')}
          </Text>
        )}
        <Button type="submit" w="fit-content" loading={refer.isPending}>
          {t('referrals.form.submit')}
        </Button>
      </Stack>
    </form>
  );
}

import { Button, Group, NativeSelect, Paper, Stack, Tabs, Text, Title, Typography } from '@mantine/core';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecommendationsDraft, type CaseDetail } from '../../../shared/cases';
import { withoutReviewReasons, type WithoutReviewReason } from '../../../shared/opinion-layers';
import { withoutReviewKey } from '../../features/cases/withoutReview';
import { api, queryKeys } from '../../api/endpoints';
import { staffApi } from '../../api/staff';
import { formatMoment } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { refreshCase } from './refreshCase';
import { useFormCheck } from '../../app/formCheck';
import { staffWords } from '../../features/staff/fieldWords';
import { WriteError } from '../../features/staff/WriteError';
import { UserText } from '../../components/UserText';

const draftable = new Set(['contacted', 'gathering_information', 'opinion_ready']);

/**
 * The recommendations in Markdown. The preview is the server's own rendering of the saved draft
 * (its sanitiser is the one that decides what the member sees), so saving comes first.
 */
export function RecommendationsPanel({ kase, timeZone }: { kase: CaseDetail; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const current = useQuery({
    queryKey: queryKeys.recommendations(kase.id),
    queryFn: () => api.recommendations(kase.id),
  });
  const [body, setBody] = useState<string | null>(null);
  const [steps, setSteps] = useState<string | null>(null);
  const [tab, setTab] = useState<string | null>('write');
  const text = body ?? current.data?.markdown ?? '';
  const nextSteps = steps ?? (current.data?.nextSteps ?? []).join('\n');
  // The next steps are typed one a line in one box, which shows the problems of any of them.
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, {
    words: staffWords(t),
    fieldOf: (path) => (path.startsWith('nextSteps') ? 'nextSteps' : path),
  });
  const draft = () => ({
    version: kase.version,
    body: text,
    nextSteps: nextSteps
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  });
  const save = useMutation({
    mutationFn: () => staffApi.saveRecommendations(kase.id, draft()),
    onError: fields.refused,
    onSuccess: (saved) => {
      client.setQueryData(queryKeys.recommendations(kase.id), saved);
      setBody(null);
      setSteps(null);
    },
    onSettled: () => refreshCase(client, kase.id),
  });
  // Without a specialist review, the delivery records why, from the fixed list.
  const reviewed = kase.status === 'opinion_ready';
  const [reason, setReason] = useState<WithoutReviewReason | ''>('');
  const deliver = useMutation({
    mutationFn: () =>
      staffApi.deliverRecommendations(kase.id, kase.version, reviewed ? undefined : reason || undefined),
    onSettled: () => refreshCase(client, kase.id),
  });
  const editable = draftable.has(kase.status) && !current.data?.deliveredAt;
  const unsaved = body !== null || steps !== null;

  if (current.error) return <ErrorNotice error={current.error} />;
  return (
    <form
      ref={form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (fields.check(RecommendationsDraft, draft())) save.mutate();
      }}
    >
      <Stack gap="md">
        {current.data?.deliveredAt && (
          <Text fw={600} role="status">
            {t('cm.recs.deliveredAt', {
              time: formatMoment(current.data.deliveredAt, i18n.language, timeZone),
            })}
            {current.data.acknowledgedAt &&
              ` · ${t('cm.recs.acknowledgedAt', { time: formatMoment(current.data.acknowledgedAt, i18n.language, timeZone) })}`}
          </Text>
        )}
        <Tabs
          value={tab}
          onChange={(value) => {
            if (value === 'preview' && unsaved && editable) {
              // The preview is of the saved draft: what cannot be saved stays in sight to put right.
              if (!fields.check(RecommendationsDraft, draft())) return;
              save.mutate();
            }
            setTab(value);
          }}
        >
          <Tabs.List>
            <Tabs.Tab value="write">{t('cm.recs.write')}</Tabs.Tab>
            <Tabs.Tab value="preview">{t('cm.recs.preview')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="sm">
            <Stack gap="sm">
              <GrowingTextarea
                id="recommendations-body"
                label={t('cm.recs.body')}
                description={t('cm.recs.bodyHelp')}
                value={text}
                onChange={(event) => setBody(event.currentTarget.value)}
                readOnly={!editable}
                minRows={8}
                maxLength={50_000}
                required
                error={fields.errors.body}
              />
              <GrowingTextarea
                label={t('cm.recs.nextSteps')}
                description={t('cm.recs.nextStepsHelp')}
                value={nextSteps}
                onChange={(event) => setSteps(event.currentTarget.value)}
                readOnly={!editable}
                minRows={3}
                error={fields.errors.nextSteps}
              />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="sm">
            {current.data ? (
              <Paper withBorder p="md" className="recommendations-preview">
                <Typography>
                  {/* The server's sanitised rendering of the saved Markdown. */}
                  <div dangerouslySetInnerHTML={{ __html: current.data.html }} />
                </Typography>
                {current.data.nextSteps.length > 0 && (
                  <>
                    <Title order={4} size="h5" mt="md">
                      {t('cm.recs.nextSteps')}
                    </Title>
                    <ol>
                      {current.data.nextSteps.map((step, index) => (
                        <li key={index}>
                          <UserText>{step}</UserText>
                        </li>
                      ))}
                    </ol>
                  </>
                )}
              </Paper>
            ) : (
              <Text>{t('cm.recs.nothingYet')}</Text>
            )}
          </Tabs.Panel>
        </Tabs>
        <WriteError error={save.error ?? deliver.error} />
        {editable && !reviewed && (
          <NativeSelect
            label={t('cm.recs.withoutReview')}
            description={t('cm.recs.withoutReviewHelp')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value as WithoutReviewReason | '')}
            w="fit-content"
          >
            <option value="">{t('cm.recs.withoutReviewChoose')}</option>
            {withoutReviewReasons.map((value) => (
              <option key={value} value={value}>
                {t(withoutReviewKey[value])}
              </option>
            ))}
          </NativeSelect>
        )}
        {editable && (
          <Group>
            <Button type="submit" variant="default" loading={save.isPending}>
              {t('cm.recs.save')}
            </Button>
            <Button
              onClick={() => deliver.mutate()}
              loading={deliver.isPending}
              disabled={!current.data || unsaved || (!reviewed && !reason)}
            >
              {t('cm.recs.deliver')}
            </Button>
          </Group>
        )}
        {editable && unsaved && <Text size="sm">{t('cm.recs.unsaved')}</Text>}
      </Stack>
    </form>
  );
}

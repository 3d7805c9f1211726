import { Alert, Anchor, Box, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DeskDocument, DeskReview, Opinion } from '../../../shared/reviews';
import { api, queryKeys, sharedDocumentUrl } from '../../api/endpoints';
import { formatMoment } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { diagnosisKey, treatmentKey } from './labels';
import { OpinionForm } from './OpinionForm';
import { UserText } from '../../components/UserText';

const DicomViewer = lazy(() => import('../../features/imaging/DicomViewer'));
// The member's follow-up questions about this opinion, and my answers: their own chunk and words.
const DeskFollowupsPanel = lazy(async () => ({
  default: (await import('../../features/followups/DeskFollowups')).DeskFollowupsPanel,
}));

/**
 * A shared record shown in the page: PDFs in a frame, images as images, DICOM images in the DICOM
 * viewer (fetched when it opens), the rest to download.
 */
function Viewer({ offerId, document }: { offerId: string; document: DeskDocument }) {
  const { t } = useTranslation();
  const url = sharedDocumentUrl(offerId, document.id);
  const label = t('desk.viewer.title', { title: document.title });
  if (document.mediaType === 'application/pdf') {
    return <iframe src={url} title={label} className="desk-viewer" />;
  }
  if (document.mediaType === 'application/dicom') {
    return (
      <Stack gap="xs">
        <Suspense fallback={<Loading />}>
          <DicomViewer url={url} title={document.title} />
        </Suspense>
        <Anchor href={url} download>
          {t('desk.viewer.download', { title: document.title })}
        </Anchor>
      </Stack>
    );
  }
  if (
    document.mediaType.startsWith('image/') &&
    document.mediaType !== 'image/tiff' &&
    document.mediaType !== 'image/heic'
  ) {
    return <img src={url} alt={label} className="desk-viewer-image" />;
  }
  return (
    <Anchor href={url} download>
      {t('desk.viewer.download', { title: document.title })}
    </Anchor>
  );
}

function Documents({ review }: { review: DeskReview }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const shown = review.documents.find((document) => document.id === open);
  // Once the review is complete the records are no longer the specialist's to see.
  if (review.access === 'own_opinion') return null;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="desk-documents">
      <Stack gap="sm">
        <Title order={2} size="h3" id="desk-documents">
          {t('desk.review.documents')}
        </Title>
        {review.access === 'summary' && <Text>{t('desk.review.acceptToSee')}</Text>}
        {review.access === 'full' && review.documents.length === 0 && (
          <Text>{t('desk.review.noDocuments')}</Text>
        )}
        {review.documents.length > 0 && (
          <Stack gap="xs" component="ul" className="plain-list">
            {review.documents.map((document) => (
              <Group key={document.id} component="li" justify="space-between" wrap="wrap">
                <Text>
                  <UserText>{document.title}</UserText>
                </Text>
                <Button
                  variant="light"
                  size="xs"
                  onClick={() => setOpen(document.id === open ? null : document.id)}
                  aria-expanded={document.id === open}
                  aria-controls="desk-viewer"
                >
                  {document.id === open
                    ? t('desk.viewer.close')
                    : t('desk.review.view', { title: document.title })}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        <div id="desk-viewer">{shown && <Viewer offerId={review.offerId} document={shown} />}</div>
      </Stack>
    </Paper>
  );
}

/** One field of an opinion on file: its label, then what was written. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" fw={600}>
        {label}
      </Text>
      <Box component="dd" m={0}>
        {children}
      </Box>
    </div>
  );
}

/** A list as written (further tests, references), or the words for none. */
function Written({ items, none }: { items: string[]; none: string }) {
  if (items.length === 0) return <Text>{none}</Text>;
  return (
    <List>
      {items.map((item, index) => (
        <List.Item key={index}>
          <UserText>{item}</UserText>
        </List.Item>
      ))}
    </List>
  );
}

/** One version of the specialist's opinion as submitted, read only: every part of it. */
function OpinionOnFile({ opinion, timeZone }: { opinion: Opinion; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const headingId = `desk-opinion-${opinion.id}`;
  return (
    <Paper
      withBorder
      p="md"
      component="article"
      aria-labelledby={headingId}
      data-opinion-version={opinion.version}
    >
      <Stack gap="sm">
        <Title order={3} size="h4" id={headingId}>
          {t('desk.opinion.version', {
            version: opinion.version,
            time: formatMoment(opinion.submittedAt, i18n.language, timeZone),
          })}
        </Title>
        {opinion.version > 1 && (
          <Text>{t('desk.opinion.correctionOf', { version: opinion.version - 1 })}</Text>
        )}
        <Stack component="dl" gap="sm" m={0}>
          {opinion.correctionReason && (
            <Field label={t('desk.opinion.correctionReason')}>
              <Text style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                {opinion.correctionReason}
              </Text>
            </Field>
          )}
          <Field label={t('desk.opinion.diagnosis')}>
            <Text>{t(diagnosisKey[opinion.diagnosis.verdict])}</Text>
          </Field>
          {opinion.diagnosis.proposedCode && (
            <Field label={t('desk.opinion.proposedCode')}>
              <Text dir="ltr">{opinion.diagnosis.proposedCode}</Text>
            </Field>
          )}
          <Field label={t('desk.opinion.treatment')}>
            <Text>{t(treatmentKey[opinion.treatment.verdict])}</Text>
          </Field>
          <Field label={t('desk.opinion.furtherTests')}>
            <Written items={opinion.furtherTests} none={t('desk.opinion.noFurtherTests')} />
          </Field>
          {opinion.answers.length > 0 && (
            <Field label={t('desk.opinion.answers')}>
              <List type="ordered" spacing="xs">
                {opinion.answers.map((entry, index) => (
                  <List.Item key={index}>
                    <Text fw={600}>
                      <UserText>{entry.question}</UserText>
                    </Text>
                    <Text style={{ whiteSpace: 'pre-wrap' }}>
                      <UserText>{entry.answer}</UserText>
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Field>
          )}
          <Field label={t('desk.opinion.narrative')}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>
              <UserText>{opinion.narrative}</UserText>
            </Text>
          </Field>
          <Field label={t('desk.opinion.references')}>
            <Written items={opinion.references} none={t('desk.opinion.noReferences')} />
          </Field>
        </Stack>
      </Stack>
    </Paper>
  );
}

/** The specialist's opinion as it stands on file, the latest version first, each whole. */
function OpinionsOnFile({ review, timeZone }: { review: DeskReview; timeZone: string | undefined }) {
  const { t } = useTranslation();
  if (review.opinions.length === 0) return null;
  const newestFirst = [...review.opinions].sort((a, b) => b.version - a.version);
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="desk-opinions">
      <Stack gap="sm">
        <Title order={2} size="h3" id="desk-opinions">
          {t('desk.opinion.onFile')}
        </Title>
        {newestFirst.map((opinion) => (
          <OpinionOnFile key={opinion.id} opinion={opinion} timeZone={timeZone} />
        ))}
      </Stack>
    </Paper>
  );
}

/** `/specialist/offers/:offerId`: the summary, the questions, the shared records and the opinion. */
export function DeskReviewPage() {
  const { t } = useTranslation();
  const { offerId = '' } = useParams();
  const me = useMe();
  const review = useQuery({
    queryKey: queryKeys.deskReview(offerId),
    queryFn: () => api.deskReview(offerId),
  });
  const data = review.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/specialist/offers">
        {t('desk.review.back')}
      </Anchor>
      {review.isPending && <Loading />}
      <ErrorNotice error={review.error} />
      {data && (
        <>
          <PageHeading>{t('desk.review.title', { caseNumber: data.caseNumber })}</PageHeading>
          {data.access === 'own_opinion' && <Alert color="blue">{t('desk.review.ownOpinionOnly')}</Alert>}
          {data.summary !== null && (
            <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="desk-summary">
              <Stack gap="sm">
                <Title order={2} size="h3" id="desk-summary">
                  {t('desk.review.summary')}
                </Title>
                <Text style={{ whiteSpace: 'pre-wrap' }}>
                  <UserText>{data.summary}</UserText>
                </Text>
                <Title order={3} size="h4">
                  {t('desk.review.questions')}
                </Title>
                <List type="ordered">
                  {data.questions.map((question, index) => (
                    <List.Item key={index}>
                      <UserText>{question}</UserText>
                    </List.Item>
                  ))}
                </List>
              </Stack>
            </Paper>
          )}
          <Documents review={data} />
          <OpinionsOnFile review={data} timeZone={me.data?.timeZone} />
          {data.status === 'submitted' && (
            <Suspense fallback={<Loading />}>
              <DeskFollowupsPanel offerId={data.offerId} timeZone={me.data?.timeZone} />
            </Suspense>
          )}
          {(data.status === 'accepted' || (data.status === 'submitted' && data.opinions.length > 0)) && (
            <OpinionForm review={data} />
          )}
        </>
      )}
    </Stack>
  );
}

export default DeskReviewPage;

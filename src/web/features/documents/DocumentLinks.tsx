import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDocument } from '../../../shared/documents';
import { documentContentUrl } from '../../api/endpoints';

/** What a browser shows by itself in a tab of its own (the server frames nothing else inline). */
const opensInBrowser = (mediaType: CaseDocument['mediaType']) =>
  mediaType === 'application/pdf' || mediaType === 'image/jpeg' || mediaType === 'image/png';

/**
 * Plain links to a record of the case, through the API with the session cookie: "Open" (PDFs and
 * images, in a new tab) and "Download" (any record, under the server's file name, which never says
 * what the record is about). Each link's name says which record it is for a screen reader.
 */
export function DocumentLinks({ caseId, document }: { caseId: string; document: CaseDocument }) {
  const { t } = useTranslation();
  return (
    <Group gap="md" wrap="wrap">
      {opensInBrowser(document.mediaType) && (
        <Anchor
          href={documentContentUrl(caseId, document.id, true)}
          target="_blank"
          rel="noopener"
          size="sm"
          aria-label={t('case.documents.openNamed', { title: document.title })}
        >
          {t('case.documents.open')}
        </Anchor>
      )}
      <Anchor
        href={documentContentUrl(caseId, document.id, false)}
        download
        size="sm"
        aria-label={t('case.documents.downloadNamed', { title: document.title })}
      >
        {t('case.documents.download')}
      </Anchor>
    </Group>
  );
}

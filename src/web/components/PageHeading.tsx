import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

let firstPageOfVisit = true;

/**
 * The page's one <h1>. When the user moves to another page, focus goes to it, so that a screen
 * reader announces where they are and the next Tab starts at the top of the new content. The page
 * title (the browser tab) follows, in the current language.
 */
export function PageHeading({ children }: { children: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstPageOfVisit) firstPageOfVisit = false;
    else heading.current?.focus();
  }, []);
  useEffect(() => {
    document.title = t('app.documentTitle', { page: children });
  }, [children, t]);
  return (
    <Title order={1} ref={heading} tabIndex={-1} className="page-heading">
      {children}
    </Title>
  );
}

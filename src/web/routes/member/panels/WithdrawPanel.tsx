import { Button, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/cases';
import { Loading } from '../../../components/Loading';
import { Panel } from '../Panel';

/** The confirmation dialog is its own chunk: most visits never open it. */
const WithdrawDialog = lazy(() => import('./WithdrawDialog'));

/** Withdraw the request: a reason, then a confirmation; the version guards against a stale page. */
export function WithdrawPanel({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Panel id="case-withdraw" title={t('case.withdraw.heading')}>
      <Text size="sm">{t('case.withdraw.intro')}</Text>
      <Button color="#a51d1d" variant="outline" w="fit-content" onClick={() => setOpen(true)}>
        {t('case.withdraw.open')}
      </Button>
      {open && (
        <Suspense fallback={<Loading />}>
          <WithdrawDialog kase={kase} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </Panel>
  );
}

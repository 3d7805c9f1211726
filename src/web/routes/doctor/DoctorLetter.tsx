import { Alert, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeading } from '../../components/PageHeading';

/** The link's token, from the address's fragment (`#token=…`): a browser never sends it anywhere. */
const tokenFromFragment = (): string | null =>
  new URLSearchParams(window.location.hash.slice(1)).get('token');

/** Asks for the letter with the token in the body (never in an address) and saves the PDF. */
async function openLetter(letterId: string, token: string): Promise<void> {
  const response = await fetch(`/api/v1/doctor-letters/${encodeURIComponent(letterId)}/content`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) throw new Error(String(response.status));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = 'letter.pdf';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The treating doctor's page: no account, only the link a patient had us e-mail. One button
 * saves the letter; a link that opens nothing (expired, mistyped) says so and asks for a new one.
 */
export function DoctorLetterPage() {
  const { letterId = '' } = useParams();
  const { t } = useTranslation();
  const [token] = useState(tokenFromFragment);
  const open = useMutation({ mutationFn: () => openLetter(letterId, token!) });
  return (
    <Stack gap="md">
      <PageHeading>{t('doctorLetter.heading')}</PageHeading>
      {token ? (
        <>
          <Text>{t('doctorLetter.body')}</Text>
          {open.isError && (
            <Alert variant="light" role="alert">
              {t('doctorLetter.notFound')}
            </Alert>
          )}
          {open.isSuccess && (
            <Alert variant="light" role="status">
              {t('doctorLetter.saved')}
            </Alert>
          )}
          <Button w="fit-content" onClick={() => open.mutate()} loading={open.isPending}>
            {t('doctorLetter.open')}
          </Button>
        </>
      ) : (
        <Text>{t('doctorLetter.noToken')}</Text>
      )}
    </Stack>
  );
}

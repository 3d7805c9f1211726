import type { CaseMessage, MessageAuthorRole } from '../../../shared/messaging.js';
import type * as repo from './repo.js';

/** A message of a case's thread as the viewer sees it: theirs or not, read by whom. */
export function presentMessage(row: repo.MessageView, viewerUserId: string): CaseMessage {
  const mine = row.authorUserId === viewerUserId;
  return {
    id: row.id,
    caseId: row.caseId,
    body: row.body,
    author: { userId: row.authorUserId, role: row.authorRole as MessageAuthorRole, name: row.authorName },
    createdAt: row.createdAt.toISOString(),
    mine,
    readByOther: row.readByOther,
    readByMe: mine || row.readByViewer,
  };
}

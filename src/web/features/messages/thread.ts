import type { QueryClient } from '@tanstack/react-query';
import type { CaseMessage, MessagePage } from '../../../shared/messaging';
import { queryKeys } from '../../api/endpoints';

/**
 * A message that arrived (on the stream, or as the answer to sending it) goes into the thread
 * already loaded, once: the same message may come by both ways.
 */
export function addMessageToThread(client: QueryClient, caseId: string, message: CaseMessage): void {
  client.setQueryData<MessagePage>(queryKeys.messages(caseId), (page) => {
    if (!page) return page;
    if (page.items.some((item) => item.id === message.id)) {
      return { ...page, items: page.items.map((item) => (item.id === message.id ? message : item)) };
    }
    return { ...page, items: [message, ...page.items] };
  });
}

/** The thread oldest first, as it is read (the API lists it newest first). */
export const chronological = (items: CaseMessage[]) =>
  [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));

/** The newest message from the other side not yet read, which a read receipt points to. */
export function newestUnreadFromOthers(items: CaseMessage[]): CaseMessage | null {
  const unread = items.filter((item) => !item.mine && !item.readByMe);
  return unread.length === 0 ? null : chronological(unread).at(-1)!;
}

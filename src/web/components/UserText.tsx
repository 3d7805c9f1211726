import { withoutDirectionControls } from '../app/format';

/**
 * Text a member or a colleague wrote (a concern, a question, a message), isolated from the page:
 * its direction is its own (`dir="auto"`), and characters that would reverse or reorder it are
 * not shown.
 */
export function UserText({ children }: { children: string }) {
  return <bdi dir="auto">{withoutDirectionControls(children)}</bdi>;
}

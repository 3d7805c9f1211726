import { Kbd, Modal, Table } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Typing in a field, a menu or an editor is never taken over by a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[role="listbox"]') !== null
  );
}

/**
 * Single-key shortcuts for a page. A key pressed with Ctrl, Alt or Meta, or while typing, is left
 * to the browser and the field.
 */
export function useShortcuts(bindings: Record<string, () => void>, enabled = true): void {
  const latest = useRef(bindings);
  useEffect(() => {
    latest.current = bindings;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return;
      if (isTyping(event.target)) return;
      const action = latest.current[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/**
 * Focus a field of the panel a shortcut has just shown: the panel mounts on the next render (and
 * some wait for their data), so the field is looked for on each frame for a couple of seconds;
 * if it never comes (the form is not offered in this state), `otherwise` is called.
 */
export function focusWhenShown(id: string, otherwise?: () => void, frames = 120): void {
  const attempt = (left: number) => {
    const field = document.getElementById(id);
    if (field) field.focus();
    else if (left > 0) window.requestAnimationFrame(() => attempt(left - 1));
    else otherwise?.();
  };
  window.requestAnimationFrame(() => attempt(frames));
}

/** The "?" dialog: every shortcut of the page, with what it does. */
export function ShortcutsHelp({
  opened,
  onClose,
  shortcuts,
}: {
  opened: boolean;
  onClose: () => void;
  shortcuts: { keys: string[]; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('cm.shortcuts.title')}
      closeButtonProps={{ 'aria-label': t('cm.shortcuts.close') }}
    >
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cm.shortcuts.key')}</Table.Th>
            <Table.Th>{t('cm.shortcuts.action')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shortcuts.map((shortcut) => (
            <Table.Tr key={shortcut.label}>
              <Table.Td>
                {shortcut.keys.map((key) => (
                  <Kbd key={key} me={4}>
                    {key}
                  </Kbd>
                ))}
              </Table.Td>
              <Table.Td>{shortcut.label}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}

import { InputBase, type InputBaseProps } from '@mantine/core';
import type { ComponentPropsWithoutRef, CSSProperties } from 'react';

type GrowingTextareaProps = Omit<InputBaseProps, 'classNames' | 'styles' | 'multiline'> &
  Omit<ComponentPropsWithoutRef<'textarea'>, 'rows' | 'style' | keyof InputBaseProps> & {
    /** The rows shown when empty. */
    minRows?: number;
    /** The rows it grows to before it scrolls; unbounded when absent. */
    maxRows?: number;
  };

/**
 * A text area that grows with what is written, from `minRows` to `maxRows`, by CSS
 * (`field-sizing: content`, see `.growing-textarea` in app/styles.css) instead of by measuring in
 * script: Mantine's `Textarea autosize` reads the page's computed style on mount, which forces a
 * layout of the whole page in the middle of its first render (about 150 ms of the case page's
 * first second on a slow machine). Mantine's own input (`InputBase`) as a textarea, styled as its
 * `Textarea` is, without that component's measuring code. A browser without `field-sizing` shows
 * `minRows` rows the writer can resize.
 */
export function GrowingTextarea({ minRows = 2, maxRows, ...props }: GrowingTextareaProps) {
  const sizes = {
    '--growing-min-rows': minRows,
    '--growing-max-rows': maxRows ?? 'none',
  } as CSSProperties;
  return (
    <InputBase
      component="textarea"
      multiline
      {...props}
      rows={minRows}
      classNames={{ input: maxRows ? 'growing-textarea growing-textarea-capped' : 'growing-textarea' }}
      styles={{ input: sizes }}
    />
  );
}

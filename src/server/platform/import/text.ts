import { Readable } from 'node:stream';

/**
 * Reading an imported file as text. A file that is not UTF-8 text is refused as soon as that is
 * known, and the importer words the refusal for its own readers.
 */

/** Why a file cannot be read as text: too large, not UTF-8, or binary (a NUL byte). */
export type TextFault = 'too_large' | 'not_utf8' | 'binary';

export class TextRefused extends Error {
  constructor(readonly fault: TextFault) {
    super(`file refused: ${fault}`);
  }
}

const withoutByteOrderMark = (text: string) => text.replace(/^\uFEFF/, '');

/** One line ending, `\n`: csv-parse's line count drifts on CRLF files with blank lines. */
export const oneLineEnding = (text: string) => text.replace(/\r\n?/g, '\n');

/** Decodes a whole file held in memory. Throws `TextRefused` (`not_utf8`, `binary`). */
export function decodeText(content: Buffer | string): string {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      throw new TextRefused('not_utf8');
    }
  }
  if (text.includes('\u0000')) throw new TextRefused('binary');
  return withoutByteOrderMark(text);
}

/**
 * Decodes a byte stream as UTF-8 text, one chunk at a time, with one line ending, refusing it
 * (`TextRefused`) at the first byte that is not UTF-8 or at a NUL (what binary files are full of),
 * and once it passes `maxBytes`.
 */
export async function* textChunks(
  source: AsyncIterable<Buffer | string>,
  maxBytes: number,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let first = true;
  let pendingCarriageReturn = false;
  // Stopping early must not destroy an HTTP request: the server still answers on its socket and
  // discards what the client goes on sending. A file stream is closed by its owner.
  const chunks = source instanceof Readable ? source.iterator({ destroyOnReturn: false }) : source;
  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    if (bytes > maxBytes) throw new TextRefused('too_large');
    let text: string;
    try {
      text = decoder.decode(buffer, { stream: true });
    } catch {
      throw new TextRefused('not_utf8');
    }
    if (text.includes('\u0000')) throw new TextRefused('binary');
    if (first) text = withoutByteOrderMark(text);
    first = false;
    // A carriage return at the end of a chunk waits for the next one to see whether a line feed
    // follows.
    if (pendingCarriageReturn) text = `\r${text}`;
    pendingCarriageReturn = text.endsWith('\r');
    if (pendingCarriageReturn) text = text.slice(0, -1);
    yield oneLineEnding(text);
  }
  try {
    decoder.decode();
  } catch {
    throw new TextRefused('not_utf8');
  }
  if (pendingCarriageReturn) yield '\n';
}

/** The whole of a byte stream as text, read as `textChunks` reads it. */
export async function readText(source: AsyncIterable<Buffer | string>, maxBytes: number): Promise<string> {
  let text = '';
  for await (const chunk of textChunks(source, maxBytes)) text += chunk;
  return text;
}

import { acceptedMediaTypes } from '../../../shared/document-types.js';
import type { DocumentKind, DocumentMediaType } from '../../../shared/documents.js';

/**
 * What a file is, from its first bytes. The name and the declared content type of an upload are
 * ignored: they are whatever the sender's device says.
 *
 * | media type              | recognised by                                                    |
 * | ----------------------- | ---------------------------------------------------------------- |
 * | application/pdf         | `%PDF-` at offset 0                                               |
 * | image/jpeg              | FF D8 FF                                                          |
 * | image/png               | 89 50 4E 47 0D 0A 1A 0A                                           |
 * | image/heic              | `ftyp` at offset 4 with a HEIF brand (heic, heix, mif1, msf1...)  |
 * | image/tiff              | `II*\0` or `MM\0*`                                                |
 * | application/dicom       | `DICM` at offset 128 (DICOM Part 10)                              |
 * | application/fhir+json   | UTF-8, a JSON object whose first bytes contain a `resourceType` key |
 * | text/plain              | UTF-8 without control characters (tabs and line breaks allowed)  |
 *
 * Text and FHIR JSON are judged on the sniff window only (the first `SNIFF_BYTES`); a text file
 * with binary further on is still stored as it came, encrypted, and served as an attachment.
 */
export const SNIFF_BYTES = 4096;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

const startsWith = (bytes: Buffer, signature: Buffer | number[], offset = 0) =>
  bytes.length >= offset + signature.length &&
  bytes.subarray(offset, offset + signature.length).equals(Buffer.from(signature));

export function sniffMediaType(head: Buffer): DocumentMediaType | null {
  if (head.length === 0) return null;
  if (startsWith(head, Buffer.from('%PDF-', 'ascii'))) return 'application/pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, PNG)) return 'image/png';
  if (startsWith(head, Buffer.from('ftyp', 'ascii'), 4) && head.length >= 12) {
    if (HEIF_BRANDS.has(head.subarray(8, 12).toString('ascii'))) return 'image/heic';
  }
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'image/tiff';
  }
  if (startsWith(head, Buffer.from('DICM', 'ascii'), 128)) return 'application/dicom';
  const text = utf8Text(head);
  if (text === null) return null;
  if (/^\s*\{/.test(text) && /"resourceType"\s*:\s*"[A-Za-z]+"/.test(text)) return 'application/fhir+json';
  return 'text/plain';
}

/** The window as text, or null when it is not clean UTF-8 (a sequence cut at the end is fine). */
function utf8Text(head: Buffer): string | null {
  let bytes = head;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) bytes = bytes.subarray(3);
  let text: string;
  try {
    // `stream: true` tolerates a multi-byte character cut by the end of the window.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return null;
  return text;
}

/** Which media types each kind of document may be: the table is in `shared/document-types.ts`. */
export { acceptedMediaTypes };

export const fitsKind = (kind: DocumentKind, mediaType: DocumentMediaType): boolean =>
  acceptedMediaTypes[kind].includes(mediaType);

/** A download's file name: generic on purpose (titles may be health data and names end up in logs). */
export const fileExtension: Record<DocumentMediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
  'image/heic': 'heic',
  'application/dicom': 'dcm',
  'text/plain': 'txt',
  'application/fhir+json': 'json',
};

import {
  acceptedMediaTypes,
  type KindOfDocument,
  type MediaTypeOfDocument,
} from '../../../shared/document-types.js';

/** What the browser can tell of a file before sending it: its media type, from its type or name. */
const byExtension: Record<string, MediaTypeOfDocument> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  heif: 'image/heic',
  dcm: 'application/dicom',
  dicom: 'application/dicom',
  txt: 'text/plain',
  json: 'application/fhir+json',
};

const byType: Record<string, MediaTypeOfDocument> = {
  'application/pdf': 'application/pdf',
  'image/jpeg': 'image/jpeg',
  'image/png': 'image/png',
  'image/tiff': 'image/tiff',
  'image/heic': 'image/heic',
  'image/heif': 'image/heic',
  'application/dicom': 'application/dicom',
  'text/plain': 'text/plain',
  'application/json': 'application/fhir+json',
  'application/fhir+json': 'application/fhir+json',
};

/**
 * `unknown`: neither the type nor the name says (a DICOM file without extension, say); the server
 * reads the content and decides. `null`: the file is of a type the service never takes.
 */
export function guessMediaType(file: { name: string; type: string }): MediaTypeOfDocument | 'unknown' | null {
  const fromType = byType[file.type.toLowerCase()];
  if (fromType) return fromType;
  const dot = file.name.lastIndexOf('.');
  const extension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : '';
  if (extension && byExtension[extension]) return byExtension[extension];
  if (!extension && !file.type) return 'unknown';
  return null;
}

export type FileRefusal = 'empty' | 'too_large' | 'unrecognised_type' | 'type_mismatch';

/** Why this file cannot be filed as this kind, before a byte is sent; null when it may be sent. */
export function refuseFile(
  file: { name: string; type: string; size: number },
  kind: KindOfDocument,
  maxBytes: number | null,
): FileRefusal | null {
  if (file.size === 0) return 'empty';
  if (maxBytes !== null && file.size > maxBytes) return 'too_large';
  const mediaType = guessMediaType(file);
  if (mediaType === null) return 'unrecognised_type';
  if (mediaType !== 'unknown' && !acceptedMediaTypes[kind].includes(mediaType)) return 'type_mismatch';
  return null;
}

/** The `accept` attribute of the file picker for a kind: the names and types it takes. */
export function acceptFor(kind: KindOfDocument): string {
  const types = acceptedMediaTypes[kind];
  const extensions = Object.entries(byExtension)
    .filter(([, type]) => types.includes(type))
    .map(([extension]) => `.${extension}`);
  return [...types, ...extensions].join(',');
}

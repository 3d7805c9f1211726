import type { ErrorEntry } from './entry.js';

/** The expected failures of the documents room, each with its stable code (see ../errors.ts). */
export const documentsErrors = {
  'upload.type_mismatch': {
    status: 415,
    title: 'This kind of file cannot be filed as this kind of document.',
  },
  'upload.unrecognised_type': {
    status: 415,
    title: 'This file type is not accepted. Send a PDF, an image, DICOM, plain text or FHIR JSON.',
  },
  'upload.too_large': { status: 413, title: 'This file is larger than allowed.' },
  'upload.empty': { status: 422, title: 'The file is empty.' },
  'upload.file_missing': { status: 400, title: 'Attach one file, after the other fields.' },
  'upload.interrupted': { status: 400, title: 'The upload was interrupted. Please send the file again.' },
  'document.unavailable': {
    status: 500,
    title: 'This document cannot be read right now. We have been alerted.',
  },
  'record_request.unknown': { status: 422, title: 'This record request does not belong to this case.' },
  'record_request.not_outstanding': { status: 409, title: 'This record request has already been answered.' },
  'consent.already_withdrawn': { status: 409, title: 'This consent has already been withdrawn.' },
  'consent.document_unknown': { status: 422, title: 'Choose documents of this case.' },
} as const satisfies Record<string, ErrorEntry>;

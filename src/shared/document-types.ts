/**
 * Which media types each kind of document may be: one table for the server's check (after it
 * sniffs the content) and the web app's check before sending (from the file's name and type).
 * No zod here, so the browser can load it without the schemas.
 *
 * A photo of a letter or a prescription is an image, so images are accepted for every kind;
 * imaging is pictures only (DICOM or images), never text or PDF; DICOM is accepted for imaging
 * and `other` only.
 *
 * | kind          | PDF | JPEG/PNG/TIFF/HEIC | DICOM | text | FHIR JSON |
 * | ------------- | --- | ------------------ | ----- | ---- | --------- |
 * | report        | yes | yes                | no    | yes  | yes       |
 * | prescription  | yes | yes                | no    | yes  | yes       |
 * | test_result   | yes | yes                | no    | yes  | yes       |
 * | letter        | yes | yes                | no    | yes  | yes       |
 * | imaging       | no  | yes                | yes   | no   | no        |
 * | other         | yes | yes                | yes   | yes  | yes       |
 */
export type KindOfDocument = 'report' | 'prescription' | 'test_result' | 'imaging' | 'letter' | 'other';
export type MediaTypeOfDocument =
  | 'application/pdf'
  | 'image/jpeg'
  | 'image/png'
  | 'image/tiff'
  | 'image/heic'
  | 'application/dicom'
  | 'text/plain'
  | 'application/fhir+json';

const images: MediaTypeOfDocument[] = ['image/jpeg', 'image/png', 'image/tiff', 'image/heic'];
const paper: MediaTypeOfDocument[] = ['application/pdf', ...images, 'text/plain', 'application/fhir+json'];

export const acceptedMediaTypes: Record<KindOfDocument, readonly MediaTypeOfDocument[]> = {
  report: paper,
  prescription: paper,
  test_result: paper,
  letter: paper,
  imaging: ['application/dicom', ...images],
  other: [...paper, 'application/dicom'],
};

import { describe, expect, it } from 'vitest';
import { fitsKind, sniffMediaType } from './sniff.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))),
  );

describe('sniffMediaType reads the type from the first bytes', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xdb]), 'image/jpeg'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
    ['a HEIC photo', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]), 'image/heic'],
    ['a little-endian TIFF', bytes('II*', [0]), 'image/tiff'],
    ['a big-endian TIFF', bytes('MM', [0, 0x2a]), 'image/tiff'],
    ['a DICOM Part 10 file', Buffer.concat([Buffer.alloc(128), bytes('DICM', [2, 0])]), 'application/dicom'],
    ['FHIR JSON', Buffer.from(' {\n  "resourceType": "Observation", "id": "1"}'), 'application/fhir+json'],
    ['plain UTF-8 text', Buffer.from('Tensión arterial 120/80\r\n\tnormal — 血压'), 'text/plain'],
  ])('%s', (_name, head, expected) => {
    expect(sniffMediaType(head)).toBe(expected);
  });

  it('JSON without a resourceType is plain text, not FHIR', () => {
    expect(sniffMediaType(Buffer.from('{"name": "x"}'))).toBe('text/plain');
  });

  it('a multi-byte character cut by the end of the window is still text', () => {
    expect(sniffMediaType(Buffer.from('abc€').subarray(0, 5))).toBe('text/plain');
  });

  it('binary, invalid UTF-8, control characters and nothing at all are not recognised', () => {
    expect(sniffMediaType(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toBeNull();
    expect(sniffMediaType(Buffer.from([0x61, 0xc3, 0x28, 0x61]))).toBeNull();
    expect(sniffMediaType(Buffer.from('text\u0007bell'))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
    expect(sniffMediaType(bytes([0, 0, 0, 0x18], 'ftypmp42'))).toBeNull();
  });
});

describe('which types fit which kind', () => {
  it('imaging is pictures only; paper kinds take images, PDF, text and FHIR but not DICOM', () => {
    expect(fitsKind('imaging', 'application/dicom')).toBe(true);
    expect(fitsKind('imaging', 'image/heic')).toBe(true);
    expect(fitsKind('imaging', 'text/plain')).toBe(false);
    expect(fitsKind('imaging', 'application/pdf')).toBe(false);
    expect(fitsKind('letter', 'image/jpeg')).toBe(true);
    expect(fitsKind('prescription', 'image/png')).toBe(true);
    expect(fitsKind('test_result', 'application/fhir+json')).toBe(true);
    expect(fitsKind('report', 'application/dicom')).toBe(false);
    expect(fitsKind('other', 'application/dicom')).toBe(true);
  });
});

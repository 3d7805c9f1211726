import { describe, expect, it } from 'vitest';
import { acceptFor, guessMediaType, refuseFile } from './fileCheck.js';

describe('a record is checked in the browser before it is sent', () => {
  const MB = 1024 * 1024;

  it('takes a PDF report and a JPEG photo of a prescription', () => {
    expect(
      refuseFile({ name: 'report.pdf', type: 'application/pdf', size: MB }, 'report', 10 * MB),
    ).toBeNull();
    expect(refuseFile({ name: 'IMG_0042.JPG', type: '', size: MB }, 'prescription', 10 * MB)).toBeNull();
  });

  it('refuses a file over the cap, an empty file, a Word document, and a PDF filed as imaging', () => {
    expect(refuseFile({ name: 'scan.pdf', type: 'application/pdf', size: 11 * MB }, 'report', 10 * MB)).toBe(
      'too_large',
    );
    expect(refuseFile({ name: 'empty.txt', type: 'text/plain', size: 0 }, 'letter', 10 * MB)).toBe('empty');
    expect(
      refuseFile(
        {
          name: 'letter.docx',
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          size: MB,
        },
        'letter',
        10 * MB,
      ),
    ).toBe('unrecognised_type');
    expect(refuseFile({ name: 'ct.pdf', type: 'application/pdf', size: MB }, 'imaging', 10 * MB)).toBe(
      'type_mismatch',
    );
  });

  it('leaves a file with neither name extension nor type to the server, which reads its content', () => {
    expect(guessMediaType({ name: 'IM000001', type: '' })).toBe('unknown');
    expect(refuseFile({ name: 'IM000001', type: '', size: MB }, 'imaging', null)).toBeNull();
  });

  it('offers only the types a kind takes in the file picker', () => {
    expect(acceptFor('imaging')).toContain('.dcm');
    expect(acceptFor('imaging')).not.toContain('.pdf');
    expect(acceptFor('report')).toContain('application/pdf');
  });
});

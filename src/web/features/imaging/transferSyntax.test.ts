import { describe, expect, it } from 'vitest';
import { syntheticDicom } from '../../../../test/support/dicom.js';
import { transferSyntaxOf, viewableInPage } from './transferSyntax.js';

const bytes = (buffer: Buffer): ArrayBuffer => new Uint8Array(buffer).buffer;

describe('which DICOM images the viewer shows in the page', () => {
  it('reads the transfer syntax from the file meta information', () => {
    expect(transferSyntaxOf(bytes(syntheticDicom()))).toBe('1.2.840.10008.1.2.1');
  });

  it('shows uncompressed images; a JPEG 2000 or JPEG-compressed one is offered for download', () => {
    expect(viewableInPage(bytes(syntheticDicom({ frames: 2 })))).toBe(true);
    expect(viewableInPage(bytes(syntheticDicom({ transferSyntax: '1.2.840.10008.1.2' })))).toBe(true);
    expect(viewableInPage(bytes(syntheticDicom({ transferSyntax: '1.2.840.10008.1.2.4.90' })))).toBe(false);
    expect(viewableInPage(bytes(syntheticDicom({ transferSyntax: '1.2.840.10008.1.2.4.50' })))).toBe(false);
  });

  it('a file without the DICM marker, or cut short in its meta information, is not shown', () => {
    expect(transferSyntaxOf(bytes(Buffer.from('%PDF-1.7 not an image')))).toBeNull();
    expect(transferSyntaxOf(bytes(syntheticDicom().subarray(0, 150)))).toBeNull();
  });
});

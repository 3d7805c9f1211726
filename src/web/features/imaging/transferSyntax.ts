/**
 * How a DICOM Part 10 file's pixels are encoded: its transfer syntax, read from the file meta
 * information (group 0002, always explicit VR little endian, after the 128-byte preamble and
 * `DICM`). The viewer decodes uncompressed pixels itself; compressed ones (JPEG, JPEG 2000,
 * JPEG-LS, RLE) need dwv's decoder workers, which it looks for beside the page's address and this
 * app does not serve, so such a file is offered for download instead of failing half-way.
 */
export const uncompressedTransferSyntaxes = new Set([
  '1.2.840.10008.1.2', // implicit VR little endian
  '1.2.840.10008.1.2.1', // explicit VR little endian
  '1.2.840.10008.1.2.2', // explicit VR big endian (retired, still met)
]);

const longForm = new Set(['OB', 'OW', 'OF', 'OD', 'OL', 'OV', 'SQ', 'UC', 'UN', 'UR', 'UT']);

/** The transfer syntax UID, or null when the file has no readable meta information. */
export function transferSyntaxOf(data: ArrayBuffer): string | null {
  const view = new DataView(data);
  const ascii = (from: number, length: number) => String.fromCharCode(...new Uint8Array(data, from, length));
  if (data.byteLength < 132 || ascii(128, 4) !== 'DICM') return null;
  let at = 132;
  while (at + 8 <= data.byteLength && view.getUint16(at, true) === 0x0002) {
    const element = view.getUint16(at + 2, true);
    const vr = ascii(at + 4, 2);
    const long = longForm.has(vr);
    const length = long ? view.getUint32(at + 8, true) : view.getUint16(at + 6, true);
    const value = at + (long ? 12 : 8);
    if (value + length > data.byteLength) return null;
    if (element === 0x0010) return ascii(value, length).replace(/[\0 ]+$/, '');
    at = value + length;
  }
  return null;
}

export const viewableInPage = (data: ArrayBuffer): boolean => {
  const syntax = transferSyntaxOf(data);
  return syntax !== null && uncompressedTransferSyntaxes.has(syntax);
};

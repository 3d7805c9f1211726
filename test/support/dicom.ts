/**
 * A small, valid, synthetic DICOM Part 10 file (explicit VR little endian, uncompressed, 16-bit
 * monochrome, secondary capture): no real person's data, made for each test. Each frame is a
 * diagonal gradient over the stored 12-bit range, brighter frame after frame, so that a viewer
 * showing it draws pixels that are neither all black nor all one shade, and a change of frame or of
 * window changes what is drawn.
 */
export function syntheticDicom({
  rows = 64,
  columns = 64,
  frames = 1,
  // Explicit VR little endian. Another UID only relabels the file (its pixels stay uncompressed).
  transferSyntax = '1.2.840.10008.1.2.1',
} = {}): Buffer {
  const sopClass = '1.2.840.10008.5.1.4.1.1.7'; // Secondary Capture Image Storage
  const uid = (n: number) => `2.25.${1000 + n}${rows}${columns}${frames}`;

  const pixels = Buffer.alloc(rows * columns * frames * 2);
  for (let frame = 0; frame < frames; frame += 1) {
    for (let y = 0; y < rows; y += 1) {
      for (let x = 0; x < columns; x += 1) {
        const value = Math.round(((x + y) / (rows + columns - 2)) * 3000) + frame * 500;
        pixels.writeUInt16LE(Math.min(value, 4095), ((frame * rows + y) * columns + x) * 2);
      }
    }
  }

  const meta = [
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    element(0x0002, 0x0002, 'UI', text(sopClass, '\0')),
    element(0x0002, 0x0003, 'UI', text(uid(1), '\0')),
    element(0x0002, 0x0010, 'UI', text(transferSyntax, '\0')),
    element(0x0002, 0x0012, 'UI', text('2.25.1', '\0')),
  ];
  const metaLength = meta.reduce((sum, part) => sum + part.length, 0);
  const dataset = [
    element(0x0008, 0x0016, 'UI', text(sopClass, '\0')),
    element(0x0008, 0x0018, 'UI', text(uid(1), '\0')),
    element(0x0008, 0x0060, 'CS', text('OT')),
    element(0x0010, 0x0010, 'PN', text('Synthetic^Test')),
    element(0x0010, 0x0020, 'LO', text('SYNTHETIC-1')),
    element(0x0020, 0x000d, 'UI', text(uid(2), '\0')),
    element(0x0020, 0x000e, 'UI', text(uid(3), '\0')),
    element(0x0020, 0x0013, 'IS', text('1')),
    element(0x0028, 0x0002, 'US', uint16(1)),
    element(0x0028, 0x0004, 'CS', text('MONOCHROME2')),
    element(0x0028, 0x0008, 'IS', text(String(frames))),
    element(0x0028, 0x0010, 'US', uint16(rows)),
    element(0x0028, 0x0011, 'US', uint16(columns)),
    element(0x0028, 0x0030, 'DS', text('0.5\\0.5')),
    element(0x0028, 0x0100, 'US', uint16(16)),
    element(0x0028, 0x0101, 'US', uint16(12)),
    element(0x0028, 0x0102, 'US', uint16(11)),
    element(0x0028, 0x0103, 'US', uint16(0)),
    element(0x0028, 0x1050, 'DS', text('1500')),
    element(0x0028, 0x1051, 'DS', text('3000')),
    element(0x7fe0, 0x0010, 'OW', pixels),
  ];
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM', 'ascii'),
    element(0x0002, 0x0000, 'UL', uint32(metaLength)),
    ...meta,
    ...dataset,
  ]);
}

const longForm = new Set(['OB', 'OW', 'OF', 'SQ', 'UT', 'UN']);

function element(group: number, tag: number, vr: string, value: Buffer): Buffer {
  const padded = value.length % 2 === 0 ? value : Buffer.concat([value, Buffer.from([0])]);
  const head = Buffer.alloc(longForm.has(vr) ? 12 : 8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(tag, 2);
  head.write(vr, 4, 'ascii');
  if (longForm.has(vr)) head.writeUInt32LE(padded.length, 8);
  else head.writeUInt16LE(padded.length, 6);
  return Buffer.concat([head, padded]);
}

function text(value: string, pad = ' '): Buffer {
  return Buffer.from(value.length % 2 === 0 ? value : value + pad, 'ascii');
}

function uint16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}

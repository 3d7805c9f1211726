/**
 * `npx tsx scripts/icons.ts`: draws the app's PNG icons (the SVG icon's design: a white cross on a
 * deep-teal rounded square) into src/web/public/icons, with no image library: pixels computed
 * here, PNG written with zlib. Run again after changing the design; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = fileURLToPath(new URL('../src/web/public/icons/', import.meta.url));
const TEAL = [0x0b, 0x5c, 0x7a] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The icon at `size` pixels; `maskable` fills the square (the platform rounds it) with a smaller cross. */
function icon(size: number, maskable: boolean): Buffer {
  const radius = maskable ? 0 : size * (112 / 512);
  const arm = (maskable ? 0.4 : 0.5) * size;
  const half = ((maskable ? 48 : 32) / 512) * size;
  const centre = size / 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x += 1) {
      const px = x + 0.5;
      const py = y + 0.5;
      // Inside the rounded square?
      const dx = Math.max(radius - px, px - (size - radius), 0);
      const dy = Math.max(radius - py, py - (size - radius), 0);
      const inside = radius === 0 || dx * dx + dy * dy <= radius * radius;
      // On the cross (round-capped bars)?
      const along = (a: number, b: number) => {
        const t = Math.max(Math.abs(a - centre) - arm / 2, 0);
        return t * t + (b - centre) ** 2 <= half * half;
      };
      const cross = along(px, py) || along(py, px);
      const colour = cross ? WHITE : TEAL;
      const offset = 1 + x * 4;
      row[offset] = colour[0];
      row[offset + 1] = colour[1];
      row[offset + 2] = colour[2];
      row[offset + 3] = inside ? 255 : 0;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
] as const) {
  writeFileSync(path.join(out, name), icon(size, maskable));
  process.stdout.write(`wrote ${name}\n`);
}

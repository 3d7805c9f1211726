import { Readable } from 'node:stream';

/** Everything a stream gives, as one buffer (rejects when the stream errors). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `content` as a stream of chunks of `size` bytes, as a network would deliver it. */
export function chunked(content: Buffer, size = 16_384): Readable {
  const parts: Buffer[] = [];
  for (let at = 0; at < content.length; at += size) parts.push(content.subarray(at, at + size));
  return Readable.from(parts);
}

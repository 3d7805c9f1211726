import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.js';

/**
 * Anchors of the audit chain outside the database. The chain alone is unkeyed SHA-256 in the same
 * database as the events, so whoever owns the database could rewrite it and its head together.
 * Each sealed head is therefore signed with an Ed25519 key the database never holds and appended
 * to a file opened for appending only: a rewrite no longer reaches the heads signed before it.
 */
export interface AuditAnchoring {
  privateKey: KeyObject;
  publicKey: KeyObject;
  anchorFile: string;
}

/** One line of the anchor file: the chain head at position `seq`, its hash, when, and the signature. */
export interface AuditAnchor {
  seq: number;
  hash: string;
  at: string;
  signature: string;
}

const anchoringOf = new WeakMap<Config['audit'], AuditAnchoring>();

/** The signing key and anchor file of this configuration, the key generated once when none is set. */
export function auditAnchoring(config: Pick<Config, 'audit'>): AuditAnchoring {
  const known = anchoringOf.get(config.audit);
  if (known) return known;
  const privateKey = config.audit.signingKey ?? loadOrCreateSigningKey(config.audit.keyFile);
  const anchoring = {
    privateKey,
    publicKey: createPublicKey(privateKey),
    anchorFile: config.audit.anchorFile,
  };
  anchoringOf.set(config.audit, anchoring);
  return anchoring;
}

function loadOrCreateSigningKey(file: string): KeyObject {
  if (existsSync(file)) return createPrivateKey(readFileSync(file, 'utf8'));
  mkdirSync(path.dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  // Written whole, then linked into place: two processes starting at once end up with one key.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return createPrivateKey(readFileSync(file, 'utf8'));
  } finally {
    rmSync(temporary, { force: true });
  }
  return privateKey;
}

const signedText = (anchor: Pick<AuditAnchor, 'seq' | 'hash' | 'at'>) =>
  Buffer.from(`consilium audit anchor v1\n${anchor.seq}\n${anchor.hash}\n${anchor.at}`, 'utf8');

/** Signs the head and appends it to the anchor file (append-only, flushed to disk before returning). */
export async function appendAnchor(
  anchoring: AuditAnchoring,
  head: { seq: number; hash: Buffer },
  at: Date,
): Promise<AuditAnchor> {
  const unsigned = { seq: head.seq, hash: head.hash.toString('hex'), at: at.toISOString() };
  const anchor: AuditAnchor = {
    ...unsigned,
    signature: sign(null, signedText(unsigned), anchoring.privateKey).toString('base64'),
  };
  await mkdir(path.dirname(anchoring.anchorFile), { recursive: true });
  const file = await open(anchoring.anchorFile, 'a', 0o600);
  try {
    // One write of one line: appends from several processes do not interleave.
    await file.write(`${JSON.stringify(anchor)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  return anchor;
}

export type AnchorReading =
  { ok: true; anchors: AuditAnchor[] } | { ok: false; line: number; reason: string; seq: number | null };

/** Every anchor of the file, each checked against the key; the first bad line ends the reading. */
export async function readAnchors(anchoring: AuditAnchoring): Promise<AnchorReading> {
  let text: string;
  try {
    text = await readFile(anchoring.anchorFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, anchors: [] };
    throw error;
  }
  const anchors: AuditAnchor[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line === '') {
      // Only the end of the file may be empty (the newline after the last anchor).
      if (index === lines.length - 1) continue;
      return { ok: false, line: index + 1, reason: 'an empty line in the anchor file', seq: null };
    }
    let anchor: AuditAnchor;
    try {
      anchor = JSON.parse(line) as AuditAnchor;
    } catch {
      return { ok: false, line: index + 1, reason: 'an anchor that is not readable', seq: null };
    }
    const wellFormed =
      Number.isSafeInteger(anchor.seq) &&
      anchor.seq > 0 &&
      typeof anchor.hash === 'string' &&
      /^[0-9a-f]{64}$/.test(anchor.hash) &&
      typeof anchor.at === 'string' &&
      typeof anchor.signature === 'string';
    if (
      !wellFormed ||
      !verify(null, signedText(anchor), anchoring.publicKey, Buffer.from(anchor.signature, 'base64'))
    ) {
      return {
        ok: false,
        line: index + 1,
        reason: 'an anchor whose signature is not valid',
        seq: Number.isSafeInteger(anchor.seq) ? anchor.seq : null,
      };
    }
    anchors.push(anchor);
  }
  return { ok: true, anchors };
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifyPassword as verifyScrypt } from 'better-auth/crypto';

/**
 * A salted SHA-256 password hash for the tests only (`PASSWORD_HASH=fast`, refused outside
 * NODE_ENV=test): the tests create and sign in hundreds of accounts, and Better Auth's scrypt,
 * right for real passwords, costs each of them tens of milliseconds of CPU. Not for real passwords:
 * SHA-256 is far too fast to resist guessing.
 *
 * It still verifies Better Auth's scrypt hashes: accounts written by another process that hashes
 * for real (the operator's command line, run by a test as a child process) must sign in too.
 */
export const fastPasswordHash = {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(16).toString('hex');
    return `fast-sha256:${salt}:${createHash('sha256').update(`${salt}:${password}`).digest('hex')}`;
  },
  async verify({ hash, password }: { hash: string; password: string }): Promise<boolean> {
    const [scheme, salt, digest] = hash.split(':');
    if (scheme !== 'fast-sha256') return verifyScrypt({ hash, password });
    if (!salt || !digest) return false;
    const expected = Buffer.from(digest, 'hex');
    const actual = createHash('sha256').update(`${salt}:${password}`).digest();
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  },
};

import { createHmac } from 'node:crypto';

/**
 * A slowdown per e-mail address after repeated wrong passwords, on top of Better Auth's limit per
 * client address (SIGN_IN_ATTEMPTS_PER_MINUTE), which a guesser spread over many addresses escapes.
 *
 * - A slowdown, not a lockout. A lockout would let anyone who knows a member's e-mail address keep
 *   them out of their account (at the moment they need their case) by typing wrong passwords. Here
 *   the first FREE_FAILURES wrong passwords within a quarter of an hour cost nothing; after that,
 *   each attempt for the address waits: 30 s, then twice as long after each further failure, at
 *   most 15 minutes (429 `auth.rate_limited` with Retry-After). A guesser gets a few tries an hour.
 * - The member is not stopped. A browser that has signed in to the account before carries a
 *   known-device cookie for it (HttpOnly, bound to the address by an HMAC with AUTH_SECRET) and is
 *   never made to wait; anyone else with the right password gets in once the wait is over. Success
 *   clears the count.
 * - Per e-mail address, not per account: an address without an account is counted and answered
 *   alike, so the slowdown says nothing about who has an account. The address is stored only as an
 *   HMAC.
 * - In the database (`sign_in_throttle`), so that every instance sees the same count; read with
 *   the app's clock.
 */
export const FREE_FAILURES = 5;
/** A quarter of an hour without a failure starts the count again. */
export const QUIET_MS = 15 * 60_000;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/** How long the next attempt waits after this many failures in a row (0: it does not). */
export function waitAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES), LONGEST_WAIT_MS);
}

/** The counter's key for an address: an HMAC, so that no address is stored. */
export function throttleKey(secret: string, email: string): string {
  return createHmac('sha256', secret).update(`sign-in:${email.trim().toLowerCase()}`).digest('base64url');
}

export const KNOWN_DEVICE_COOKIE = 'consilium.known_device';
/** A browser remembers at most this many accounts it signed in to. */
const KNOWN_ACCOUNTS_PER_DEVICE = 5;
const KNOWN_DEVICE_DAYS = 180;

/** What a device that signed in to an address carries for it. */
function deviceToken(secret: string, key: string): string {
  return createHmac('sha256', secret).update(`known-device:${key}`).digest('base64url').slice(0, 24);
}

function tokensIn(cookieHeader: string | undefined): string[] {
  const pair = (cookieHeader ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${KNOWN_DEVICE_COOKIE}=`));
  if (!pair) return [];
  return pair
    .slice(KNOWN_DEVICE_COOKIE.length + 1)
    .split('.')
    .filter((token) => /^[A-Za-z0-9_-]{24}$/.test(token));
}

export function isKnownDevice(cookieHeader: string | undefined, secret: string, key: string): boolean {
  return tokensIn(cookieHeader).includes(deviceToken(secret, key));
}

/** The cookie that remembers, after a sign-in, that this device signed in to the address. */
export function knownDeviceCookie(
  cookieHeader: string | undefined,
  secret: string,
  key: string,
  secure: boolean,
): string {
  const token = deviceToken(secret, key);
  const tokens = [token, ...tokensIn(cookieHeader).filter((known) => known !== token)].slice(
    0,
    KNOWN_ACCOUNTS_PER_DEVICE,
  );
  const attributes = [
    `${KNOWN_DEVICE_COOKIE}=${tokens.join('.')}`,
    'Path=/api/auth',
    `Max-Age=${KNOWN_DEVICE_DAYS * 24 * 60 * 60}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

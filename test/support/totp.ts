import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';

const PERIOD_MS = 30_000;
const lastStepUsed = new Map<string, number>();

/**
 * An authenticator code no sign-in of this test run has used yet. The server takes a code once
 * only, and accepts the next period's code too (clock drift), so that gives two sign-ins of one
 * account per period; a third waits for the next period, as a person would.
 */
export async function freshTotpCode(base32Secret: string): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / PERIOD_MS);
    const step = Math.max(now, (lastStepUsed.get(base32Secret) ?? now - 1) + 1);
    if (step <= now + 1) {
      lastStepUsed.set(base32Secret, step);
      return createOTP(new TextDecoder().decode(base32.decode(base32Secret))).hotp(step);
    }
    await new Promise((resolve) => setTimeout(resolve, (now + 1) * PERIOD_MS - Date.now() + 50));
  }
}

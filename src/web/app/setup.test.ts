import { describe, expect, it } from 'vitest';
import { setupPathFor, setupStepOf } from './setup.js';

const me = { passwordChangeRequired: false, twoFactorRequired: false, twoFactorEnabled: false };

describe("an account's setup before anything else", () => {
  it('is its own password first, then two-step sign-in for staff, then nothing', () => {
    expect(setupStepOf({ ...me, passwordChangeRequired: true, twoFactorRequired: true })).toBe(
      '/me/password',
    );
    expect(setupStepOf({ ...me, twoFactorRequired: true })).toBe('/me/two-step');
    expect(setupStepOf({ ...me, twoFactorRequired: true, twoFactorEnabled: true })).toBeNull();
    // A member chooses: two-step sign-in off is a finished setup.
    expect(setupStepOf(me)).toBeNull();
  });

  it('keeps the way on to where the account was going, unless it was home or another setup page', () => {
    expect(setupPathFor('/me/password', '/workspace?sort=deadline')).toBe(
      '/me/password?next=%2Fworkspace%3Fsort%3Ddeadline',
    );
    expect(setupPathFor('/me/password', '/')).toBe('/me/password');
    expect(setupPathFor('/me/two-step', '/me/password?next=%2Fops')).toBe('/me/two-step');
    expect(setupPathFor('/me/two-step', '/me/two-step')).toBe('/me/two-step');
  });
});

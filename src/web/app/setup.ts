/**
 * What a signed-in account must do before anything else, in this order: replace the temporary
 * password operations gave it, then (staff) turn on two-step sign-in. The server refuses every
 * other request until then (`auth.password_change_required`, `auth.two_factor_required`).
 * No imports: the rules are tested on their own.
 */
export const choosePasswordPath = '/me/password';
export const twoStepSetupPath = '/me/two-step';

export const setupStepOfCode: Partial<Record<string, string>> = {
  'auth.password_change_required': choosePasswordPath,
  'auth.two_factor_required': twoStepSetupPath,
};

export function setupStepOf(me: {
  passwordChangeRequired: boolean;
  twoFactorRequired: boolean;
  twoFactorEnabled: boolean;
}): string | null {
  if (me.passwordChangeRequired) return choosePasswordPath;
  if (me.twoFactorRequired && !me.twoFactorEnabled) return twoStepSetupPath;
  return null;
}

/**
 * The setup page, with the way on (`next`) to the page of this app the account was going to, if
 * anywhere but home or another setup page. The setup pages read `next` through `safeNext`.
 */
export function setupPathFor(step: string, next: string): string {
  const path = next.split('?')[0] ?? '';
  const onward = path === '/' || path === choosePasswordPath || path === twoStepSetupPath;
  return onward ? step : `${step}?next=${encodeURIComponent(next)}`;
}

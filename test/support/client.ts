import { freshTotpCode } from './totp.js';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A person using the API: keeps the cookies the server sets, like a browser would, and sends the
 * Origin header a browser sends.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    options: {
      json?: unknown;
      raw?: string;
      /** Any other body (a FormData, bytes): sent as it is, with the headers given. */
      body?: FormData | Uint8Array;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { origin: this.baseUrl, ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    let body: string | FormData | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.raw !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = options.raw;
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      const expired = /max-age=0/i.test(cookie) || value.join('=') === '';
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    const text = await response.text();
    let parsed: unknown = text;
    if (text && (response.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, { headers });
  }
  post<T = any>(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { json: json ?? {}, headers });
  }
  patch<T = any>(path: string, json: unknown) {
    return this.request<T>('PATCH', path, { json });
  }
  delete<T = any>(path: string, json?: unknown) {
    return this.request<T>('DELETE', path, { json });
  }

  /** The Cookie header this person sends (for requests made without fetch). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  hasSessionCookie(): boolean {
    return [...this.cookies.keys()].some((name) => name.endsWith('session_token'));
  }
  /** A copy that carries the same cookies: the same person in a second tab. */
  clone(): Browser {
    const copy = new Browser(this.baseUrl);
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    return copy;
  }

  async signIn(email: string, password: string): Promise<Reply> {
    return this.post('/api/auth/sign-in/email', { email, password });
  }

  /** Password, then the authenticator code: how staff sign in. */
  async signInWithTwoFactor(email: string, password: string, totpSecret: string): Promise<Reply> {
    const first = await this.signIn(email, password);
    if (first.status !== 200 || !first.body?.twoFactorRedirect) return first;
    return this.post('/api/auth/two-factor/verify-totp', { code: await freshTotpCode(totpSecret) });
  }
}

const staffSessions = new Map<string, Browser>();

/**
 * A staff member's API session, signed in once per server and reused by the stories after: the
 * server takes each authenticator code once, so a story that signed the same person in again and
 * again would wait for the app's next code, 30 s at a time. Sign-in itself is told in its own
 * stories (identity, two-factor, the account-security journey). Each call gives its own copy of
 * the cookies, as a second tab would have.
 */
export async function staffApi(
  baseUrl: string,
  account: { email: string; password: string; totpSecret: string },
): Promise<Browser> {
  const key = `${baseUrl} ${account.email}`;
  let session = staffSessions.get(key);
  if (!session || (await session.get('/api/auth/get-session')).body == null) {
    session = new Browser(baseUrl);
    const signedIn = await session.signInWithTwoFactor(account.email, account.password, account.totpSecret);
    if (signedIn.status !== 200) throw new Error(`${account.email} could not sign in: ${signedIn.status}`);
    staffSessions.set(key, session);
  }
  return session.clone();
}

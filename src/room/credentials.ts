import { ConfigError, parseSdkAppId, parseUserId, parseUserSig, text } from './config.js';

/** What a credentials endpoint hands out: who joins, with the signature made on the server. */
export interface Credentials {
  readonly sdkAppId: number;
  readonly userId: string;
  readonly userSig: string;
}

/**
 * Where to fetch credentials from. A URL on another origin than the page is refused unless the
 * page opts in (`crossOrigin`): signatures are secrets, and a typo'd or injected URL must not send
 * the viewer's cookies to, or take a signature from, a server the site does not mean to trust.
 */
export function parseCredentialsUrl(value: unknown, base: string, pageOrigin: string, crossOrigin: boolean): URL | null {
  const raw = text(value);
  if (raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new ConfigError('credentials-url');
  }
  if (url.origin !== pageOrigin && !crossOrigin) {
    throw new ConfigError(
      'credentials-url',
      `${url.origin} is another origin than the page's (${pageOrigin}); set credentials-cross-origin (credentialsCrossOrigin: true) to fetch credentials from it`,
    );
  }
  return url;
}

/** The credentials endpoint answered an error; `serverMessage` is what its JSON `message` said. */
export class CredentialsError extends Error {
  constructor(
    message: string,
    readonly serverMessage?: string,
  ) {
    super(serverMessage ? `${message}: ${serverMessage}` : message);
    this.name = 'CredentialsError';
  }
}

/** The `message` of an error answer's JSON body (`{ error, message }`), if it has one. */
async function messageOf(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { message?: unknown } | null;
    return typeof body?.message === 'string' && body.message.trim() ? body.message.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Reads `{ sdkAppId, userId, userSig }` from a credentials endpoint's JSON. */
export function parseCredentials(json: unknown): Credentials {
  const body = (json ?? {}) as Record<string, unknown>;
  return {
    sdkAppId: parseSdkAppId(body.sdkAppId),
    userId: parseUserId(body.userId),
    // Taken as sent (the room trims it when it joins); anything but text is the endpoint's fault.
    userSig: parseUserSig(typeof body.userSig === 'string' ? body.userSig : ''),
  };
}

/**
 * Fetches and reads credentials from `url`; rejects when the endpoint fails or answers something
 * else. Across origins (which the page allowed) the viewer's cookies go along, so that server can
 * recognise who asks.
 */
export async function fetchCredentials(url: URL, crossOrigin: boolean, fetcher: typeof fetch): Promise<Credentials> {
  const response = await fetcher(url, {
    credentials: crossOrigin ? 'include' : 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new CredentialsError(`${url.pathname} answered ${response.status}`, await messageOf(response));
  return parseCredentials(await response.json());
}

import { createHash, randomBytes } from 'node:crypto';
import {
  completeAuthorization,
  DEFAULT_CLIENT,
  type EmulatorClient,
  type RunningEmulator,
} from '../../emulator';

export type ClientAuth = 'basic' | 'post' | 'none';

/** Where requests go: a running emulator, or just its issuer (the CLI's). */
export type Emulator = Pick<RunningEmulator, 'issuer'>;

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  id_token?: string;
  refresh_token?: string;
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An authorization URL the way the BFF builds one; `params` overrides or removes (undefined). */
export function authorizationUrl(
  emulator: Emulator,
  pkce: Pkce,
  params: Record<string, string | undefined> = {},
  client: EmulatorClient = DEFAULT_CLIENT,
): string {
  const all: Record<string, string | undefined> = {
    client_id: client.clientId,
    redirect_uri: client.redirectUris[0],
    response_type: 'code',
    scope: 'openid email profile offline_access',
    state: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    ...params,
  };
  const defined = Object.entries(all).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return `${emulator.issuer}/oauth/authorize?${new URLSearchParams(defined)}`;
}

/**
 * A form POST with client authentication the given way: a Vercel app may enable both
 * `client_secret_basic` and `client_secret_post`
 * (https://vercel.com/docs/sign-in-with-vercel/manage-from-dashboard).
 */
export async function postForm(
  url: string,
  params: Record<string, string>,
  { client = DEFAULT_CLIENT, auth = 'basic' }: { client?: EmulatorClient; auth?: ClientAuth } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams(params);
  if (auth === 'basic') {
    const credentials = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  } else if (auth === 'post') {
    body.set('client_id', client.clientId);
    body.set('client_secret', client.clientSecret);
  }
  return fetch(url, { method: 'POST', headers, body });
}

export interface SignedIn {
  tokens: TokenResponse;
  nonce: string;
  redirect: URL;
}

/** The whole code flow: authorize at the emulator as `username`, then exchange the code. */
export async function signIn(
  emulator: Emulator,
  options: { username?: string; scope?: string; auth?: ClientAuth; client?: EmulatorClient } = {},
): Promise<SignedIn> {
  const client = options.client ?? DEFAULT_CLIENT;
  const pkce = createPkce();
  const nonce = randomBytes(16).toString('base64url');
  const url = authorizationUrl(
    emulator,
    pkce,
    { nonce, ...(options.scope ? { scope: options.scope } : {}) },
    client,
  );
  const redirect = await completeAuthorization(url, { username: options.username });
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code in ${redirect.href}`);
  const response = await postForm(
    `${emulator.issuer}/login/oauth/token`,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: client.redirectUris[0]!,
      code_verifier: pkce.verifier,
    },
    { client, auth: options.auth },
  );
  if (response.status !== 200)
    throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`);
  return { tokens: (await response.json()) as TokenResponse, nonce, redirect };
}

export function refresh(
  emulator: Emulator,
  refreshToken: string,
  client = DEFAULT_CLIENT,
): Promise<Response> {
  return postForm(
    `${emulator.issuer}/login/oauth/token`,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    { client },
  );
}

export function revoke(
  emulator: Emulator,
  token: string,
  auth: ClientAuth = 'basic',
): Promise<Response> {
  return postForm(`${emulator.issuer}/login/oauth/token/revoke`, { token }, { auth });
}

export async function introspect(
  emulator: Emulator,
  token: string,
  auth: ClientAuth = 'none',
): Promise<Record<string, unknown>> {
  const response = await postForm(
    `${emulator.issuer}/login/oauth/token/introspect`,
    { token },
    { auth },
  );
  if (response.status !== 200) throw new Error(`introspection answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

export async function userinfo(emulator: Emulator, accessToken: string): Promise<Response> {
  return fetch(`${emulator.issuer}/login/oauth/userinfo`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

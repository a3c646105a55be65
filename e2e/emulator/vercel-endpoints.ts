import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { RequestBodyError, readForm, sendJson } from './http';
import { avatarHash, findUserById } from './users';

/**
 * A UUID derived from a value that must stay secret or internal. Opaque tokens are their own
 * `jti` in oidc-provider, so echoing it would put the token itself into every introspection
 * answer; the hash keeps the UUID shape of Vercel's `jti` and `session_id` without leaking it
 * (https://vercel.com/docs/sign-in-with-vercel/authorization-server-api). Version 8 is the
 * RFC 9562 §5.8 layout for such custom derivations.
 */
function derivedUuid(purpose: string, value: string): string {
  const bytes = createHash('sha256').update(`${purpose}:${value}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type IntrospectionResponse =
  | { active: false }
  | {
      active: true;
      client_id: string;
      token_type: string;
      exp: number;
      iat: number;
      sub: string;
      iss: string;
      jti: string;
      session_id: string;
    };

/**
 * Vercel's introspection: no client authentication, unlike RFC 7662 §2.1 (Vercel's documented
 * request sends none, https://vercel.com/docs/sign-in-with-vercel/authorization-server-api) and
 * exactly its fields. oidc-provider's own endpoint insists on client
 * authentication, so this one reads the provider's models directly. Refresh tokens answer with
 * the same fields and `token_type: "refresh_token"`; Vercel does not document that case.
 */
export async function introspect(
  provider: Provider,
  token: string,
): Promise<IntrospectionResponse> {
  const accessToken = await provider.AccessToken.find(token);
  const refreshToken = accessToken ? undefined : await provider.RefreshToken.find(token);
  const found = accessToken ?? (refreshToken?.isValid ? refreshToken : undefined);
  if (!found?.accountId || !found.grantId || !found.clientId || !found.exp || !found.iat) {
    return { active: false };
  }
  return {
    active: true,
    client_id: found.clientId,
    // Lower case here, unlike the token endpoint's "Bearer", as in Vercel's documented example.
    token_type: accessToken ? 'bearer' : 'refresh_token',
    exp: found.exp,
    iat: found.iat,
    sub: found.accountId,
    iss: provider.issuer,
    jti: derivedUuid('jti', found.jti),
    session_id: derivedUuid('session', found.grantId),
  };
}

export async function handleIntrospection(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(
      res,
      405,
      { error: 'invalid_request', error_description: 'use POST' },
      { allow: 'POST' },
    );
    return;
  }
  let token: string | null;
  try {
    token = (await readForm(req)).get('token');
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    sendJson(res, 400, { error: 'invalid_request', error_description: error.message });
    return;
  }
  if (!token) {
    sendJson(res, 400, {
      error: 'invalid_request',
      error_description: "missing required parameter 'token'",
    });
    return;
  }
  // Client credentials, when a client sends them anyway, are accepted and not needed.
  sendJson(res, 200, await introspect(provider, token));
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * The REST API's "Get the User" with a Sign in with Vercel token, in its `limited` reading: the
 * identity fields only, `avatar` a hash rather than a URL
 * (https://vercel.com/docs/rest-api/user/get-the-user). Errors use the REST API's
 * `{error: {code, message}}` envelope.
 */
export async function handleRestUser(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const challenge = { 'www-authenticate': 'Bearer' };
  if (req.method !== 'GET') {
    sendJson(
      res,
      405,
      { error: { code: 'method_not_allowed', message: 'Use GET.' } },
      { allow: 'GET' },
    );
    return;
  }
  const token = bearerToken(req);
  if (!token) {
    const message = 'The request is missing an authentication token.';
    sendJson(res, 401, { error: { code: 'missing_token', message } }, challenge);
    return;
  }
  const accessToken = await provider.AccessToken.find(token);
  const user = accessToken?.accountId ? findUserById(accessToken.accountId) : undefined;
  if (!user) {
    const message = 'The access token is invalid, expired or revoked.';
    sendJson(res, 401, { error: { code: 'invalid_token', message } }, challenge);
    return;
  }
  sendJson(res, 200, {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      username: user.username,
      avatar: avatarHash(user),
    },
  });
}

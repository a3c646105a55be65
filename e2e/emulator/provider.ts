import { randomBytes, randomUUID } from 'node:crypto';
import Provider, {
  errors,
  type Account,
  type ClientMetadata,
  type Configuration,
  type JWK,
} from 'oidc-provider';
import { vercelAuthorizationParams } from './authorization-request';
import type { EmulatorClient, ResolvedOptions } from './options';
import { EMULATOR_PATHS, VERCEL_PATHS } from './paths';
import type { MemoryStore } from './store';
import { findUserById, pictureUrl, type TestUser } from './users';
import { errorPage } from './views';

const ONE_DAY = 24 * 3600;

function clientMetadata(client: Required<EmulatorClient>): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: client.name,
    redirect_uris: client.redirectUris,
    response_types: ['code'],
    grant_types: client.offlineAccess
      ? ['authorization_code', 'refresh_token']
      : ['authorization_code'],
    // Either secret method is accepted at the token and revocation endpoints whatever is
    // registered here: a Vercel app may enable both, and Vercel's own example sends the secret in
    // the body to the token endpoint but by Basic to revocation
    // (https://vercel.com/docs/sign-in-with-vercel/authorization-server-api). `http://localhost`
    // redirect URIs are valid for a web client using only the code flow; oidc-provider refuses
    // them for implicit flows, which Vercel does not offer either.
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  };
}

/**
 * Vercel's claim set, `picture` only when the user has an avatar
 * (https://vercel.com/docs/sign-in-with-vercel/tokens and
 * https://vercel.com/docs/sign-in-with-vercel/scopes-and-permissions).
 */
function accountClaims(user: TestUser, issuer: string, use: string) {
  return {
    sub: user.id,
    email: user.email,
    name: user.name,
    preferred_username: user.username,
    picture: pictureUrl(user, issuer),
    // oidc-provider's ID tokens carry neither `nbf` nor `jti`; Vercel's carry both. Claims of the
    // `openid` scope are the configured way to add members to the ID token, and `use` keeps them
    // out of userinfo. `iat` is set at signing, a moment later, so `nbf` never exceeds it.
    ...(use === 'id_token' ? { nbf: Math.floor(Date.now() / 1000), jti: randomUUID() } : {}),
    // `email_verified` only from userinfo: Vercel's ID token example has no such claim
    // (https://vercel.com/docs/sign-in-with-vercel/tokens).
    ...(use === 'userinfo' ? { email_verified: true } : {}),
  };
}

function findAccount(issuer: string) {
  return (_ctx: unknown, sub: string): Account | undefined => {
    const user = findUserById(sub);
    return (
      user && { accountId: user.id, claims: (use: string) => accountClaims(user, issuer, use) }
    );
  };
}

export interface ProviderSetup {
  issuer: string;
  options: ResolvedOptions;
  signingKey: JWK;
  store: MemoryStore;
}

export function createProvider({ issuer, options, signingKey, store }: ProviderSetup): Provider {
  const configuration: Configuration = {
    adapter: store.adapterFactory,
    clients: options.clients.map(clientMetadata),
    jwks: { keys: [signingKey] },
    findAccount: findAccount(issuer),
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // The app under test runs on another port of `localhost`; cookies ignore ports, so names of
      // our own keep the emulator's cookies from ever meeting the app's. They stay without
      // `Secure`: the emulator speaks plain http on loopback, and Koa refuses to send a secure
      // cookie over an unencrypted connection.
      names: {
        session: '_emulator_session',
        interaction: '_emulator_interaction',
        resume: '_emulator_resume',
      },
    },
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    claims: {
      openid: ['sub', 'nbf', 'jti'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'picture'],
    },
    // Vercel puts the scope claims into the ID token of the code flow too, where OpenID Connect
    // Core §5.4 leaves them to userinfo (see the example at
    // https://vercel.com/docs/sign-in-with-vercel/tokens).
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    pkce: { required: () => true },
    extraParams: vercelAuthorizationParams,
    allowOmittingSingleRegisteredRedirectUri: false,
    rotateRefreshToken: true,
    // Revocation at the app's request (sign-out) kills every token of the grant, oidc-provider's
    // behaviour for both token kinds: RFC 7009 §2.1 says revoking a refresh token SHOULD revoke
    // its access tokens, and Vercel documents the access-token direction
    // (https://vercel.com/docs/sign-in-with-vercel/authorization-server-api). The user's
    // consent stays, as Vercel keeps an app connected after sign-out. A reused code or rotated
    // refresh token is treated as theft and removes the grant, consent included.
    revokeGrantPolicy: (ctx) => ctx.oidc.route !== 'revocation',
    ttl: {
      AccessToken: options.accessTokenTtl,
      RefreshToken: options.refreshTokenTtl,
      IdToken: 3600,
      // Vercel says only "short lived"; 10 minutes is RFC 6749 §4.1.2's recommended maximum.
      AuthorizationCode: 600,
      // Rotation gives each refresh token a fresh 30 days; the grant must outlive the chain.
      Grant: Math.max(365 * ONE_DAY, options.refreshTokenTtl),
      // A sign-in left open for an hour is abandoned; the Vercel login stays for two weeks.
      Interaction: 3600,
      Session: 14 * ONE_DAY,
    },
    routes: {
      authorization: VERCEL_PATHS.authorization,
      token: VERCEL_PATHS.token,
      revocation: VERCEL_PATHS.revocation,
      userinfo: VERCEL_PATHS.userinfo,
      jwks: VERCEL_PATHS.jwks,
    },
    discovery: {
      // Served by vercel-endpoints.ts rather than oidc-provider, hence listed here.
      introspection_endpoint: `${issuer}${VERCEL_PATHS.introspection}`,
    },
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        // A client may revoke only its own tokens; RFC 7009 §2.1 has it refused with an error.
        allowedPolicy: (_ctx, client, token) => {
          if (token.clientId !== client.clientId) {
            throw new errors.InvalidRequest(
              'client is not authorized to revoke the presented token',
            );
          }
          return true;
        },
      },
      userinfo: { enabled: true },
      introspection: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      resourceIndicators: { enabled: false },
    },
    interactions: { url: (_ctx, interaction) => EMULATOR_PATHS.interaction(interaction.uid) },
    clientBasedCORS: () => false,
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
  };
  return new Provider(issuer, configuration);
}

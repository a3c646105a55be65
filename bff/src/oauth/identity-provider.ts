import * as oauth from 'oauth4webapi';
import type { ResolvedOptions } from '../options';
import { BffError } from '../errors';
import { createMetadataCache } from './discovery';
import { assertIssuedInThePast, assertSameIdentity } from './id-token-checks';
import { createSignatureCheck } from './signature-check';
import { createStateReplayGuard } from './state-replay';
import {
  SECURITY_REFUSALS,
  translateCallbackError,
  translateIdpError,
  type IdpOperation,
} from './translate-error';

/** What the BFF keeps of a successful code exchange or refresh. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** Unix seconds. */
  expiresAt: number;
  /** When the token response arrived, Unix seconds. */
  obtainedAt: number;
  scopes: string[];
  claims: oauth.IDToken | undefined;
}

/** What a started sign-in must remember until the callback. */
export interface LoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** Where refused provider responses are reported; a pino or Fastify logger fits. */
export interface SecurityLog {
  warn(details: Record<string, unknown>, message: string): void;
}

const silent: SecurityLog = { warn() {} };

/**
 * The protocol side of the BFF, one exchange a method, each sent and then checked by oauth4webapi.
 * Nothing here knows about cookies or HTTP routes.
 */
export function createIdentityProvider(
  options: ResolvedOptions,
  redirectUri: string,
  log: SecurityLog = silent,
) {
  const client: oauth.Client = {
    client_id: options.clientId,
    // Vercel advertises only RS256; any other algorithm, `none` included, is refused.
    id_token_signed_response_alg: 'RS256',
    [oauth.clockTolerance]: options.clockToleranceSeconds,
  };
  const clientAuth = oauth.ClientSecretBasic(options.clientSecret);
  // Vercel's introspection endpoint takes no client authentication in any official example.
  const noClientAuth = oauth.None();

  function requestOptions() {
    return {
      signal: () => AbortSignal.timeout(options.idpTimeoutMs),
      ...(options.fetch ? { [oauth.customFetch]: options.fetch } : {}),
      // Only loopback issuers can be plain http (see resolveOptions): the local emulator.
      ...(options.insecureIssuer ? { [oauth.allowInsecureRequests]: true } : {}),
    };
  }

  const metadata = createMetadataCache(options, requestOptions);
  const verifyIdTokenSignature = createSignatureCheck();
  const usedStates = createStateReplayGuard(options.loginTimeoutSeconds);

  /** Translates a failure and, when a check on the provider's data failed, says so in the log. */
  function refuse(error: unknown, operation: IdpOperation): BffError {
    const failure = translateIdpError(error, operation);
    if (SECURITY_REFUSALS.has(failure.code)) {
      log.warn(
        { event: 'security', code: failure.code, operation, detail: failure.detail },
        'refused a response of the identity provider',
      );
    }
    return failure;
  }

  function discover(): Promise<oauth.AuthorizationServer> {
    return metadata.get().catch((error: unknown) => {
      throw refuse(error, 'discovery');
    });
  }

  function toTokenSet(
    response: oauth.TokenEndpointResponse,
    previousRefreshToken: string | null,
  ): TokenSet {
    const now = Math.floor(Date.now() / 1000);
    // A response without expires_in gets the documented one-hour lifetime of Vercel access tokens.
    const expiresIn = typeof response.expires_in === 'number' ? response.expires_in : 3600;
    return {
      accessToken: response.access_token,
      // Vercel always rotates; a provider that does not keeps the old refresh token valid.
      refreshToken: response.refresh_token ?? previousRefreshToken,
      expiresAt: now + expiresIn,
      obtainedAt: now,
      scopes: (response.scope ?? options.scopes.join(' ')).split(' ').filter(Boolean),
      claims: oauth.getValidatedIdTokenClaims(response),
    };
  }

  return {
    metadata,

    async createLogin(returnTo: string): Promise<{ url: URL; transaction: LoginTransaction }> {
      const as = await discover();
      if (!as.authorization_endpoint) {
        throw new BffError('idp_error', 'discovery: no authorization_endpoint');
      }
      const transaction: LoginTransaction = {
        state: oauth.generateRandomState(),
        nonce: oauth.generateRandomNonce(),
        // 32 random bytes, base64url: 43 characters, within PKCE's 43-128.
        codeVerifier: oauth.generateRandomCodeVerifier(),
        returnTo,
      };
      const url = new URL(as.authorization_endpoint);
      url.search = new URLSearchParams({
        client_id: options.clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: options.scopes.join(' '),
        state: transaction.state,
        nonce: transaction.nonce,
        code_challenge: await oauth.calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: 'S256',
      }).toString();
      return { url, transaction };
    },

    /** Validates the callback (iss per RFC 9207, state, error), exchanges the code, verifies the ID token. */
    async completeLogin(
      callbackUrl: URL,
      transaction: LoginTransaction,
    ): Promise<TokenSet & { claims: oauth.IDToken }> {
      const as = await discover();
      let params: URLSearchParams;
      try {
        params = oauth.validateAuthResponse(as, client, callbackUrl, transaction.state);
      } catch (error) {
        throw refuse(
          translateCallbackError(
            error,
            { issuer: as.issuer, state: transaction.state },
            callbackUrl.searchParams,
          ),
          'callback',
        );
      }
      if (!usedStates.consume(transaction.state)) {
        throw refuse(
          new BffError('state_mismatch', 'callback: state already used [state_replayed]'),
          'callback',
        );
      }
      let response: Response;
      try {
        response = await oauth.authorizationCodeGrantRequest(
          as,
          client,
          clientAuth,
          params,
          redirectUri,
          transaction.codeVerifier,
          requestOptions(),
        );
      } catch (error) {
        // Refused before sending (no code, a code given twice) or never answered.
        throw error instanceof oauth.OperationProcessingError
          ? new BffError('invalid_callback', `code_exchange: ${error.message}`)
          : translateIdpError(error, 'code_exchange');
      }
      try {
        const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
          expectedNonce: transaction.nonce,
          requireIdToken: true,
        });
        // oauth4webapi trusts TLS for ID tokens from the token endpoint; the signature is checked
        // against the JWKS anyway, so a compromised or misrouted endpoint cannot mint identities.
        await verifyIdTokenSignature(as, response, requestOptions());
        const tokens = toTokenSet(result, null);
        if (!tokens.claims) throw new BffError('id_token_invalid', 'code_exchange: no ID token');
        assertIssuedInThePast(tokens.claims, options.clockToleranceSeconds, 'code_exchange');
        return { ...tokens, claims: tokens.claims };
      } catch (error) {
        throw refuse(error, 'code_exchange');
      }
    },

    /** Exchanges a refresh token; a refreshed ID token must name the same issuer and subject. */
    async refresh(refreshToken: string, expectedSubject: string): Promise<TokenSet> {
      const as = await discover();
      try {
        const response = await oauth.refreshTokenGrantRequest(
          as,
          client,
          clientAuth,
          refreshToken,
          requestOptions(),
        );
        const result = await oauth.processRefreshTokenResponse(as, client, response);
        const tokens = toTokenSet(result, refreshToken);
        if (tokens.claims) {
          await verifyIdTokenSignature(as, response, requestOptions());
          assertIssuedInThePast(tokens.claims, options.clockToleranceSeconds, 'refresh');
          assertSameIdentity(
            tokens.claims,
            { issuer: as.issuer, subject: expectedSubject },
            'refresh',
          );
        }
        return tokens;
      } catch (error) {
        throw refuse(error, 'refresh');
      }
    },

    async userInfo(accessToken: string, expectedSubject: string): Promise<oauth.UserInfoResponse> {
      const as = await discover();
      try {
        const response = await oauth.userInfoRequest(as, client, accessToken, requestOptions());
        // Fails unless the answer is about the signed-in subject (OIDC Core 5.3.2).
        return await oauth.processUserInfoResponse(as, client, expectedSubject, response);
      } catch (error) {
        throw refuse(error, 'userinfo');
      }
    },

    async introspect(token: string): Promise<oauth.IntrospectionResponse> {
      const as = await discover();
      try {
        const response = await oauth.introspectionRequest(
          as,
          client,
          noClientAuth,
          token,
          requestOptions(),
        );
        return await oauth.processIntrospectionResponse(as, client, response);
      } catch (error) {
        throw refuse(error, 'introspection');
      }
    },

    async revoke(token: string): Promise<void> {
      const as = await discover();
      try {
        const response = await oauth.revocationRequest(
          as,
          client,
          clientAuth,
          token,
          requestOptions(),
        );
        await oauth.processRevocationResponse(response);
      } catch (error) {
        throw refuse(error, 'revocation');
      }
    },
  };
}

export type IdentityProvider = ReturnType<typeof createIdentityProvider>;

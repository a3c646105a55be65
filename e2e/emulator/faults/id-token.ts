import { createPublicKey, randomUUID } from 'node:crypto';
import {
  SignJWT,
  UnsecuredJWT,
  base64url,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
} from 'jose';

/**
 * How to sign an ID token after its claims and header were changed:
 * - `provider-key`: the key the provider signs with (after `rotateSigningKey()`, the new one);
 * - `unknown-key`: an RSA key the JWKS does not publish, with a `kid` of its own;
 * - `hs256-public-key`: HS256 with the provider's public key (SPKI PEM) as the HMAC secret, the
 *   classic algorithm-confusion forgery;
 * - `alg-none`: an unsecured JWT (RFC 7519 §6), empty signature;
 * - `corrupted-signature`: signed with the provider key, then one signature byte flipped.
 */
export type IdTokenSigning =
  'provider-key' | 'unknown-key' | 'hs256-public-key' | 'alg-none' | 'corrupted-signature';

export interface IdTokenChange {
  /** Claims to set; a claim set to `undefined` is removed. */
  claims?: Record<string, unknown>;
  /** JOSE header parameters to set; `undefined` removes one (e.g. `kid`). Ignored by `alg-none`. */
  header?: Record<string, unknown>;
  /** Default `provider-key`. */
  signWith?: IdTokenSigning;
}

interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
}

function merge<T extends object>(base: T, changes: Record<string, unknown> = {}): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result as T;
}

async function newRsaKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  return {
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    kid,
  };
}

/** Re-signs ID tokens the provider issued, every way a misbehaving or hostile provider might. */
export class IdTokenForger {
  /** One key for every `unknown-key` forgery: RSA key generation is slow. */
  private stranger: Promise<SigningKey> | undefined;

  private constructor(
    private current: SigningKey,
    private readonly publicKeyPem: string,
    /** Keys published next to the provider's own after a rotation. */
    readonly addedPublicKeys: JWK[],
  ) {}

  static async create(providerKey: JWK): Promise<IdTokenForger> {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = providerKey;
    const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const key: SigningKey = {
      privateKey: (await importJWK(providerKey, 'RS256')) as CryptoKey,
      publicJwk,
      kid: String(providerKey.kid),
    };
    return new IdTokenForger(key, pem, []);
  }

  /** Whether tokens are being re-signed with a key of the proxy's (after a rotation). */
  get rotated(): boolean {
    return this.addedPublicKeys.length > 0;
  }

  /** A new signing key, published in the JWKS next to the old ones; later tokens carry its kid. */
  async rotate(): Promise<string> {
    this.current = await newRsaKey();
    this.addedPublicKeys.push(this.current.publicJwk);
    return this.current.kid;
  }

  async forge(idToken: string, change: IdTokenChange = {}): Promise<string> {
    const claims = merge<JWTPayload>(decodeJwt(idToken), change.claims);
    const original = decodeProtectedHeader(idToken) as JWTHeaderParameters;
    const signWith = change.signWith ?? 'provider-key';

    switch (signWith) {
      case 'alg-none':
        return new UnsecuredJWT(claims).encode();
      case 'hs256-public-key': {
        const header = merge({ ...original, alg: 'HS256' }, change.header);
        return new SignJWT(claims)
          .setProtectedHeader(header)
          .sign(new TextEncoder().encode(this.publicKeyPem));
      }
      case 'unknown-key': {
        this.stranger ??= newRsaKey();
        const stranger = await this.stranger;
        const header = merge({ ...original, alg: 'RS256', kid: stranger.kid }, change.header);
        return new SignJWT(claims).setProtectedHeader(header).sign(stranger.privateKey);
      }
      case 'provider-key':
      case 'corrupted-signature': {
        const header = merge({ ...original, alg: 'RS256', kid: this.current.kid }, change.header);
        const signed = await new SignJWT(claims)
          .setProtectedHeader(header)
          .sign(this.current.privateKey);
        if (signWith === 'provider-key') return signed;
        const [head, payload, signature = ''] = signed.split('.');
        const bytes = base64url.decode(signature);
        bytes[0] = bytes[0]! ^ 0xff;
        return `${head}.${payload}.${base64url.encode(bytes)}`;
      }
    }
  }
}

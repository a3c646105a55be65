import { createHash, generateKeyPair, type JsonWebKey } from 'node:crypto';
import { promisify } from 'node:util';
import type { JWK } from 'oidc-provider';

const generateRsaKeyPair = promisify(generateKeyPair);

/** RFC 7638 thumbprint: SHA-256 over the required RSA members in lexicographic order. */
function thumbprint(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * A fresh RS256 signing key for each emulator: Vercel signs ID tokens with RS256 only and
 * publishes the key at /.well-known/jwks, with no `.json`
 * (https://vercel.com/docs/sign-in-with-vercel/tokens). The `kid` lets clients pick it.
 */
export async function createSigningKey(): Promise<JWK> {
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: thumbprint(jwk), alg: 'RS256', use: 'sig' } as JWK;
}

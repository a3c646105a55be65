import { createHash, hkdfSync, webcrypto } from 'node:crypto';
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose';

/**
 * Authenticated encryption of cookie payloads (JWE, `dir` + A256GCM, via jose). Each purpose gets
 * its own key derived from every configured secret, so a transaction cookie can never be replayed as
 * a session cookie; the first secret seals, all of them unseal (rotation without sign-outs).
 */
export type SealPurpose = 'session' | 'transaction' | 'refresh-result';

interface SealKey {
  kid: string;
  key: Promise<webcrypto.CryptoKey>;
}

export interface Sealer {
  seal(payload: JWTPayload, expiresInSeconds: number): Promise<string>;
  /** Returns the payload, or `null` when the value is tampered, expired or sealed with an unknown key. */
  unseal(value: string): Promise<JWTPayload | null>;
}

function deriveKey(secret: string, purpose: SealPurpose): SealKey {
  const raw = new Uint8Array(hkdfSync('sha256', secret, 'siwv-cookie-seal', purpose, 32));
  const kid = createHash('sha256').update(raw).digest('base64url').slice(0, 12);
  // Imported once: given raw bytes, jose imports them into a CryptoKey again on every seal and
  // unseal, which was a third of the CPU time of `GET /api/auth/session` (docs/benchmarks.md).
  const key = webcrypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { kid, key };
}

export function createSealer(secrets: readonly string[], purpose: SealPurpose): Sealer {
  const keys = secrets.map((secret) => deriveKey(secret, purpose));
  const [current] = keys;
  if (!current) throw new Error('at least one secret is required');
  const byKid = new Map(keys.map((k) => [k.kid, k.key]));

  return {
    async seal(payload, expiresInSeconds) {
      return new EncryptJWT(payload)
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: current.kid, typ: purpose })
        .setIssuedAt()
        .setExpirationTime(`${expiresInSeconds}s`)
        .encrypt(await current.key);
    },
    async unseal(value) {
      try {
        const { payload } = await jwtDecrypt(
          value,
          (header) => {
            const key = header.kid ? byKid.get(header.kid) : undefined;
            if (!key) throw new Error('unknown key');
            return key;
          },
          {
            typ: purpose,
            keyManagementAlgorithms: ['dir'],
            contentEncryptionAlgorithms: ['A256GCM'],
          },
        );
        return payload;
      } catch {
        return null;
      }
    },
  };
}

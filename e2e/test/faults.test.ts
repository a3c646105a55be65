import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type JSONWebKeySet,
} from 'jose';
import {
  htmlPage,
  idToken,
  patchJson,
  stall,
  startMisbehavingProvider,
  type MisbehavingProvider,
} from '../emulator/faults';
import { signIn, userinfo } from './helpers/oauth';

let provider: MisbehavingProvider;
beforeAll(async () => {
  provider = await startMisbehavingProvider({ port: 0 });
});
afterAll(() => provider.close());

async function jwks(): Promise<JSONWebKeySet> {
  return (await fetch(`${provider.issuer}/.well-known/jwks`)).json() as Promise<JSONWebKeySet>;
}

async function publicPem(): Promise<Uint8Array> {
  const [key] = (await jwks()).keys;
  const pem = createPublicKey({ key: key as never, format: 'jwk' }).export({
    type: 'spki',
    format: 'pem',
  });
  return new TextEncoder().encode(pem.toString());
}

describe('the provider behind the fault proxy', () => {
  it('announces the proxy as its issuer and every endpoint behind it', async () => {
    const metadata = await (
      await fetch(`${provider.issuer}/.well-known/openid-configuration`)
    ).json();
    expect(provider.issuer).toBe(`http://localhost:${provider.port}`);
    expect(metadata.issuer).toBe(provider.issuer);
    for (const name of [
      'token_endpoint',
      'userinfo_endpoint',
      'jwks_uri',
      'authorization_endpoint',
    ])
      expect(metadata[name], name).toMatch(new RegExp(`^${provider.issuer}/`));
  });

  it('passes a whole sign-in through unchanged, with ID tokens that verify against the JWKS', async () => {
    const { tokens } = await signIn(provider);
    const { payload } = await jwtVerify(tokens.id_token!, createLocalJWKSet(await jwks()), {
      issuer: provider.issuer,
    });
    expect(payload.sub).toBeTruthy();
    expect(provider.issuedTokens()).toContain(tokens.access_token);
  });
});

describe('a fault', () => {
  it('applies to the next response of its endpoint only', async () => {
    provider.faults.next('token', patchJson({ token_type: 'bEaReR', expires_in: undefined }));
    const first = await signIn(provider);
    expect(first.tokens.token_type).toBe('bEaReR');
    expect(first.tokens.expires_in).toBeUndefined();
    const second = await signIn(provider);
    expect(second.tokens.token_type).toBe('Bearer');
    expect(provider.faults.pending()).toBe(0);
  });

  it('can replace an answer with an HTML page, without forwarding the request', async () => {
    const { tokens } = await signIn(provider);
    provider.resetStats();
    provider.faults.next('userinfo', htmlPage(502));
    const response = await userinfo(provider, tokens.access_token);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(provider.stats().userinfo).toBe(0);
  });

  it('can stall a request until the client gives up', async () => {
    provider.faults.next('jwks', stall());
    await expect(
      fetch(`${provider.issuer}/.well-known/jwks`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect((await fetch(`${provider.issuer}/.well-known/jwks`)).status).toBe(200);
  });
});

describe('a forged ID token', () => {
  it('keeps the provider signature but edits claims and header when signed with the provider key', async () => {
    provider.faults.next(
      'token',
      idToken({ claims: { sub: 'someone-else' }, header: { kid: undefined } }),
    );
    const { tokens } = await signIn(provider);
    expect(decodeProtectedHeader(tokens.id_token!).kid).toBeUndefined();
    const { payload } = await jwtVerify(tokens.id_token!, createLocalJWKSet(await jwks()));
    expect(payload.sub).toBe('someone-else');
  });

  it('is unsecured with alg-none', async () => {
    provider.faults.next('token', idToken({ signWith: 'alg-none' }));
    const { tokens } = await signIn(provider);
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe('none');
    expect(tokens.id_token!.endsWith('.')).toBe(true);
  });

  it('verifies with HS256 and the public key as secret with hs256-public-key', async () => {
    provider.faults.next('token', idToken({ signWith: 'hs256-public-key' }));
    const { tokens } = await signIn(provider);
    const { protectedHeader } = await jwtVerify(tokens.id_token!, await publicPem());
    expect(protectedHeader.alg).toBe('HS256');
  });

  it.each(['unknown-key', 'corrupted-signature'] as const)(
    'fails verification against the JWKS when signed with %s',
    async (signWith) => {
      provider.faults.next('token', idToken({ signWith }));
      const { tokens } = await signIn(provider);
      await expect(jwtVerify(tokens.id_token!, createLocalJWKSet(await jwks()))).rejects.toThrow();
      expect(decodeJwt(tokens.id_token!).iss).toBe(provider.issuer);
    },
  );
});

describe('a key rotation', () => {
  it('publishes the new key next to the old one and signs later ID tokens with it', async () => {
    const before = (await jwks()).keys.map((key) => key.kid);
    const kid = await provider.rotateSigningKey();
    const after = await jwks();
    expect(after.keys.map((key) => key.kid)).toEqual([...before, kid]);
    const { tokens } = await signIn(provider);
    expect(decodeProtectedHeader(tokens.id_token!).kid).toBe(kid);
    await jwtVerify(tokens.id_token!, createLocalJWKSet(after));
  });
});

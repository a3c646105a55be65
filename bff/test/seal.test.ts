import { describe, expect, it } from 'vitest';
import { createSealer } from '../src/session/seal';

const oldSecret = 'o'.repeat(32);
const newSecret = 'n'.repeat(32);

describe('sealed cookie values', () => {
  it('round-trips a payload', async () => {
    const sealer = createSealer([newSecret], 'session');
    const sealed = await sealer.seal({ hello: 'wörld' }, 60);
    expect(sealed).not.toContain('wörld');
    await expect(sealer.unseal(sealed)).resolves.toMatchObject({ hello: 'wörld' });
  });

  it('unseals values sealed with a retired secret still in the list', async () => {
    const sealed = await createSealer([oldSecret], 'session').seal({ a: 1 }, 60);
    await expect(
      createSealer([newSecret, oldSecret], 'session').unseal(sealed),
    ).resolves.toMatchObject({ a: 1 });
  });

  it('refuses a value sealed with an unknown secret, for another purpose, tampered or expired', async () => {
    const sealer = createSealer([newSecret], 'session');
    const sealed = await sealer.seal({ a: 1 }, 60);
    await expect(createSealer([oldSecret], 'session').unseal(sealed)).resolves.toBeNull();
    await expect(createSealer([newSecret], 'transaction').unseal(sealed)).resolves.toBeNull();
    const flipped = sealed.slice(0, -3) + (sealed.at(-3) === 'A' ? 'B' : 'A') + sealed.slice(-2);
    await expect(sealer.unseal(flipped)).resolves.toBeNull();
    await expect(sealer.unseal('garbage')).resolves.toBeNull();
    const expired = await sealer.seal({ a: 1 }, -10);
    await expect(sealer.unseal(expired)).resolves.toBeNull();
  });
});

import { siwvQueryKeys } from '@siwv/shared/query';
import { CSRF_HEADER } from '@siwv/shared';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { alice, createFakeBff } from './fake-bff';
import { renderApp } from './render-app';

describe('signing out', () => {
  it('posts to the BFF with the CSRF header, forgets every cached answer and lands home signed out', async () => {
    const bff = createFakeBff({ user: alice });
    const { user, queryClient, router } = renderApp('/profile', bff);
    await screen.findByRole('region', { name: 'Alice Example' });
    await user.click(screen.getByRole('button', { name: 'Validate Token' }));
    await screen.findByText('Active', { selector: 'dt' });
    expect(queryClient.getQueryData(siwvQueryKeys.profile)).toEqual(alice);

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/');
    const [signout, ...others] = bff.requestsTo('POST', '/api/auth/signout');
    expect(others).toHaveLength(0);
    expect(signout?.headers.get(CSRF_HEADER)).toBe('1');
    expect(queryClient.getQueryData(siwvQueryKeys.profile)).toBeUndefined();
    expect(queryClient.getQueryData(['validate-token'])).toBeUndefined();
    expect(queryClient.getQueryData(siwvQueryKeys.session)).toEqual({ authenticated: false });
    expect(screen.queryByText(/Alice/)).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Profile' })).not.toBeInTheDocument();
  });

  it("does not fetch the previous user's profile again on the way out", async () => {
    const bff = createFakeBff({ user: alice });
    const { user } = renderApp('/profile', bff);
    await screen.findByRole('region', { name: 'Alice Example' });
    const profileReads = bff.requestsTo('GET', '/api/profile').length;

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('link', { name: 'Sign in with Vercel' });

    await waitFor(() => expect(bff.requestsTo('GET', '/api/profile')).toHaveLength(profileReads));
  });

  it('still clears the cache and goes home when the BFF fails to answer', async () => {
    const bff = createFakeBff({ user: alice });
    const { user, queryClient, router } = renderApp('/profile', bff);
    await screen.findByRole('region', { name: 'Alice Example' });
    bff.fail('signout', 'internal_error');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(queryClient.getQueryData(siwvQueryKeys.profile)).toBeUndefined();
  });
});

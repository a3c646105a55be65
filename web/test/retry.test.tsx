import { siwvQueryKeys } from '@siwv/shared/query';
import { ApiError } from '@siwv/shared';
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { shouldRetrySiwvQuery as shouldRetry } from '@siwv/shared/query';
import { alice, createFakeBff } from './fake-bff';
import { renderApp } from './render-app';

describe('retrying failed requests', () => {
  it('never retries a 401 or a 403, and retries anything else once', () => {
    expect(shouldRetry(0, new ApiError(401, 'session_expired', ''))).toBe(false);
    expect(shouldRetry(0, new ApiError(403, 'csrf_header_missing', ''))).toBe(false);
    expect(shouldRetry(0, new ApiError(502, 'idp_error', ''))).toBe(true);
    expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true);
    expect(shouldRetry(1, new ApiError(502, 'idp_error', ''))).toBe(false);
  });

  it('leaves a refresh_conflict to the API client, which has sent the request twice already', () => {
    expect(shouldRetry(0, new ApiError(409, 'refresh_conflict', ''))).toBe(false);
  });

  it('shows the profile after one conflicting session renewal, asking twice in all', async () => {
    const bff = createFakeBff({ user: alice });
    bff.fail('profile', 'refresh_conflict');
    renderApp('/profile', bff);

    expect(await screen.findByRole('region', { name: 'Alice Example' })).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(bff.requestsTo('GET', '/api/profile')).toHaveLength(2);
  });

  it('explains a conflict that happens twice in a row, without asking a third time', async () => {
    const bff = createFakeBff({ user: alice });
    bff.fail('profile', 'refresh_conflict', 5);
    renderApp('/profile', bff);

    expect(await screen.findByRole('alert')).toHaveTextContent('Your session was being renewed');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeVisible();
    expect(bff.requestsTo('GET', '/api/profile')).toHaveLength(2);
  });

  it('asks for the profile only once when the BFF answers 401, and offers to sign in again', async () => {
    const bff = createFakeBff({ user: alice });
    bff.fail('profile', 'session_expired', 5);
    renderApp('/profile', bff);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your session has ended');
    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
      'href',
      '/api/auth/authorize?returnTo=%2Fprofile',
    );
    expect(bff.requestsTo('GET', '/api/profile')).toHaveLength(1);
  });

  it('asks a second time after a server error before showing it', async () => {
    const bff = createFakeBff({ user: alice });
    bff.fail('profile', 'internal_error', 5);
    renderApp('/profile', bff);

    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    expect(bff.requestsTo('GET', '/api/profile')).toHaveLength(2);
  });

  it('re-reads the session after a 401, and leaves the profile once it says signed out', async () => {
    const bff = createFakeBff({ user: alice });
    const { router, user } = renderApp('/profile', bff);
    await screen.findByRole('region', { name: 'Alice Example' });
    const sessionReads = bff.requestsTo('GET', '/api/auth/session').length;

    // The session ends on the server (say, the refresh token was revoked at Vercel).
    bff.endSession();
    await user.click(screen.getByRole('button', { name: 'Validate Token' }));

    expect(await screen.findByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/');
    expect(bff.requestsTo('GET', '/api/auth/session').length).toBeGreaterThan(sessionReads);
  });

  it('re-reads the session once for a burst of 401s from several queries, and goes home once', async () => {
    const bff = createFakeBff({ user: alice });
    const { queryClient, router, user } = renderApp('/profile', bff);
    await screen.findByRole('region', { name: 'Alice Example' });
    const sessionReads = bff.requestsTo('GET', '/api/auth/session').length;
    const profileReads = bff.requestsTo('GET', '/api/profile').length;
    const landings: string[] = [];
    let lastKey = router.state.location.key;
    router.subscribe(({ location }) => {
      if (location.key !== lastKey) landings.push(location.pathname);
      lastKey = location.key;
    });

    // The session ends on the server; the re-read of the session is kept waiting, so that every
    // 401 of the burst arrives while it is still under way.
    bff.endSession();
    const release = bff.hold('session');
    await user.click(screen.getByRole('button', { name: 'Validate Token' }));
    await act(() => queryClient.refetchQueries({ queryKey: siwvQueryKeys.profile }));
    await act(() => queryClient.refetchQueries({ queryKey: siwvQueryKeys.profile }));
    release();

    expect(await screen.findByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(bff.requestsTo('GET', '/api/auth/session')).toHaveLength(sessionReads + 1);
    expect(bff.requestsTo('GET', '/api/profile')).toHaveLength(profileReads + 2);
    expect(bff.requestsTo('GET', '/api/validate-token')).toHaveLength(1);
    expect(landings).toEqual(['/']);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

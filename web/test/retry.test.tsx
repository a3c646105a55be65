import { ApiError } from '@siwv/shared';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { shouldRetry } from '../src/lib/query-client';
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
});

import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SESSION_STALE_TIME_MS } from '@siwv/shared/query';
import { alice, createFakeBff } from './fake-bff';
import { renderApp } from './render-app';

describe('the profile page', () => {
  it('sends a signed-out visitor home, replacing the history entry, without rendering the profile', async () => {
    const bff = createFakeBff({ user: null });
    const headings: string[] = [];
    const observer = new MutationObserver(() => {
      headings.push(...Array.from(document.querySelectorAll('h1'), (h1) => h1.textContent ?? ''));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const { router } = renderApp('/profile', bff);

    expect(await screen.findByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
    observer.disconnect();
    expect(headings).not.toContain('Profile');
    expect(router.state.location.pathname).toBe('/');
    expect(router.state.historyAction).toBe('REPLACE');
    expect(screen.queryByRole('heading', { name: 'Profile' })).not.toBeInTheDocument();
    expect(bff.requestsTo('GET', '/api/profile')).toHaveLength(0);
  });

  it("shows the user's name, email, username and avatar", async () => {
    renderApp('/profile', createFakeBff({ user: alice }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
    const details = await screen.findByRole('region', { name: 'Alice Example' });
    expect(within(details).getByText('alice@example.com')).toBeVisible();
    expect(within(details).getByText('@alice')).toBeVisible();
    const rows = within(details)
      .getAllByRole('term')
      .map((term) => term.parentElement);
    expect(rows.map((row) => row?.textContent)).toEqual([
      'NameAlice Example',
      'Emailalice@example.comVerified',
      'Usernamealice',
    ]);
    const avatar = within(details).getByRole('img', { name: 'Avatar of Alice Example' });
    expect(avatar.tagName).toBe('IMG');
    expect(avatar).toHaveAttribute('src', alice.picture);
  });

  it('shows initials in a circle when the user has no picture', async () => {
    renderApp('/profile', createFakeBff({ user: { ...alice, picture: null } }));

    const avatar = await screen.findByRole('img', { name: 'Avatar of Alice Example' });
    expect(avatar.tagName).not.toBe('IMG');
    expect(avatar).toHaveTextContent('AE');
  });

  it('renders a non-ASCII name intact, with its initials counted in characters', async () => {
    const name = 'Zoë Ångström-Łukasiewicz';
    renderApp('/profile', createFakeBff({ user: { ...alice, name, picture: null } }));

    expect(await screen.findByRole('heading', { level: 2, name })).toBeVisible();
    expect(screen.getByRole('img', { name: `Avatar of ${name}` })).toHaveTextContent('ZÅ');
  });

  it('says "Not shared" for fields the identity provider left out', async () => {
    renderApp('/profile', createFakeBff({ user: { ...alice, email: null, username: null } }));

    const details = await screen.findByRole('region', { name: 'Alice Example' });
    expect(within(details).getAllByText('Not shared')).toHaveLength(2);
  });

  it('shows a loading skeleton, then an error with Retry that recovers', async () => {
    const bff = createFakeBff({ user: alice });
    bff.fail('profile', 'idp_unavailable', 2);
    const release = bff.hold('profile');
    const { user } = renderApp('/profile', bff);

    expect(await screen.findByText('Loading your profile…')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
    release();
    expect(await screen.findByRole('alert')).toHaveTextContent('Vercel could not be reached');
    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByRole('region', { name: 'Alice Example' })).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('re-checks the session when the tab regains focus, and leaves once it has ended', async () => {
    const bff = createFakeBff({ user: alice });
    const { router } = renderApp('/profile', bff);
    await screen.findByRole('region', { name: 'Alice Example' });

    bff.endSession(); // e.g. signed out in another tab
    act(() => {
      window.dispatchEvent(new Event('visibilitychange'));
    });

    expect(await screen.findByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/');
  });

  it(`trusts a session answer between pages for ${SESSION_STALE_TIME_MS / 1000} s, then asks again`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const bff = createFakeBff({ user: alice });
      const { user } = renderApp('/', bff);
      await user.click(await screen.findByRole('link', { name: 'View your profile' }));
      await screen.findByRole('region', { name: 'Alice Example' });
      const reads = bff.requestsTo('GET', '/api/auth/session').length;

      vi.advanceTimersByTime(SESSION_STALE_TIME_MS - 1_000);
      await user.click(screen.getByRole('link', { name: 'Vercel Sign-in Example' }));
      await user.click(await screen.findByRole('link', { name: 'View your profile' }));
      await screen.findByRole('region', { name: 'Alice Example' });
      expect(bff.requestsTo('GET', '/api/auth/session')).toHaveLength(reads);

      vi.advanceTimersByTime(2_000);
      await user.click(screen.getByRole('link', { name: 'Vercel Sign-in Example' }));
      await screen.findByText(/signed in as/i);
      await waitFor(() =>
        expect(bff.requestsTo('GET', '/api/auth/session')).toHaveLength(reads + 1),
      );
    } finally {
      vi.useRealTimers();
    }
  });
});

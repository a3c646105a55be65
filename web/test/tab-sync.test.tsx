import { siwvQueryKeys } from '@siwv/shared/query';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SESSION_CHANNEL_NAME } from '../src/features/session/tab-sync/session-channel';
import { createBroadcastHub } from './fake-broadcast-channel';
import { alice, createFakeBff } from './fake-bff';
import { renderApp } from './render-app';

/** Two tabs of one browser: one BFF (the shared cookie) and one BroadcastChannel hub. */
function twoTabs(pathA: string, pathB: string, bff = createFakeBff({ user: alice })) {
  const hub = createBroadcastHub();
  const a = renderApp(pathA, bff, hub);
  const b = renderApp(pathB, bff, hub);
  return { bff, hub, a, b, inA: within(a.container), inB: within(b.container) };
}

const sessionReads = (bff: ReturnType<typeof createFakeBff>) =>
  bff.requestsTo('GET', '/api/auth/session').length;

/** Lets messages between the tabs, and what they set off, run their course. */
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 50)));

describe('tabs following each other', () => {
  it('sends another tab home signed out when one signs out, forgetting the user there too', async () => {
    const { a, b, inA, inB } = twoTabs('/profile', '/profile');
    await inA.findByRole('region', { name: 'Alice Example' });
    await inB.findByRole('region', { name: 'Alice Example' });
    expect(b.queryClient.getQueryData(siwvQueryKeys.profile)).toEqual(alice);

    await a.user.click(inA.getByRole('button', { name: 'Sign out' }));

    expect(await inB.findByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
    expect(b.router.state.location.pathname).toBe('/');
    expect(b.router.state.historyAction).toBe('REPLACE');
    expect(b.queryClient.getQueryData(siwvQueryKeys.profile)).toBeUndefined();
    expect(b.queryClient.getQueryData(siwvQueryKeys.session)).toEqual({ authenticated: false });
    expect(inB.queryByText(/Alice/)).not.toBeInTheDocument();
    expect(inB.queryByRole('link', { name: 'Profile' })).not.toBeInTheDocument();
  });

  it('turns a signed-in home page into the signed-out one when another tab signs out', async () => {
    const { a, bff, inA, inB } = twoTabs('/profile', '/');
    await inA.findByRole('region', { name: 'Alice Example' });
    expect(await inB.findByText(/signed in as/i)).toHaveTextContent('Alice Example');
    await settle();
    const readsBefore = sessionReads(bff);

    await a.user.click(inA.getByRole('button', { name: 'Sign out' }));

    expect(await inB.findByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
    expect(inB.queryByText(/signed in as/i)).not.toBeInTheDocument();
    expect(inB.queryByRole('link', { name: 'Profile' })).not.toBeInTheDocument();
    // Tab A's home page asks the BFF once as it mounts; tab B has been told, and asks no more.
    await settle();
    expect(sessionReads(bff)).toBe(readsBefore + 1);
  });

  it('shows a signed-out tab signed in once another tab comes back from signing in', async () => {
    const bff = createFakeBff({ user: null });
    const hub = createBroadcastHub();
    const b = renderApp('/', bff, hub);
    const inB = within(b.container);
    await inB.findByRole('link', { name: 'Sign in with Vercel' });

    // Tab A finishes the sign-in at Vercel and the BFF's callback lands it on the profile.
    bff.signIn(alice);
    const inA = within(renderApp('/profile', bff, hub).container);
    await inA.findByRole('region', { name: 'Alice Example' });

    expect(await inB.findByText(/signed in as/i)).toHaveTextContent('Signed in as Alice Example');
    expect(inB.getByRole('link', { name: 'Profile' })).toBeVisible();
    expect(b.router.state.location.pathname).toBe('/');
    // Only the tab that signed in announces it; the follower does not echo it back.
    await settle();
    expect(hub.posted).toEqual([{ name: SESSION_CHANNEL_NAME, data: 'signed-in' }]);
  });

  it('announces nothing while nobody signs in or out, and tells only event names', async () => {
    const { a, hub, inA, inB } = twoTabs('/profile', '/profile');
    await inA.findByRole('region', { name: 'Alice Example' });
    await inB.findByRole('region', { name: 'Alice Example' });
    act(() => {
      window.dispatchEvent(new Event('visibilitychange'));
    });
    await a.user.click(inA.getByRole('button', { name: 'Validate Token' }));
    await inA.findByText('Active', { selector: 'dt' });

    await a.user.click(inA.getByRole('button', { name: 'Sign out' }));
    await inB.findByRole('link', { name: 'Sign in with Vercel' });

    // Each tab announced its own landing signed in (the other just re-read the session), then the
    // sign-out; the messages are bare event names.
    expect(hub.posted.map(({ data }) => data)).toEqual(['signed-in', 'signed-in', 'signed-out']);
  });

  it('sends the other tabs home too when one finds, through a 401, that the session has ended', async () => {
    const { a, bff, b, hub, inA, inB } = twoTabs('/profile', '/profile');
    await inA.findByRole('region', { name: 'Alice Example' });
    await inB.findByRole('region', { name: 'Alice Example' });
    await settle();

    bff.endSession();
    await a.user.click(inA.getByRole('button', { name: 'Validate Token' }));

    expect(await inA.findByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
    expect(await inB.findByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
    expect(b.router.state.location.pathname).toBe('/');
    expect(b.queryClient.getQueryData(siwvQueryKeys.profile)).toBeUndefined();
    await settle();
    expect(hub.posted.map(({ data }) => data)).toEqual(['signed-in', 'signed-in', 'signed-out']);
  });

  it('ignores messages on its channel that are not one of its events', async () => {
    const bff = createFakeBff({ user: alice });
    const hub = createBroadcastHub();
    const { container, router } = renderApp('/profile', bff, hub);
    await within(container).findByRole('region', { name: 'Alice Example' });
    const readsBefore = sessionReads(bff);

    for (const data of ['signed-out-now', { event: 'signed-out' }, null, 42]) {
      hub.postFromElsewhere(SESSION_CHANNEL_NAME, data);
    }
    hub.postFromElsewhere('another-channel', 'signed-out');
    await settle();

    expect(within(container).getByRole('region', { name: 'Alice Example' })).toBeVisible();
    expect(router.state.location.pathname).toBe('/profile');
    expect(sessionReads(bff)).toBe(readsBefore);
  });

  it('keeps working on its own where the browser has no BroadcastChannel', async () => {
    const bff = createFakeBff({ user: alice });
    const { user } = renderApp('/profile', bff, { scope: {} });
    await screen.findByRole('region', { name: 'Alice Example' });

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
  });
});

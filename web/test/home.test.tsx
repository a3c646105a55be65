import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { alice, createFakeBff } from './fake-bff';
import { renderApp } from './render-app';

describe('the home page', () => {
  it('offers "Sign in with Vercel" as a navigation to the BFF that returns to the profile', async () => {
    renderApp('/', createFakeBff({ user: null }));

    const link = await screen.findByRole('link', { name: 'Sign in with Vercel' });
    expect(link).toHaveAttribute('href', '/api/auth/authorize?returnTo=%2Fprofile');
    expect(screen.getByRole('heading', { level: 1 })).toBeInTheDocument();
    expect(screen.queryByText(/signed in as/i)).not.toBeInTheDocument();
  });

  it('shows who is signed in and links to the profile when there is a session', async () => {
    renderApp('/', createFakeBff({ user: alice }));

    expect(await screen.findByText(/signed in as/i)).toHaveTextContent(
      'Signed in as Alice Example',
    );
    expect(screen.getByRole('link', { name: 'View your profile' })).toHaveAttribute(
      'href',
      '/profile',
    );
    expect(screen.queryByRole('link', { name: 'Sign in with Vercel' })).not.toBeInTheDocument();
  });

  it('explains an unreachable server and checks again on Retry', async () => {
    const bff = createFakeBff({ user: alice });
    bff.fail('session', 'internal_error', 2);
    const { user } = renderApp('/', bff);

    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong on our side');
    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText(/signed in as/i)).toHaveTextContent('Alice Example');
  });
});

describe('an unknown address', () => {
  it('shows a 404 page with a way home', async () => {
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Back to the home page' })).toHaveAttribute(
      'href',
      '/',
    );
  });
});

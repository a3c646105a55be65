import { errorCodes } from '@siwv/shared';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorMessages, genericSignInError } from '../src/features/errors/messages';
import { renderApp } from './render-app';

describe('the sign-in error page', () => {
  it('explains access_denied as a cancelled sign-in', async () => {
    renderApp('/auth/error?code=access_denied');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign-in was cancelled' }),
    ).toBeVisible();
    expect(screen.getByText(/you chose cancel/i)).toBeVisible();
  });

  it.each(['no_such_code', ''])('gives the generic explanation for the code "%s"', async (code) => {
    renderApp(`/auth/error?code=${encodeURIComponent(code)}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: genericSignInError.title }),
    ).toBeVisible();
    expect(screen.getByText(genericSignInError.description)).toBeVisible();
    expect(screen.queryByText('no_such_code')).not.toBeInTheDocument();
  });

  it('gives the generic explanation when there is no code at all', async () => {
    renderApp('/auth/error');

    expect(
      await screen.findByRole('heading', { level: 1, name: genericSignInError.title }),
    ).toBeVisible();
  });

  it('offers a way back home and a fresh sign-in', async () => {
    renderApp('/auth/error?code=login_expired');

    expect(await screen.findByRole('link', { name: 'Back to the home page' })).toHaveAttribute(
      'href',
      '/',
    );
    expect(screen.getByRole('link', { name: 'Try again' })).toHaveAttribute(
      'href',
      '/api/auth/authorize?returnTo=%2Fprofile',
    );
  });
});

describe("the SPA's error message table", () => {
  it.each(errorCodes)('explains the catalogue code %s in its own words', (code) => {
    const message = errorMessages[code];
    expect(message, `no message for "${code}"`).toBeDefined();
    expect(message.title.trim()).not.toBe('');
    expect(message.description.trim()).not.toBe('');
    expect(message.title).not.toBe(genericSignInError.title);
  });

  it('has no message for a code the catalogue does not know', () => {
    expect(Object.keys(errorMessages).sort()).toEqual([...errorCodes].sort());
  });
});

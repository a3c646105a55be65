import { expect, test } from '@playwright/test';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@siwv/shared';
// A relative import keeps the workspace free of a bff <-> e2e dependency cycle.
import { createSealer } from '../../bff/src/session/seal';
import { E2E_SESSION_SECRET, EMULATOR_URL, signInAtEmulator } from '../fixtures';

const SESSION_COOKIE = 'siwv-session';

test('a user signs in, sees their profile, validates the token and signs out everywhere', async ({
  page,
  context,
}) => {
  await signInAtEmulator(page, { user: 'Ada Lovelace' });

  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
  await expect(page.getByText('Ada Lovelace').first()).toBeVisible();
  await expect(page.getByText('ada@example.com')).toBeVisible();
  const avatar = page.getByRole('img', { name: 'Avatar of Ada Lovelace' });
  await expect(avatar).toHaveAttribute('src', `${EMULATOR_URL}/avatars/ada.svg`);
  await expect
    .poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Validate Token' }).click();
  const tokenPanel = page.getByRole('status');
  await expect(tokenPanel).toContainText(/active/i);
  await expect(tokenPanel).toContainText(/yes/i);
  await page.screenshot({ path: 'test-results/profile.png', fullPage: true });

  // The session cookie is HttpOnly and no token is readable by scripts.
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === SESSION_COOKIE);
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  const tokens = (await createSealer([E2E_SESSION_SECRET], 'session').unseal(session!.value)) as {
    accessToken: string;
    refreshToken: string;
  };
  expect(tokens.accessToken).toBeTruthy();
  const visibleToScripts = await page.evaluate(() =>
    JSON.stringify({
      cookie: document.cookie,
      local: { ...localStorage },
      session: { ...sessionStorage },
    }),
  );
  expect(visibleToScripts).not.toContain(tokens.accessToken);
  expect(visibleToScripts).not.toContain(tokens.refreshToken);
  expect(visibleToScripts).not.toContain(SESSION_COOKIE);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();

  const state = await page.request.get('/api/auth/session', {
    headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE },
  });
  expect(await state.json()).toEqual({ authenticated: false });

  for (const token of [tokens.accessToken, tokens.refreshToken]) {
    const introspection = await page.request.post(`${EMULATOR_URL}/login/oauth/token/introspect`, {
      form: { token },
    });
    expect(await introspection.json()).toEqual({ active: false });
  }
});

test('cancelling at consent ends on the error page saying sign-in was cancelled', async ({
  page,
  context,
}) => {
  await signInAtEmulator(page, { decision: 'Cancel' });
  await expect(page).toHaveURL(/\/auth\/error\?code=access_denied$/);
  await expect(page.getByRole('main')).toContainText(/sign-in was cancelled/i);
  await expect(page.getByRole('link', { name: /home page/i })).toBeVisible();
  expect((await context.cookies()).map((c) => c.name)).not.toContain(SESSION_COOKIE);
});

test('the profile page opened while signed out goes back to the home page', async ({ page }) => {
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
});

test('a user without an avatar gets a placeholder, and a non-ASCII name is shown intact', async ({
  page,
}) => {
  await signInAtEmulator(page, { user: 'Zoë Ångström' });
  await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
  await expect(page.getByText('Zoë Ångström').first()).toBeVisible();
  const placeholder = page.getByRole('img', { name: 'Avatar of Zoë Ångström' });
  await expect(placeholder).toHaveText('ZÅ');
  await expect(page.locator('img.avatar')).toHaveCount(0);
});

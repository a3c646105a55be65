import { expect, type Page } from '@playwright/test';

/** Ports of the stack Playwright starts; apart from the dev defaults so both can run at once. */
export const E2E_PORTS = { app: 3100, bff: 3101, emulator: 4100 } as const;
export const EMULATOR_URL = `http://localhost:${E2E_PORTS.emulator}`;
export const E2E_SESSION_SECRET = 'playwright-only-session-secret-0123456789abcdef';

/** From the home page, through the emulator's login and consent pages, as a user would. */
export async function signInAtEmulator(
  page: Page,
  {
    user = 'Ada Lovelace',
    decision = 'Allow',
  }: { user?: string; decision?: 'Allow' | 'Cancel' } = {},
) {
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in with Vercel' }).click();
  await expect(page).toHaveURL(new RegExp(`^${EMULATOR_URL}/`));
  await page.getByLabel(user).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: decision }).click();
}

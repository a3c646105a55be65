import { expect, test, type Page } from '@playwright/test';
import { signInAtEmulator } from '../fixtures';

/** Other tabs of the app are expected to follow a sign-in or sign-out in about this time. */
const FOLLOW_TIMEOUT = 2_000;

/** Marks the document, so that a later check can tell it was never reloaded. */
async function markDocument(page: Page) {
  await page.evaluate(() => document.documentElement.setAttribute('data-unreloaded', 'yes'));
}

async function expectNotReloaded(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-unreloaded', 'yes');
}

test('signing out in one tab sends another tab showing the profile home, signed out', async ({
  page: tabA,
  context,
}) => {
  await signInAtEmulator(tabA);
  await expect(tabA).toHaveURL(/\/profile$/);

  const tabB = await context.newPage();
  await tabB.goto('/profile');
  await expect(tabB.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
  await expect(tabB.getByText('ada@example.com')).toBeVisible();
  await markDocument(tabB);

  await tabA.bringToFront();
  await tabA.getByRole('button', { name: 'Sign out' }).click();
  await expect(tabA.getByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();

  await expect(tabB.getByRole('link', { name: 'Sign in with Vercel' })).toBeVisible({
    timeout: FOLLOW_TIMEOUT,
  });
  await expect(tabB).toHaveURL(/\/$/);
  await expect(tabB.getByText('Ada Lovelace')).toHaveCount(0);
  await expectNotReloaded(tabB);
});

test('signing in in one tab shows another, signed-out tab signed in', async ({
  page: tabA,
  context,
}) => {
  const tabB = await context.newPage();
  await tabB.goto('/');
  await expect(tabB.getByRole('link', { name: 'Sign in with Vercel' })).toBeVisible();
  await markDocument(tabB);

  await tabA.bringToFront();
  await signInAtEmulator(tabA);
  await expect(tabA).toHaveURL(/\/profile$/);
  await expect(tabA.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();

  await expect(tabB.getByText(/Signed in as/)).toHaveText('Signed in as Ada Lovelace', {
    timeout: FOLLOW_TIMEOUT,
  });
  await expect(tabB.getByRole('link', { name: 'Sign in with Vercel' })).toHaveCount(0);
  await expectNotReloaded(tabB);
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@siwv/shared';
import { E2E_PORTS, signInAtEmulator } from '../fixtures';

const APP = `http://localhost:${E2E_PORTS.app}`;

/**
 * An attacker's site: another origin (127.0.0.1 is a different site from localhost) serving pages
 * that aim at the app's routes the ways a cross-site page can.
 */
const attacks: Record<string, string> = {
  '/form-post': `<form id="f" method="post" action="${APP}/api/auth/signout"></form>
    <script>document.getElementById('f').submit()</script>`,
  '/fetch-with-header': `<script>
    fetch('${APP}/api/auth/signout', { method: 'POST', credentials: 'include',
      headers: { '${CSRF_HEADER}': '${CSRF_HEADER_VALUE}' } })
      .then(() => (document.title = 'sent'), () => (document.title = 'blocked'));
  </script>`,
  '/fetch-simple': `<script>
    fetch('${APP}/api/auth/signout', { method: 'POST', credentials: 'include', mode: 'no-cors' })
      .then(() => (document.title = 'sent'), () => (document.title = 'blocked'));
  </script>`,
  '/images-and-links': `
    <img src="${APP}/api/auth/signout"><img src="${APP}/api/auth/authorize?returnTo=%2F%2Fevil">
    <img src="${APP}/api/auth/callback?code=x&state=y"><img src="${APP}/api/profile">
    <a id="l" href="${APP}/api/auth/callback?code=x&state=y">win a prize</a>
    <script>setTimeout(() => (document.title = 'loaded'), 300)</script>`,
};

let attacker: Server;
let attackerOrigin: string;
test.beforeAll(async () => {
  attacker = createServer((request, response) => {
    const body = attacks[request.url ?? ''];
    response.writeHead(body ? 200 : 404, { 'content-type': 'text/html' });
    response.end(body ? `<!doctype html><title>attack</title>${body}` : 'not found');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

async function signedIn(page: Page) {
  const response = await page.request.get(`${APP}/api/auth/session`, {
    headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE },
  });
  return (await response.json()).authenticated as boolean;
}

test.describe('a page on another site', () => {
  test.beforeEach(async ({ page }) => {
    await signInAtEmulator(page);
    await expect(page).toHaveURL(/\/profile$/);
    expect(await signedIn(page)).toBe(true);
  });

  test('cannot sign the user out with a form POST', async ({ page, context }) => {
    const attack = await context.newPage();
    const landed = attack.waitForURL(`${APP}/api/auth/signout`).catch(() => undefined);
    await attack.goto(`${attackerOrigin}/form-post`);
    await landed;
    expect(await signedIn(page)).toBe(true);
  });

  test('cannot sign the user out with fetch, with or without the CSRF header', async ({
    page,
    context,
  }) => {
    const attack = await context.newPage();
    await attack.goto(`${attackerOrigin}/fetch-with-header`);
    // The custom header forces a CORS preflight, which the BFF never grants.
    await expect(attack).toHaveTitle('blocked');
    await attack.goto(`${attackerOrigin}/fetch-simple`);
    await expect(attack).toHaveTitle('sent');
    expect(await signedIn(page)).toBe(true);
  });

  test('changes nothing through images or links to GET routes', async ({ page, context }) => {
    const attack = await context.newPage();
    await attack.goto(`${attackerOrigin}/images-and-links`);
    await expect(attack).toHaveTitle('loaded');
    await attack.click('#l');
    await expect(attack).toHaveURL(/\/auth\/error\?code=/);
    expect(await signedIn(page)).toBe(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
  });
});

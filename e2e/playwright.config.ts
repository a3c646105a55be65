import { defineConfig } from '@playwright/test';
import { E2E_PORTS, E2E_SESSION_SECRET } from './fixtures';

const baseURL = `http://localhost:${E2E_PORTS.app}`;

/**
 * Drives Debian's Chromium (never a downloaded browser) through the real stack: the local Vercel
 * emulator, the BFF and the SPA, started by the same script as `pnpm dev`, on ports of their own so
 * that a running dev stack does not interfere.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node --import tsx ../scripts/dev.ts --emulator',
    url: `${baseURL}/api/health`,
    env: {
      APP_PORT: String(E2E_PORTS.app),
      BFF_PORT: String(E2E_PORTS.bff),
      EMULATOR_PORT: String(E2E_PORTS.emulator),
      SESSION_SECRET: E2E_SESSION_SECRET,
      LOG_LEVEL: 'warn',
    },
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

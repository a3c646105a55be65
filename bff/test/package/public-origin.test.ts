import { describe, expect, it } from 'vitest';
import { configFromEnv, EnvConfigError } from '../../src/env';
import { resolveOptions } from '../../src/options';

const base = {
  VERCEL_APP_CLIENT_ID: 'cl_test',
  VERCEL_APP_CLIENT_SECRET: 'secret',
  SESSION_SECRET: 'x'.repeat(32),
};
/** What Vercel sets on every deployment once system variables are exposed. */
const preview = {
  VERCEL: '1',
  VERCEL_ENV: 'preview',
  VERCEL_URL: 'siwv-7fk2mq9zx-team.vercel.app',
  VERCEL_BRANCH_URL: 'siwv-git-feature-login-team.vercel.app',
};

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    configFromEnv(env);
  } catch (error) {
    if (error instanceof EnvConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the public origin of a deployment', () => {
  it('is APP_URL, wherever it runs', () => {
    expect(configFromEnv({ ...base, APP_URL: 'https://app.example.com' }).siwv.appUrl).toBe(
      'https://app.example.com',
    );
    expect(
      configFromEnv({ ...base, ...preview, APP_URL: 'https://app.example.com' }).siwv.appUrl,
    ).toBe('https://app.example.com');
  });

  it('is required in production, and Vercel variables never stand in for it there', () => {
    expect(problemsOf({ ...base, VERCEL: '1', VERCEL_ENV: 'production' })).toEqual([
      'APP_URL: is required',
    ]);
    expect(
      problemsOf({
        ...base,
        ...preview,
        VERCEL_ENV: 'production',
        APP_URL_FROM: 'VERCEL_BRANCH_URL',
      }),
    ).toEqual([
      'APP_URL: is required on production deployments (APP_URL_FROM applies to Vercel preview deployments only)',
    ]);
  });

  it('is not taken from a preview deployment’s variables unless APP_URL_FROM asks for it', () => {
    expect(problemsOf({ ...base, ...preview })).toEqual(['APP_URL: is required']);
  });

  it.each([
    ['VERCEL_BRANCH_URL', 'https://siwv-git-feature-login-team.vercel.app'],
    ['VERCEL_URL', 'https://siwv-7fk2mq9zx-team.vercel.app'],
  ])('on a preview deployment with APP_URL_FROM=%s is %s', (source, origin) => {
    const config = configFromEnv({ ...base, ...preview, APP_URL_FROM: source });
    expect(config.siwv.appUrl).toBe(origin);
  });

  it('on a preview deployment prefers the named variable to an APP_URL meant for production', () => {
    const config = configFromEnv({
      ...base,
      ...preview,
      APP_URL: 'https://app.example.com',
      APP_URL_FROM: 'VERCEL_BRANCH_URL',
    });
    expect(config.siwv.appUrl).toBe('https://siwv-git-feature-login-team.vercel.app');
  });

  it('keeps APP_URL on a developer’s machine even when APP_URL_FROM is set for previews', () => {
    const config = configFromEnv({
      ...base,
      APP_URL: 'http://localhost:3000',
      APP_URL_FROM: 'VERCEL_BRANCH_URL',
    });
    expect(config.siwv.appUrl).toBe('http://localhost:3000');
  });

  it('names what is wrong with APP_URL_FROM', () => {
    expect(problemsOf({ ...base, ...preview, APP_URL_FROM: 'HOST' })).toEqual([
      'APP_URL_FROM: must be VERCEL_BRANCH_URL or VERCEL_URL, got "HOST"',
    ]);
    expect(
      problemsOf({ ...base, VERCEL_ENV: 'preview', APP_URL_FROM: 'VERCEL_BRANCH_URL' }),
    ).toEqual([
      'APP_URL_FROM: VERCEL_BRANCH_URL is not set; enable "Automatically expose System Environment Variables" in the Vercel project settings, or set APP_URL',
    ]);
  });

  it('names the variable a derived origin came from when it is not a bare host', () => {
    expect(
      problemsOf({
        ...base,
        ...preview,
        VERCEL_BRANCH_URL: 'siwv.vercel.app/path',
        APP_URL_FROM: 'VERCEL_BRANCH_URL',
      }),
    ).toEqual([
      expect.stringMatching(
        /^APP_URL_FROM \(VERCEL_BRANCH_URL=siwv\.vercel\.app\/path\): must be an origin only/,
      ),
    ]);
  });

  it('gives a preview deployment secure, __Host- cookies: its origin is https', () => {
    const config = configFromEnv({ ...base, ...preview, APP_URL_FROM: 'VERCEL_URL' });
    expect(resolveOptions(config.siwv).secureCookies).toBe(true);
  });
});

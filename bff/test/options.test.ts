import { describe, expect, it } from 'vitest';
import { resolveOptions, SiwvConfigError } from '../src/options';
import { configFromEnv, EnvConfigError } from '../src/env';

const valid = {
  clientId: 'cl_abc',
  clientSecret: 'shh',
  appUrl: 'https://app.example',
  sessionSecrets: 'x'.repeat(32),
};

describe('plugin options', () => {
  it('resolves defaults and freezes the result', () => {
    const options = resolveOptions(valid);
    expect(options.issuer).toBe('https://vercel.com');
    expect(options.scopes).toEqual(['openid', 'email', 'profile', 'offline_access']);
    expect(options.secureCookies).toBe(true);
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('names every problem at once', () => {
    const error = (() => {
      try {
        resolveOptions({
          clientId: '',
          clientSecret: '',
          appUrl: 'http://app.example/x',
          sessionSecrets: 'short',
          scopes: ['email'],
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SiwvConfigError);
    expect((error as SiwvConfigError).problems.map((p) => p.option).sort()).toEqual(
      ['appUrl', 'clientId', 'clientSecret', 'scopes', 'sessionSecrets'].sort(),
    );
  });

  it('accepts plain http only on loopback', () => {
    expect(
      resolveOptions({
        ...valid,
        appUrl: 'http://localhost:3000',
        issuer: 'http://127.0.0.1:4000',
      }),
    ).toMatchObject({
      secureCookies: false,
      insecureIssuer: true,
    });
    expect(() => resolveOptions({ ...valid, issuer: 'http://vercel.com' })).toThrow(
      /issuer: must use https/,
    );
  });
});

describe('configuration from the environment', () => {
  it('names each wrong variable at startup', () => {
    const error = (() => {
      try {
        configFromEnv({
          APP_URL: 'not a url',
          SESSION_SECRET: 'short',
          PORT: 'eighty',
          LOG_LEVEL: 'loud',
        });
      } catch (e) {
        return e as EnvConfigError;
      }
    })();
    expect(error).toBeInstanceOf(EnvConfigError);
    const text = error!.message;
    for (const name of [
      'VERCEL_APP_CLIENT_ID',
      'VERCEL_APP_CLIENT_SECRET',
      'APP_URL',
      'SESSION_SECRET',
      'PORT',
      'LOG_LEVEL',
    ]) {
      expect(text).toContain(name);
    }
  });

  it('names the session-store variables when they do not fit together', () => {
    const base = {
      VERCEL_APP_CLIENT_ID: 'cl_abc',
      VERCEL_APP_CLIENT_SECRET: 'shh',
      APP_URL: 'http://localhost:3000',
      SESSION_SECRET: 'a'.repeat(32),
    };
    expect(() => configFromEnv({ ...base, SESSION_STORE: 'redis' })).toThrow(
      /SESSION_STORE: "redis" needs/,
    );
    expect(() => configFromEnv({ ...base, REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL: must be a redis:\/\//,
    );
    expect(() => configFromEnv({ ...base, SESSION_IDLE_TIMEOUT_SECONDS: '-5' })).toThrow(
      /SESSION_IDLE_TIMEOUT_SECONDS: must be a positive integer/,
    );
    expect(configFromEnv({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' }).siwv.redis).toBe(
      'redis://127.0.0.1:6379',
    );
  });

  it('reads a comma-separated list of session secrets, newest first', () => {
    const config = configFromEnv({
      VERCEL_APP_CLIENT_ID: 'cl_abc',
      VERCEL_APP_CLIENT_SECRET: 'shh',
      APP_URL: 'http://localhost:3000',
      SESSION_SECRET: `${'a'.repeat(32)}, ${'b'.repeat(32)}`,
    });
    expect(config.siwv.sessionSecrets).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
    expect(config.port).toBe(3001);
  });
});

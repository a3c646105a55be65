import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '../src/security/return-to';

const origin = 'https://app.example';

describe('the return path after sign-in', () => {
  it.each(['/profile', '/profile?tab=token', '/a/b#section', '/'])(
    'keeps the local path %s',
    (path) => {
      expect(safeReturnTo(path, origin)).toBe(path);
    },
  );

  it.each([
    'https://evil.example/',
    'http://app.example.evil/',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/%5Cevil.example',
    '/%2F%2Fevil.example',
    'javascript:alert(1)',
    '/\tjavascript:alert(1)',
    '/\n/evil.example',
    '/%09/evil.example',
    '/.//evil.example',
    '/a/..//evil.example',
    '/%2e//evil.example',
    '/./\\evil.example',
    ' /profile',
    'profile',
    '',
  ])('turns %j into /', (value) => {
    expect(safeReturnTo(value, origin)).toBe('/');
  });

  it.each([undefined, null, 42, ['/a', '/b'], { path: '/a' }])(
    'turns the non-string %j into /',
    (value) => {
      expect(safeReturnTo(value, origin)).toBe('/');
    },
  );

  it('refuses absurdly long values', () => {
    expect(safeReturnTo(`/${'a'.repeat(5000)}`, origin)).toBe('/');
  });
});

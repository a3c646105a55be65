import { escapeHtml } from './html';
import type { TestUser } from './users';

/** "Zoë Ångström" → "ZÅ": the letters a placeholder avatar shows. */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]!.toLocaleUpperCase())
    .join('');
}

/**
 * A small square SVG served by the emulator itself, so the `picture` claim resolves without a
 * network: the emulator and the tests that use it run offline. Grey levels vary per user so
 * avatars tell people apart.
 */
export function avatarSvg(user: TestUser): string {
  const shade = 32 + (parseInt(user.id.slice(-2), 16) % 4) * 48;
  const background = `rgb(${shade},${shade},${shade})`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">',
    `<title>${escapeHtml(user.name)}</title>`,
    `<rect width="128" height="128" fill="${background}"/>`,
    '<text x="64" y="64" dy=".35em" text-anchor="middle" fill="#fff"',
    ' font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"',
    ` font-size="52" font-weight="600">${escapeHtml(initials(user.name))}</text>`,
    '</svg>',
  ].join('');
}

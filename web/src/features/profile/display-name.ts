import type { User } from '@siwv/shared';

/** What to call someone when the IdP left some fields out: name, then username, then email. */
export function displayName(user: Pick<User, 'name' | 'username' | 'email'>): string {
  return user.name?.trim() || user.username?.trim() || user.email?.trim() || 'your Vercel account';
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function firstGrapheme(word: string): string {
  for (const { segment } of graphemes.segment(word)) return segment;
  return '';
}

/**
 * Up to two initials, counted in graphemes rather than UTF-16 units so "Émilie Zoë" gives "ÉZ" and
 * a name in a script without spaces gives its first character.
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return (firstGrapheme(first) + (last ? firstGrapheme(last) : '')).toLocaleUpperCase();
}

import { DEFAULT_PREFIX } from '@siwv/shared';

/**
 * Build-time settings, read and checked once. Vite inlines `import.meta.env.VITE_*` at build time,
 * so a bad value fails the first page load loudly instead of sending requests to a wrong path.
 */
function readApiPrefix(value: string | undefined): string {
  const prefix = value?.trim() || DEFAULT_PREFIX;
  if (!prefix.startsWith('/') || prefix.startsWith('//')) {
    throw new Error(
      `VITE_SIWV_API_PREFIX must be a path on this origin such as "/api", got "${prefix}".`,
    );
  }
  return prefix;
}

export const env = Object.freeze({
  apiPrefix: readApiPrefix(import.meta.env.VITE_SIWV_API_PREFIX),
});

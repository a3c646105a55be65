/**
 * How long a session answer is trusted before a page that mounts asks the BFF again. Coming back to
 * the tab re-checks at once whatever its age, and other tabs of this app announce sign-in and
 * sign-out themselves, so this only bounds how stale the answer can get in a tab nobody leaves.
 */
export const SESSION_STALE_TIME_MS = 30_000;

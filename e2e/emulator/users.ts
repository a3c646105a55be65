import { createHash } from 'node:crypto';

export interface TestUser {
  /** Vercel's user id, 24 hex characters as in its ID token example; used as the `sub` claim. */
  id: string;
  username: string;
  name: string;
  email: string;
  /**
   * Path of the avatar the emulator serves, e.g. `/avatars/ada.svg`, or `null` for a user without
   * one. The `picture` claim is this path resolved against the issuer.
   */
  picture: string | null;
}

/**
 * The accounts offered on the login page. They cover what a client must handle: users with an
 * avatar, and one with neither an avatar (Vercel then sends no `picture` claim at all,
 * https://vercel.com/docs/sign-in-with-vercel/tokens) nor an ASCII name.
 */
export const TEST_USERS: readonly TestUser[] = Object.freeze(
  [
    {
      id: '5f1c2a9e4b7d3c0011aa0001',
      username: 'ada',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      picture: '/avatars/ada.svg',
    },
    {
      id: '5f1c2a9e4b7d3c0011aa0002',
      username: 'grace',
      name: 'Grace Hopper',
      email: 'grace@example.com',
      picture: '/avatars/grace.svg',
    },
    {
      id: '5f1c2a9e4b7d3c0011aa0003',
      username: 'zoe',
      name: 'Zoë Ångström',
      email: 'zoe@example.com',
      picture: null,
    },
  ].map((user) => Object.freeze(user)),
);

export function findUserById(id: string): TestUser | undefined {
  return TEST_USERS.find((user) => user.id === id);
}

export function findUserByUsername(username: string): TestUser | undefined {
  return TEST_USERS.find((user) => user.username === username);
}

export function pictureUrl(user: TestUser, issuer: string): string | undefined {
  return user.picture === null ? undefined : new URL(user.picture, issuer).href;
}

/**
 * The REST API's `avatar` is a SHA-1 hash, not a URL like the `picture` claim
 * (https://vercel.com/docs/rest-api/user/get-the-user).
 */
export function avatarHash(user: TestUser): string | null {
  return user.picture === null ? null : createHash('sha1').update(user.username).digest('hex');
}

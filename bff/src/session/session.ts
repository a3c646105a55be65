import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { UserSchema } from '@siwv/shared/schemas';
import type { TokenSet } from '../oauth/identity-provider';

/** Everything the BFF remembers about a signed-in user. It never leaves the server unsealed. */
export const SessionSchema = Type.Object({
  user: UserSchema,
  accessToken: Type.String({ minLength: 1 }),
  refreshToken: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  /** Access-token expiry, Unix seconds. */
  expiresAt: Type.Integer(),
  /** When the access token was obtained, Unix seconds; with `expiresAt`, its lifetime. */
  obtainedAt: Type.Integer(),
  scopes: Type.Array(Type.String()),
  /** When the user signed in, Unix seconds; bounds the session's absolute lifetime. */
  createdAt: Type.Integer(),
  /** When the session was last used, Unix seconds; for the optional idle timeout. */
  lastSeenAt: Type.Integer(),
});
export type Session = Static<typeof SessionSchema>;

export function isSession(value: unknown): value is Session {
  return Value.Check(SessionSchema, value);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The session's fields that come from a token response. */
export function withTokens(session: Omit<Session, keyof TokenFields>, tokens: TokenSet): Session {
  return {
    ...session,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
    obtainedAt: tokens.obtainedAt,
    scopes: tokens.scopes,
  };
}

type TokenFields = Pick<
  Session,
  'accessToken' | 'refreshToken' | 'expiresAt' | 'obtainedAt' | 'scopes'
>;

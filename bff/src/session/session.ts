import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { UserSchema } from '@siwv/shared/schemas';

/** Everything the BFF remembers about a signed-in user. It never leaves the server unsealed. */
export const SessionSchema = Type.Object({
  user: UserSchema,
  accessToken: Type.String({ minLength: 1 }),
  refreshToken: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  /** Access-token expiry, Unix seconds. */
  expiresAt: Type.Integer(),
  scopes: Type.Array(Type.String()),
  /** When the user signed in, Unix seconds; bounds the session's absolute lifetime. */
  createdAt: Type.Integer(),
});
export type Session = Static<typeof SessionSchema>;

export function isSession(value: unknown): value is Session {
  return Value.Check(SessionSchema, value);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

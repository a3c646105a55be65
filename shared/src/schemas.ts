/**
 * Response schemas of the BFF as JSON Schema (TypeBox). The BFF uses them to validate and serialise
 * its answers; everyone else imports only the inferred types from `@siwv/shared`, so the schema
 * builder never reaches a browser bundle.
 */
import { Type, type Static } from '@sinclair/typebox';
import { errorCodes } from './errors';

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const UserSchema = Type.Object(
  {
    sub: Type.String(),
    name: NullableString,
    email: NullableString,
    username: NullableString,
    picture: NullableString,
  },
  { additionalProperties: false },
);
export type User = Static<typeof UserSchema>;

export const SignedOutSessionSchema = Type.Object(
  { authenticated: Type.Literal(false) },
  { additionalProperties: false },
);

export const SignedInSessionSchema = Type.Object(
  {
    authenticated: Type.Literal(true),
    user: UserSchema,
    /** When the access token expires, in Unix seconds. */
    expiresAt: Type.Integer(),
    scopes: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

export const SessionResponseSchema = Type.Union([SignedOutSessionSchema, SignedInSessionSchema]);
export type SessionResponse = Static<typeof SessionResponseSchema>;
export type SignedInSession = Static<typeof SignedInSessionSchema>;

/** The signed-in user as the identity provider's userinfo endpoint describes them now. */
export const ProfileSchema = Type.Object(
  {
    ...UserSchema.properties,
    emailVerified: Type.Union([Type.Boolean(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type Profile = Static<typeof ProfileSchema>;

/** What introspection says about the session's access token; never the token itself. */
export const TokenInfoSchema = Type.Object(
  {
    active: Type.Boolean(),
    clientId: NullableString,
    tokenType: NullableString,
    subject: NullableString,
    issuer: NullableString,
    /** Unix seconds. */
    issuedAt: Type.Union([Type.Integer(), Type.Null()]),
    /** Unix seconds. */
    expiresAt: Type.Union([Type.Integer(), Type.Null()]),
    sessionId: NullableString,
  },
  { additionalProperties: false },
);
export type TokenInfo = Static<typeof TokenInfoSchema>;

export const ErrorBodySchema = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.Union(errorCodes.map((code) => Type.Literal(code))),
    message: Type.String(),
  },
  { additionalProperties: false },
);

export const HealthSchema = Type.Object({ status: Type.Literal('ok') });

/**
 * Vercel's endpoint paths, served on the emulator's one origin; Vercel itself splits them between
 * vercel.com and api.vercel.com
 * (https://vercel.com/docs/sign-in-with-vercel/authorization-server-api).
 */
export const VERCEL_PATHS = Object.freeze({
  discovery: '/.well-known/openid-configuration',
  jwks: '/.well-known/jwks',
  authorization: '/oauth/authorize',
  token: '/login/oauth/token',
  revocation: '/login/oauth/token/revoke',
  introspection: '/login/oauth/token/introspect',
  userinfo: '/login/oauth/userinfo',
  restUser: '/v2/user',
});

/** The emulator's own pages and test endpoints, which have no Vercel counterpart. */
export const EMULATOR_PATHS = Object.freeze({
  stats: '/__emulator/stats',
  statsReset: '/__emulator/stats/reset',
  interaction: (uid: string) => `/interaction/${encodeURIComponent(uid)}`,
  login: (uid: string) => `/interaction/${encodeURIComponent(uid)}/login`,
  consent: (uid: string) => `/interaction/${encodeURIComponent(uid)}/consent`,
  avatarPattern: /^\/avatars\/([a-z0-9-]+)\.svg$/,
  interactionPattern: /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|consent))?$/,
});

export { siwv } from './plugin';
export { resolveOptions, SiwvConfigError, DEFAULT_ISSUER, DEFAULT_SCOPES } from './options';
export type { SiwvOptions, ResolvedOptions } from './options';
export type { User } from '@siwv/shared';
export { BffError } from './errors';
export { loggerOptions } from './logging';
export { safeReturnTo } from './security/return-to';
export type { SessionStore } from './session/store';
export type { Session } from './session/session';
/** Opens or makes sealed cookie values outside Fastify (operator tools, tests). */
export { createSealer } from './session/seal';

export * from './routes';
export * from './errors';
export * from './client';
export type { User, SessionResponse, SignedInSession, Profile, TokenInfo } from './schemas';

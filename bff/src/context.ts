import type { RouteShorthandOptions } from 'fastify';
import type { ResolvedOptions } from './options';
import type { IdentityProvider } from './oauth/identity-provider';
import type { SessionStore } from './session/store';
import type { TransactionCookie } from './session/transaction';
import type { SessionAccess } from './session/access';
import type { LifetimePolicy } from './session/lifetime';

/** What every route of one plugin instance shares. */
export interface SiwvContext {
  options: ResolvedOptions;
  idp: IdentityProvider;
  store: SessionStore;
  transactions: TransactionCookie;
  sessions: SessionAccess;
  lifetime: LifetimePolicy;
  /** Cookie names to clear on sign-out. */
  cookieNames: readonly string[];
  /** Route options of the sign-in, callback and sign-out routes: their shared rate limit. */
  authRouteConfig: RouteShorthandOptions;
}

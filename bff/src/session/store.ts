import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from './session';

/** Where sessions live: a sealed cookie (the default) or Redis behind an opaque id. */
export interface SessionStore {
  readonly kind: 'cookie' | 'redis';
  /** The request's session, or null when there is none or it cannot be trusted. */
  load(request: FastifyRequest): Promise<Session | null>;
  /** Starts a new session (a new id, never the one the browser came with) and sets its cookie. */
  create(request: FastifyRequest, reply: FastifyReply, session: Session): Promise<void>;
  /** Writes the request's session back, before the reply leaves. */
  update(request: FastifyRequest, reply: FastifyReply, session: Session): Promise<void>;
  /** Forgets the request's session and clears its cookie. */
  destroy(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /**
   * Forgets every session of a user and returns them, so their tokens can be revoked.
   * Only a server-side store can; the cookie store answers null.
   */
  destroyAllOfUser(sub: string): Promise<Session[] | null>;
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from './session';

/** Where sessions live. The default keeps them in a sealed cookie; the interface admits others. */
export interface SessionStore {
  /** The request's session, or null when there is none or it cannot be trusted. */
  load(request: FastifyRequest): Promise<Session | null>;
  /** Persists the session and sets whatever cookie the browser needs, before the reply leaves. */
  save(request: FastifyRequest, reply: FastifyReply, session: Session): Promise<void>;
  /** Forgets the session and clears its cookie. */
  destroy(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

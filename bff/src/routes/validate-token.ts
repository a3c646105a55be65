import type { FastifyInstance } from 'fastify';
import type { IntrospectionResponse } from 'oauth4webapi';
import { routes, type TokenInfo } from '@siwv/shared';
import { TokenInfoSchema } from '@siwv/shared/schemas';
import type { SiwvContext } from '../context';
import { assertCsrfHeader } from '../security/csrf';

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const seconds = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

/** The facts introspection gives about a token, trimmed to what a UI may show. */
export function tokenInfoFromIntrospection(response: IntrospectionResponse): TokenInfo {
  return {
    active: response.active === true,
    clientId: text(response.client_id),
    tokenType: text(response.token_type),
    subject: text(response.sub),
    issuer: text(response.iss),
    issuedAt: seconds(response.iat),
    expiresAt: seconds(response.exp),
    sessionId: text(response.session_id),
  };
}

export function validateTokenRoute(fastify: FastifyInstance, ctx: SiwvContext) {
  fastify.get(
    routes.validateToken,
    { schema: { response: { 200: TokenInfoSchema } } },
    async (request, reply) => {
      assertCsrfHeader(request);
      reply.header('cache-control', 'no-store');
      const session = await ctx.sessions.require(request, reply);
      return tokenInfoFromIntrospection(await ctx.idp.introspect(session.accessToken));
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { UserInfoResponse } from 'oauth4webapi';
import { routes, type Profile } from '@siwv/shared';
import { ProfileSchema } from '@siwv/shared/schemas';
import type { SiwvContext } from '../context';
import { assertCsrfHeader } from '../security/csrf';

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export function profileFromUserInfo(info: UserInfoResponse): Profile {
  return {
    sub: info.sub,
    name: text(info.name),
    email: text(info.email),
    username: text(info.preferred_username),
    picture: text(info.picture),
    emailVerified: typeof info.email_verified === 'boolean' ? info.email_verified : null,
  };
}

/**
 * The signed-in user as userinfo describes them now. Not `/v2/user`: that needs API permissions
 * that are in private beta and answers 403 or a limited shape to Sign in with Vercel tokens.
 */
export function profileRoute(fastify: FastifyInstance, ctx: SiwvContext) {
  fastify.get(
    routes.profile,
    { schema: { response: { 200: ProfileSchema } } },
    async (request, reply) => {
      assertCsrfHeader(request);
      reply.header('cache-control', 'no-store');
      const session = await ctx.sessions.require(request, reply);
      return profileFromUserInfo(await ctx.idp.userInfo(session.accessToken, session.user.sub));
    },
  );
}

import type { FastifyError, FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import fastifyCookie from '@fastify/cookie';
import { routes, sessionEndingErrorCodes } from '@siwv/shared';
import { BffError, errorBody } from './errors';
import { resolveOptions, type SiwvOptions } from './options';
import { createIdentityProvider } from './oauth/identity-provider';
import { createSessionBackend } from './session/create-store';
import { createLifetimePolicy } from './session/lifetime';
import { authRateLimit } from './security/rate-limit';
import { createTransactionCookie } from './session/transaction';
import { createSessionAccess } from './session/access';
import { cookieNames } from './session/cookies';
import type { SiwvContext } from './context';
import { authorizeRoute } from './routes/authorize';
import { callbackRoute } from './routes/callback';
import { signoutRoute } from './routes/signout';
import { sessionRoute } from './routes/session';
import { profileRoute } from './routes/profile';
import { validateTokenRoute } from './routes/validate-token';
import { healthRoute } from './routes/health';

function toBffError(error: FastifyError | BffError): BffError {
  if (error instanceof BffError) return error;
  const fastifyError: FastifyError = error;
  // Fastify's own 4xx (bad JSON, unsupported media type, body too large, schema validation).
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500)
    return new BffError('bad_request', fastifyError.code);
  return new BffError('internal_error', fastifyError.message);
}

const siwvPlugin: FastifyPluginAsync<SiwvOptions> = async (fastify: FastifyInstance, input) => {
  const options = resolveOptions(input);
  // Register the cookie parser only if the host app has not already done so.
  if (!fastify.hasRequestDecorator('cookies')) await fastify.register(fastifyCookie);

  const redirectUri = `${options.appOrigin}${fastify.prefix}${routes.callback}`;
  const idp = createIdentityProvider(options, redirectUri, fastify.log);
  const lifetime = createLifetimePolicy(options);
  const backend = await createSessionBackend(options, lifetime, fastify.log);
  fastify.addHook('onClose', backend.close);
  const authRouteConfig = await authRateLimit(fastify, options, backend.redis);
  const names = cookieNames(options);
  const ctx: SiwvContext = {
    options,
    idp,
    store: backend.store,
    lifetime,
    transactions: createTransactionCookie(options),
    sessions: createSessionAccess(backend.store, idp, backend.coordinator, lifetime),
    cookieNames: [names.session, names.transaction],
    authRouteConfig,
  };

  fastify.setErrorHandler<FastifyError | BffError>(async (error, request, reply) => {
    const failure = toBffError(error);
    const level = failure.statusCode >= 500 ? 'error' : 'info';
    request.log[level]({ code: failure.code, detail: failure.detail }, 'request refused');
    if (!(error instanceof BffError) && failure.statusCode >= 500) {
      request.log.error({ err: error }, 'unexpected error');
    }
    if (sessionEndingErrorCodes.includes(failure.code)) {
      // The provider refused the session's tokens, or described another account: end the
      // session in this same response, so the SPA's next look at the session says signed out.
      await ctx.store.destroy(request, reply).catch(() => undefined);
    }
    return reply
      .code(failure.statusCode)
      .header('cache-control', 'no-store')
      .send(errorBody(failure.code));
  });
  fastify.addHook('onSend', async (_request, reply) => {
    // Every answer here is JSON or a redirect; never let a browser sniff it into something else.
    reply.header('x-content-type-options', 'nosniff');
  });
  fastify.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send(errorBody('not_found')),
  );

  for (const register of [
    authorizeRoute,
    callbackRoute,
    signoutRoute,
    sessionRoute,
    profileRoute,
    validateTokenRoute,
    healthRoute,
  ]) {
    register(fastify, ctx);
  }
};

/**
 * Sign in with Vercel as a Fastify plugin. Register it under the prefix the SPA calls (`/api` for
 * the bundled SPA); its routes stay inside that prefix.
 */
export const siwv = fp(siwvPlugin, {
  fastify: '5.x',
  name: '@siwv/bff',
  // Keep the routes, error handler and not-found handler inside the host's chosen prefix.
  encapsulate: true,
});

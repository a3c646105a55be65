/**
 * The baseline: a plain Fastify 5 server with one route that answers the JSON that
 * `GET /api/auth/session` answers for a signed-in user, with no plugin, no cookie parsing, no
 * unsealing and no logger. Plain JavaScript, so its cold start is Node's and Fastify's alone.
 * Environment: PORT, BASELINE_BODY (the JSON to answer).
 */
import Fastify from 'fastify';

const body = JSON.parse(process.env.BASELINE_BODY ?? '{"authenticated":false}');
const app = Fastify({ logger: false });
app.get('/api/auth/session', async (_request, reply) => {
  reply.header('cache-control', 'no-store');
  return body;
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${app.server.address().port}\n`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    app.close().finally(() => process.exit(0));
  });
}

import { paths } from '@siwv/shared';
import { row, spread, type Section } from '../figures';
import { runLoad } from '../load/run-load';
import { cpuMicros } from '../processes';
import type { LoadResult } from '../load/types';
import type { Plan } from '../plan';
import type { Server } from '../services';
import { apiHeaders } from '../sign-in';

export interface ThroughputTargets {
  baseline: Server;
  cookieBff: Server;
  cookieSession: string;
  redisBff: Server;
  redisSession: string;
}

type Target = 'baseline' | 'cookie' | 'redis' | 'authorize';
type Measured = LoadResult & { cpuMicrosPerRequest: number };

/**
 * Sections 1–3. Each round loads the baseline and the three BFF routes one after another, the
 * starting point rotating from round to round so that no target always runs first or last.
 */
export async function measureThroughput(t: ThroughputTargets, plan: Plan): Promise<Section[]> {
  // Warm-up and measurement are two load processes, so that the server's CPU time can be read
  // around the measured one alone.
  const load = async (
    server: Server,
    path: string,
    headers: Record<string, string>,
    expectStatus: number,
  ): Promise<Measured> => {
    const request = {
      url: `${server.origin}${path}`,
      headers,
      connections: plan.connections,
      warmupSeconds: 0,
      expectStatus,
    };
    await runLoad({ ...request, durationSeconds: plan.warmupSeconds });
    const before = cpuMicros(server.process.pid);
    const result = await runLoad({ ...request, durationSeconds: plan.durationSeconds });
    const cpu = cpuMicros(server.process.pid) - before;
    return { ...result, cpuMicrosPerRequest: cpu / result.requests };
  };
  const targets: Record<Target, () => Promise<Measured>> = {
    // The same cookie and CSRF header go to the baseline, so both parse requests of one size.
    baseline: () => load(t.baseline, paths.session, apiHeaders(t.cookieSession), 200),
    cookie: () => load(t.cookieBff, paths.session, apiHeaders(t.cookieSession), 200),
    redis: () => load(t.redisBff, paths.session, apiHeaders(t.redisSession), 200),
    authorize: () => load(t.cookieBff, `${paths.authorize}?returnTo=/profile`, {}, 302),
  };
  const order = Object.keys(targets) as Target[];
  const results: Record<Target, Measured[]> = {
    baseline: [],
    cookie: [],
    redis: [],
    authorize: [],
  };
  for (let round = 0; round < plan.rounds; round += 1) {
    for (let step = 0; step < order.length; step += 1) {
      const target = order[(round + step) % order.length]!;
      const result = await targets[target]();
      results[target].push(result);
      console.log(
        `  round ${round + 1} ${target.padEnd(9)} ${result.rps.toFixed(0).padStart(6)} req/s  ` +
          `p99 ${result.latencyMs.p99.toFixed(2)} ms  ${result.cpuMicrosPerRequest.toFixed(0)} µs CPU/request`,
      );
    }
  }
  const rps = (target: Target) => spread(results[target].map((r) => r.rps));
  const p99 = (target: Target) => spread(results[target].map((r) => r.latencyMs.p99));
  const cpu = (target: Target) => spread(results[target].map((r) => r.cpuMicrosPerRequest));
  const baselineCpu = { name: 'bare Fastify', value: cpu('baseline') };
  const baselineRps = { name: 'bare Fastify', value: rps('baseline') };
  const baselineP99 = { name: 'bare Fastify', value: p99('baseline') };
  const budget = (target: Target, minimum: number) => {
    const ratio = rps(target).median / baselineRps.value.median;
    return { text: `≥ ${minimum} of baseline req/s`, met: ratio >= minimum };
  };
  const method =
    `autocannon, ${plan.connections} connections, ${plan.warmupSeconds} s warm-up then ` +
    `${plan.durationSeconds} s measured, ${plan.rounds} rounds; the baseline is a plain Fastify ` +
    'server in its own process answering the same JSON. Server CPU per request is the user + ' +
    "system time of the server's process during the measured load over the answers it gave.";

  return [
    {
      id: 'session-cookie',
      title: '1. `GET /api/auth/session`, sealed-cookie store',
      method: `${method} The session comes from a real sign-in at the emulator.`,
      rows: [
        row('baseline (bare Fastify) requests/s', 'req/s', rps('baseline')),
        row('baseline (bare Fastify) p99', 'ms', p99('baseline')),
        row('baseline (bare Fastify) server CPU per request', 'µs', cpu('baseline')),
        row('BFF requests/s', 'req/s', rps('cookie'), baselineRps, budget('cookie', 0.8)),
        row('BFF p99', 'ms', p99('cookie'), baselineP99),
        row('BFF server CPU per request', 'µs', cpu('cookie'), baselineCpu),
      ],
      notes: [],
    },
    {
      id: 'session-redis',
      title: '2. `GET /api/auth/session`, Redis store',
      method: `${method} A private redis-server on loopback holds the session.`,
      rows: [
        row('BFF requests/s', 'req/s', rps('redis'), baselineRps, budget('redis', 0.6)),
        row('BFF p99', 'ms', p99('redis'), baselineP99),
        row('BFF server CPU per request', 'µs', cpu('redis'), baselineCpu),
      ],
      notes: [],
    },
    {
      id: 'authorize',
      title: '3. `GET /api/auth/authorize`',
      method: `${method} Each answer is a 302 with a new state, nonce and PKCE verifier sealed into a cookie.`,
      rows: [
        row('BFF requests/s', 'req/s', rps('authorize'), baselineRps),
        row('BFF p99', 'ms', p99('authorize'), baselineP99),
        row('BFF server CPU per request', 'µs', cpu('authorize'), baselineCpu),
      ],
      notes: [],
    },
  ];
}

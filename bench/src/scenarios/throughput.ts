import { paths } from '@siwv/shared';
import { row, spread, type Section } from '../figures';
import { runLoad } from '../load/run-load';
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

/**
 * Sections 1–3. Each round loads the baseline and the three BFF routes one after another, the
 * starting point rotating from round to round so that no target always runs first or last.
 */
export async function measureThroughput(t: ThroughputTargets, plan: Plan): Promise<Section[]> {
  const load = (url: string, headers: Record<string, string>, expectStatus: number) =>
    runLoad({
      url,
      headers,
      connections: plan.connections,
      warmupSeconds: plan.warmupSeconds,
      durationSeconds: plan.durationSeconds,
      expectStatus,
    });
  const targets: Record<Target, () => Promise<LoadResult>> = {
    // The same cookie and CSRF header go to the baseline, so both parse requests of one size.
    baseline: () => load(`${t.baseline.origin}${paths.session}`, apiHeaders(t.cookieSession), 200),
    cookie: () => load(`${t.cookieBff.origin}${paths.session}`, apiHeaders(t.cookieSession), 200),
    redis: () => load(`${t.redisBff.origin}${paths.session}`, apiHeaders(t.redisSession), 200),
    authorize: () => load(`${t.cookieBff.origin}${paths.authorize}?returnTo=/profile`, {}, 302),
  };
  const order = Object.keys(targets) as Target[];
  const results: Record<Target, LoadResult[]> = { baseline: [], cookie: [], redis: [], authorize: [] };
  for (let round = 0; round < plan.rounds; round += 1) {
    for (let step = 0; step < order.length; step += 1) {
      const target = order[(round + step) % order.length]!;
      const result = await targets[target]();
      results[target].push(result);
      console.log(
        `  round ${round + 1} ${target.padEnd(9)} ${result.rps.toFixed(0).padStart(6)} req/s  p99 ${result.latencyMs.p99.toFixed(2)} ms`,
      );
    }
  }
  const rps = (target: Target) => spread(results[target].map((r) => r.rps));
  const p99 = (target: Target) => spread(results[target].map((r) => r.latencyMs.p99));
  const baselineRps = { name: 'bare Fastify', value: rps('baseline') };
  const baselineP99 = { name: 'bare Fastify', value: p99('baseline') };
  const budget = (target: Target, minimum: number) => {
    const ratio = rps(target).median / baselineRps.value.median;
    return { text: `≥ ${minimum} of baseline req/s`, met: ratio >= minimum };
  };
  const method =
    `autocannon, ${plan.connections} connections, ${plan.warmupSeconds} s warm-up then ` +
    `${plan.durationSeconds} s measured, ${plan.rounds} rounds; the baseline is a plain Fastify ` +
    'server in its own process answering the same JSON.';

  return [
    {
      id: 'session-cookie',
      title: '1. `GET /api/auth/session`, sealed-cookie store',
      method: `${method} The session comes from a real sign-in at the emulator.`,
      rows: [
        row('baseline (bare Fastify) requests/s', 'req/s', rps('baseline')),
        row('baseline (bare Fastify) p99', 'ms', p99('baseline')),
        row('BFF requests/s', 'req/s', rps('cookie'), baselineRps, budget('cookie', 0.8)),
        row('BFF p99', 'ms', p99('cookie'), baselineP99),
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
      ],
      notes: [],
    },
  ];
}

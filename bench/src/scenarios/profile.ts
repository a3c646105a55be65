import { paths } from '@siwv/shared';
import { row, spread, type Section } from '../figures';
import { runLoad } from '../load/run-load';
import type { LoadResult } from '../load/types';
import type { Plan } from '../plan';
import type { Emulator, Server } from '../services';
import { apiHeaders } from '../sign-in';

/**
 * Section 4: `GET /api/profile` through the BFF against calling the emulator's userinfo with the
 * same access token, one connection each, rounds interleaved.
 */
export async function measureProfile(
  bff: Server,
  session: string,
  emulator: Emulator,
  accessToken: string,
  plan: Plan,
): Promise<Section> {
  const load = (url: string, headers: Record<string, string>) =>
    runLoad({
      url,
      headers,
      connections: 1,
      warmupSeconds: plan.warmupSeconds,
      durationSeconds: plan.latencyDurationSeconds,
      expectStatus: 200,
    });
  // The issuer names `localhost`; the emulator listens on 127.0.0.1 only.
  const userinfo = `${emulator.issuer.replace('//localhost', '//127.0.0.1')}/login/oauth/userinfo`;
  const direct: LoadResult[] = [];
  const viaBff: LoadResult[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    direct.push(await load(userinfo, { authorization: `Bearer ${accessToken}` }));
    viaBff.push(await load(`${bff.origin}${paths.profile}`, apiHeaders(session)));
    const [d, b] = [direct.at(-1)!, viaBff.at(-1)!];
    console.log(
      `  round ${round + 1} userinfo p50 ${d.latencyMs.p50.toFixed(2)} ms p99 ${d.latencyMs.p99.toFixed(2)} ms` +
        ` | via BFF p50 ${b.latencyMs.p50.toFixed(2)} ms p99 ${b.latencyMs.p99.toFixed(2)} ms`,
    );
  }
  const pick = (results: LoadResult[], key: 'p50' | 'p99') =>
    spread(results.map((r) => r.latencyMs[key]));
  const added = (key: 'p50' | 'p99') =>
    spread(viaBff.map((r, index) => r.latencyMs[key] - direct[index]!.latencyMs[key]));
  const directP50 = { name: 'userinfo direct', value: pick(direct, 'p50') };
  const directP99 = { name: 'userinfo direct', value: pick(direct, 'p99') };
  return {
    id: 'profile',
    title: '4. `GET /api/profile` against the emulator’s userinfo',
    method:
      `autocannon, 1 connection, ${plan.warmupSeconds} s warm-up then ${plan.latencyDurationSeconds} s ` +
      `measured, ${plan.rounds} rounds, each round calling userinfo directly with the session's ` +
      'access token and then the BFF; the emulator runs in its own process.',
    rows: [
      row('userinfo direct p50', 'ms', directP50.value),
      row('userinfo direct p99', 'ms', directP99.value),
      row('via BFF p50', 'ms', pick(viaBff, 'p50'), directP50),
      row('via BFF p99', 'ms', pick(viaBff, 'p99'), directP99),
      row('added by the BFF, p50', 'ms', added('p50')),
      row('added by the BFF, p99', 'ms', added('p99')),
    ],
    notes: [],
  };
}

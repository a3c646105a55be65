import { paths } from '@siwv/shared';
import { row, spread, type Section } from '../figures';
import { runLoad } from '../load/run-load';
import type { Plan } from '../plan';
import { residentSetBytes, sleep } from '../processes';
import type { Server } from '../services';
import { apiHeaders } from '../sign-in';

/** Growth from the first round to the last beyond this share counts as growing. */
const GROWTH_TOLERANCE = 0.1;

/**
 * Section 8: a BFF process of its own under `GET /api/auth/session` load, its resident set read
 * from /proc one second after each round; compared with the bare Fastify server's after its share
 * of sections 1–3.
 */
export async function measureMemory(
  bff: Server,
  session: string,
  baselineRss: number,
  plan: Plan,
): Promise<Section> {
  const idle = residentSetBytes(bff.process.pid);
  const rounds: number[] = [];
  const rps: number[] = [];
  for (let round = 0; round < plan.memoryRounds; round += 1) {
    const result = await runLoad({
      url: `${bff.origin}${paths.session}`,
      headers: apiHeaders(session),
      connections: plan.connections,
      warmupSeconds: 0,
      durationSeconds: plan.memoryLoadSeconds,
      expectStatus: 200,
    });
    await sleep(1000);
    rounds.push(residentSetBytes(bff.process.pid));
    rps.push(result.rps);
    console.log(
      `  round ${round + 1}: RSS ${(rounds.at(-1)! / 2 ** 20).toFixed(1)} MiB after ${result.requests} requests`,
    );
  }
  const first = rounds[0]!;
  const last = rounds.at(-1)!;
  const growth = (last - first) / first;
  const one = (value: number) => spread([value]);
  const baseline = { name: 'bare Fastify', value: one(baselineRss) };
  return {
    id: 'memory',
    title: '8. Memory of the BFF under load',
    method:
      `A fresh BFF process (sealed-cookie store), ${plan.memoryRounds} rounds of ` +
      `${plan.memoryLoadSeconds} s of \`GET /api/auth/session\` at ${plan.connections} connections; ` +
      'the resident set (VmRSS) one second after each round. The comparison is the bare Fastify ' +
      'server after its rounds in sections 1–3.',
    rows: [
      row('idle, after start and one sign-in', 'bytes', one(idle), baseline),
      ...rounds.map((rss, index) =>
        row(
          `after round ${index + 1} (${(rps[index]! / 1000).toFixed(1)}k req/s)`,
          'bytes',
          one(rss),
          baseline,
          index === rounds.length - 1
            ? {
                text: `no growth over ${Math.round(GROWTH_TOLERANCE * 100)}% from round 1`,
                met: growth <= GROWTH_TOLERANCE,
              }
            : undefined,
        ),
      ),
    ],
    notes: [
      `From round 1 to round ${rounds.length}: ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}% ` +
        `(${((last - first) / 2 ** 20).toFixed(1)} MiB).`,
    ],
  };
}

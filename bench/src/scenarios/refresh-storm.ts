import { paths } from '@siwv/shared';
import { row, spread, type Section } from '../figures';
import { runLoad } from '../load/run-load';
import type { LoadResult } from '../load/types';
import type { Plan } from '../plan';
import type { Emulator, Server } from '../services';
import { sleep } from '../processes';
import { apiHeaders, signIn } from '../sign-in';

interface StormRound {
  grants: number;
  expired: LoadResult;
  fresh: LoadResult;
}

async function refreshGrants(emulator: Emulator): Promise<number> {
  return (await emulator.stats()).grants.refresh_token ?? 0;
}

/**
 * One round: sign in, send the storm once while the token is fresh (the comparison: no refresh at
 * all), wait until the access token has expired, send the storm again and count the refresh grants
 * the emulator answered in between.
 */
async function stormRound(bff: Server, emulator: Emulator, plan: Plan): Promise<StormRound> {
  const storm = (cookie: string) =>
    runLoad(
      {
        url: `${bff.origin}${paths.profile}`,
        headers: apiHeaders(cookie),
        connections: plan.stormRequests,
        amount: plan.stormRequests,
        warmupSeconds: 0,
        durationSeconds: 0,
        expectStatus: 200,
      },
      { checkStatus: false },
    );
  const cookie = await signIn(bff.origin);
  const signedInAt = Date.now();
  const fresh = await storm(cookie);
  const beforeExpiry = await refreshGrants(emulator);
  await sleep(Math.max(0, signedInAt + (plan.stormTokenTtlSeconds + 1) * 1000 - Date.now()));
  const expired = await storm(cookie);
  return { grants: (await refreshGrants(emulator)) - beforeExpiry, expired, fresh };
}

/** Section 5, for each store: the sealed cookie (one instance) and Redis. */
export async function measureRefreshStorm(
  stores: { name: string; bff: Server }[],
  emulator: Emulator,
  plan: Plan,
): Promise<Section> {
  const rows = [];
  const notes: string[] = [];
  for (const { name, bff } of stores) {
    const rounds: StormRound[] = [];
    for (let round = 0; round < plan.rounds; round += 1) {
      const result = await stormRound(bff, emulator, plan);
      rounds.push(result);
      console.log(
        `  ${name} round ${round + 1}: ${result.grants} refresh grant(s), ` +
          `${JSON.stringify(result.expired.statuses)}, p99 ${result.expired.latencyMs.p99.toFixed(1)} ms ` +
          `(fresh token: p99 ${result.fresh.latencyMs.p99.toFixed(1)} ms)`,
      );
    }
    const grants = spread(rounds.map((r) => r.grants));
    const served = spread(rounds.map((r) => r.expired.requests));
    const freshP99 = {
      name: 'same storm, fresh token',
      value: spread(rounds.map((r) => r.fresh.latencyMs.p99)),
    };
    rows.push(
      row(`${name}: refresh grants per storm`, 'grants', grants, undefined, {
        text: '= 1',
        met: grants.min === 1 && grants.max === 1,
      }),
      row(`${name}: answered 200 of ${plan.stormRequests}`, 'requests', served, undefined, {
        text: `= ${plan.stormRequests}`,
        met: served.min === plan.stormRequests,
      }),
      row(`${name}: same storm, fresh token, p99`, 'ms', freshP99.value),
      row(
        `${name}: p99 of the storm`,
        'ms',
        spread(rounds.map((r) => r.expired.latencyMs.p99)),
        freshP99,
      ),
    );
    const other = rounds.flatMap((r) =>
      Object.entries(r.expired.statuses).filter(([status]) => status !== '200'),
    );
    if (other.length > 0)
      notes.push(`${name}: other answers in the storm: ${JSON.stringify(other)}.`);
  }
  return {
    id: 'refresh-storm',
    title: `5. Refresh storm: ${plan.stormRequests} concurrent \`GET /api/profile\` on one expired session`,
    method:
      `The emulator issues access tokens for ${plan.stormTokenTtlSeconds} s. Each round signs in, ` +
      `sends ${plan.stormRequests} requests at once (${plan.stormRequests} autocannon connections, ` +
      'one request each) while the token is fresh, waits until it has expired and sends them again; ' +
      `grants are the emulator's refresh_token grants during the second storm. ${plan.rounds} rounds a store.`,
    rows,
    notes,
  };
}

/**
 * Durations, chosen so that the whole bench stays under ten minutes on a 2-core machine. With
 * `BENCH_QUICK=1` every phase is cut short, to check the bench itself; figures from a quick run are
 * not worth writing down, so it writes its reports to a temporary folder instead of docs/.
 */
export interface Plan {
  quick: boolean;
  rounds: number;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** section 4: one connection, so the figures are latency, not queueing */
  latencyDurationSeconds: number;
  /** section 5 */
  stormRequests: number;
  stormTokenTtlSeconds: number;
  /** section 6 */
  coldStarts: number;
  /** section 7 */
  pageLoads: number;
  /** section 8 */
  memoryRounds: number;
  memoryLoadSeconds: number;
}

export function planFromEnv(env: NodeJS.ProcessEnv = process.env): Plan {
  const quick = env.BENCH_QUICK === '1';
  return {
    quick,
    rounds: quick ? 1 : 3,
    connections: 32,
    warmupSeconds: quick ? 1 : 2,
    durationSeconds: quick ? 2 : 8,
    latencyDurationSeconds: quick ? 2 : 5,
    stormRequests: 100,
    stormTokenTtlSeconds: 6,
    coldStarts: quick ? 2 : 5,
    pageLoads: quick ? 2 : 5,
    memoryRounds: 3,
    memoryLoadSeconds: quick ? 3 : 60,
  };
}

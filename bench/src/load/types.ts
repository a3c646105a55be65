export interface LoadRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  connections: number;
  /** Load that is thrown away before measuring: JIT, connection pools, caches. */
  warmupSeconds: number;
  durationSeconds: number;
  /** Instead of a duration: exactly this many requests (spread over the connections), no warm-up. */
  amount?: number;
  /** Only answers with this status count as served; the others are reported. */
  expectStatus: number;
}

export interface LoadResult {
  /** answers with the expected status */
  requests: number;
  seconds: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

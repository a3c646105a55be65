/**
 * The load generator, run in a process of its own so that it never shares an event loop with the
 * server under test. Takes a `LoadRequest` as JSON in argv[2], prints one `result {json}` line.
 *
 * autocannon's own latency histogram has whole-millisecond buckets; the exact duration of each
 * response (from `process.hrtime`) is kept here instead, so that sub-millisecond figures mean
 * something.
 */
import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './types';

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

function run(request: LoadRequest, record: boolean): Promise<LoadResult> {
  const durations: number[] = [];
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        method: request.method ?? 'GET',
        headers: request.headers ?? {},
        connections: request.connections,
        ...(request.amount !== undefined
          ? { amount: request.amount }
          : { duration: record ? request.durationSeconds : request.warmupSeconds }),
        timeout: 10,
      },
      (error, result) => {
        if (error) return reject(error);
        const sorted = Float64Array.from(durations).sort();
        const expected = durations.length;
        const seconds = result.duration;
        resolve({
          requests: expected,
          seconds,
          rps: expected / seconds,
          latencyMs: {
            p50: percentile(sorted, 50),
            p90: percentile(sorted, 90),
            p99: percentile(sorted, 99),
            max: sorted.length ? sorted[sorted.length - 1]! : NaN,
            mean: sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1),
          },
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    (instance as unknown as NodeJS.EventEmitter).on(
      'response',
      (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
        statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
        if (statusCode === request.expectStatus) durations.push(responseTime);
      },
    );
  });
}

const request = JSON.parse(process.argv[2] ?? '{}') as LoadRequest;
if (request.warmupSeconds > 0 && request.amount === undefined) await run(request, false);
const result = await run(request, true);
process.stdout.write(`result ${JSON.stringify(result)}\n`);

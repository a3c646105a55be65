import { fileURLToPath } from 'node:url';
import { launch } from '../processes';
import type { LoadRequest, LoadResult } from './types';

const worker = fileURLToPath(new URL('./worker.ts', import.meta.url));

/**
 * Runs autocannon in a child process against a loopback URL and returns what it measured. Fails
 * when more than 1% of the answers were not the expected status, so that a misconfigured target
 * can never pass for a fast one (unless `checkStatus` is off: the caller then reports the statuses).
 */
export async function runLoad(
  request: LoadRequest,
  { checkStatus = true }: { checkStatus?: boolean } = {},
): Promise<LoadResult> {
  const host = new URL(request.url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host))
    throw new Error(`load is only ever sent to loopback, not ${host}`);
  const child = launch('autocannon', process.execPath, [
    '--import',
    'tsx',
    worker,
    JSON.stringify(request),
  ]);
  const code = await child.exited;
  const line = child
    .output()
    .split('\n')
    .find((text) => text.startsWith('result '));
  if (code !== 0 || !line) throw new Error(`autocannon failed (${code}):\n${child.output()}`);
  const result = JSON.parse(line.slice('result '.length)) as LoadResult;
  const answered = Object.values(result.statuses).reduce((sum, count) => sum + count, 0);
  const unexpected = answered - result.requests + result.errors + result.timeouts;
  if (checkStatus && (result.requests === 0 || unexpected > 0.01 * Math.max(answered, 1))) {
    throw new Error(
      `${request.url}: expected ${request.expectStatus}, got ${JSON.stringify(result.statuses)}, ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return result;
}

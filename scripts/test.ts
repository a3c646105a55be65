/**
 * `pnpm test`: every suite, then one plain summary line summed from the runners' JSON reports
 * (their own closing lines differ in shape). Exits non-zero when anything failed or a runner
 * produced no report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = `${root}reports`;
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const only = process.argv.slice(2);
const run = (name: string) => only.length === 0 || only.includes(name);

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function execute(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } })
    .status;
}

if (run('unit')) {
  const file = `${reports}/vitest.json`;
  execute(
    process.execPath,
    [
      `${root}node_modules/vitest/vitest.mjs`,
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
    ],
    root,
  );
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    total.passed += report.numPassedTests;
    total.failed += report.numFailedTests;
    total.skipped += report.numPendingTests + report.numTodoTests;
    // A file that fails to load counts no tests but is a failure all the same.
    if (report.numFailedTestSuites > 0 && report.numFailedTests === 0)
      total.failed += report.numFailedTestSuites;
  } else {
    console.error('vitest produced no JSON report');
    broken = true;
  }
}

if (run('e2e')) {
  const file = `${reports}/playwright.json`;
  execute(
    process.execPath,
    [`${root}e2e/node_modules/@playwright/test/cli.js`, 'test'],
    `${root}e2e`,
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    },
  );
  if (existsSync(file)) {
    const { stats, errors } = JSON.parse(readFileSync(file, 'utf8'));
    total.passed += stats.expected + stats.flaky;
    total.failed += stats.unexpected;
    total.skipped += stats.skipped;
    // Errors outside tests (a web server that never started, a config error) fail the run.
    if (Array.isArray(errors) && errors.length > 0 && stats.unexpected === 0)
      total.failed += errors.length;
  } else {
    console.error('Playwright produced no JSON report');
    broken = true;
  }
}

if (broken) total.failed += 1;
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`,
);
process.exit(total.failed > 0 ? 1 : 0);

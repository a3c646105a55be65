/**
 * `pnpm bench`: starts what it measures (a private redis-server, the Vercel emulator, BFF
 * processes, a bare Fastify baseline, a static server for the SPA, Chromium), loads each with
 * autocannon from a process of its own on loopback, stops everything it started by PID and writes
 * docs/benchmarks.md and docs/benchmarks.json. Not part of the test run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { createSealer, type Session } from '@siwv/bff';
import { paths } from '@siwv/shared';
import type { Section } from './figures';
import { planFromEnv } from './plan';
import { interrupted, residentSetBytes, stop, stopAll, stopAllOnExit } from './processes';
import { machine, writeReport } from './report';
import { functionBundle, measureColdStart } from './scenarios/cold-start';
import { measureMemory } from './scenarios/memory';
import { measureProfile } from './scenarios/profile';
import { measureRefreshStorm } from './scenarios/refresh-storm';
import { measureSpa } from './scenarios/spa';
import { measureThroughput } from './scenarios/throughput';
import {
  bundleBff,
  ROOT,
  SESSION_SECRET,
  startBaseline,
  startBff,
  startEmulator,
  startRedis,
} from './services';
import { getJson, signIn } from './sign-in';

const plan = planFromEnv();
const began = performance.now();
const date = new Date().toISOString();
const loadAtStart = loadavg()[0]!;
const workDir = mkdtempSync(join(tmpdir(), 'siwv-bench-'));
stopAllOnExit(() => rmSync(workDir, { recursive: true, force: true }));

const phase = (title: string) =>
  console.log(`\n[${((performance.now() - began) / 1000).toFixed(0)} s] ${title}`);

async function prettify(path: string): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(readFileSync(path, 'utf8'), { ...options, filepath: path }));
}

async function main(): Promise<Section[]> {
  const sections: Section[] = [];

  phase('bundling the BFF; starting redis-server, the emulator and two BFFs');
  await bundleBff(workDir);
  const redis = await startRedis();
  const emulator = await startEmulator();
  const cookieBff = await startBff('BFF (cookie store)', emulator.issuer);
  const redisBff = await startBff('BFF (Redis store)', emulator.issuer, {
    SESSION_STORE: 'redis',
    REDIS_URL: redis.url,
  });
  const cookieSession = await signIn(cookieBff.origin);
  const redisSession = await signIn(redisBff.origin);
  const body = await getJson(`${cookieBff.origin}${paths.session}`, cookieSession);
  const baseline = await startBaseline(body);

  phase('1–3: session and authorize throughput');
  sections.push(
    ...(await measureThroughput(
      { baseline, cookieBff, cookieSession, redisBff, redisSession },
      plan,
    )),
  );
  const baselineRss = residentSetBytes(baseline.process.pid);
  await stop(baseline.process);
  await stop(redisBff.process);

  phase('4: profile through the BFF against userinfo');
  const sealed = decodeURIComponent(cookieSession.slice(cookieSession.indexOf('=') + 1));
  const session = (await createSealer([SESSION_SECRET], 'session').unseal(
    sealed,
  )) as Session | null;
  if (!session) throw new Error('the session cookie does not open with the bench secret');
  sections.push(
    await measureProfile(cookieBff, cookieSession, emulator, session.accessToken, plan),
  );

  phase('5: refresh storm');
  const shortLived = await startEmulator(plan.stormTokenTtlSeconds);
  const stormCookie = await startBff('BFF (cookie store, short tokens)', shortLived.issuer);
  const stormRedis = await startBff('BFF (Redis store, short tokens)', shortLived.issuer, {
    SESSION_STORE: 'redis',
    REDIS_URL: redis.url,
  });
  sections.push(
    await measureRefreshStorm(
      [
        { name: 'cookie store', bff: stormCookie },
        { name: 'Redis store', bff: stormRedis },
      ],
      shortLived,
      plan,
    ),
  );
  await Promise.all([
    stop(stormCookie.process),
    stop(stormRedis.process),
    stop(shortLived.process),
  ]);

  phase('6: cold start of the serverless function');
  const bundle = await functionBundle(workDir);
  sections.push(await measureColdStart(bundle, emulator.issuer, cookieSession, plan));

  phase('7: the SPA in Chromium');
  sections.push(await measureSpa(cookieBff, workDir, plan));
  await stop(cookieBff.process);

  phase('8: memory over three rounds of load');
  const memoryBff = await startBff('BFF (memory)', emulator.issuer);
  const memorySession = await signIn(memoryBff.origin);
  sections.push(await measureMemory(memoryBff, memorySession, baselineRss, plan));
  return sections;
}

let failed = false;
try {
  const sections = await main();
  const report = {
    date,
    machine: machine(loadAtStart),
    plan,
    elapsedSeconds: (performance.now() - began) / 1000,
    sections,
  };
  const dir = plan.quick ? workDir : `${ROOT}docs`;
  const markdownPath = join(dir, 'benchmarks.md');
  const jsonPath = join(dir, 'benchmarks.json');
  writeReport(report, markdownPath, jsonPath);
  await Promise.all([prettify(markdownPath), prettify(jsonPath)]);
  phase(`wrote ${markdownPath} and ${jsonPath}`);
  const missed = sections.flatMap((s) => s.rows.filter((r) => r.budget && !r.budget.met));
  for (const row of missed) console.log(`  budget missed: ${row.figure} (${row.budget!.text})`);
} catch (error) {
  failed = true;
  if (!interrupted()) console.error(error);
} finally {
  await stopAll();
  if (!plan.quick) rmSync(workDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

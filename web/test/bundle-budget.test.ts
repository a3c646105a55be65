// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type Manifest } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'siwv-web-budget-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Initial JavaScript of `/`, gzipped; docs/benchmarks.md has the measured figure and its parts. */
const BUDGET_BYTES = 120 * 1024;
/** The module that the router renders at `/` (the index route's `lazy`). */
const HOME_ROUTE = 'src/app/routes/home.tsx';

/** A chunk and every chunk it imports statically: what the browser fetches before running it. */
function withStaticImports(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) withStaticImports(manifest, imported, into);
  return into;
}

describe('the production SPA bundle', () => {
  it(`loads at most ${BUDGET_BYTES / 1024} KB of gzipped JavaScript for /`, async () => {
    // Vitest sets NODE_ENV=test, which would bundle React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        root,
        mode: 'production',
        logLevel: 'silent',
        build: { outDir, emptyOutDir: true, manifest: true },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const manifest = JSON.parse(
      readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'),
    ) as Manifest;
    const [entry] = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
    expect(entry, 'the build has no entry chunk').toBeDefined();
    const [entryKey, entryChunk] = entry!;
    expect(
      entryChunk.dynamicImports ?? [],
      `${HOME_ROUTE} is no longer a lazy route of the entry; update HOME_ROUTE`,
    ).toContain(HOME_ROUTE);

    const keys = withStaticImports(manifest, HOME_ROUTE, withStaticImports(manifest, entryKey));
    const files = [...keys].map((key) => {
      const file = manifest[key]!.file;
      return { file, gzip: gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length };
    });
    const total = files.reduce((sum, { gzip }) => sum + gzip, 0);
    const breakdown = files.map(({ file, gzip }) => `${file} ${(gzip / 1024).toFixed(1)} KB`);
    expect(
      total,
      `/ loads ${(total / 1024).toFixed(1)} KB of gzipped JavaScript: ${breakdown.join(', ')}`,
    ).toBeLessThanOrEqual(BUDGET_BYTES);
  }, 60_000);
});

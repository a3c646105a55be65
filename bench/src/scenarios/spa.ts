import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { row, spread, type Section } from '../figures';
import type { Plan } from '../plan';
import { launch, stop } from '../processes';
import { ROOT, type Server } from '../services';

export const SPA_BUDGET_BYTES = 120 * 1024;
export const SPA_AIM_BYTES = 90 * 1024;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface PageLoad {
  requests: number;
  jsFiles: { url: string; bytes: number; gzip: number }[];
  fcpMs: number;
}

async function loadPage(browser: Browser, url: string): Promise<PageLoad> {
  // A new context each time: an empty cache, like a first visit.
  const context = await browser.newContext();
  const page = await context.newPage();
  let requests = 0;
  const scripts: Promise<{ url: string; bytes: number; gzip: number }>[] = [];
  page.on('request', () => (requests += 1));
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push(
      response.body().then((body) => ({
        url: new URL(response.url()).pathname,
        bytes: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
      })),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const fcpMs = await page.evaluate(() => {
    const [paint] = performance.getEntriesByName('first-contentful-paint');
    return paint ? paint.startTime : NaN;
  });
  const jsFiles = await Promise.all(scripts);
  await context.close();
  if (Number.isNaN(fcpMs)) throw new Error(`${url}: no first contentful paint`);
  return { requests, jsFiles, fcpMs };
}

/** The app's HTML and stylesheet with a line of text and no script: what a page costs without JS. */
function writeStaticPage(dir: string): string {
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="modulepreload"[^>]*>/g, '')
    .replace('<div id="root"></div>', '<main><h1>Sign in with Vercel</h1></main>');
  writeFileSync(join(dir, 'static-page.html'), html);
  return '/static-page.html';
}

/** Section 7: the production build, served locally, loaded in Chromium. */
export async function measureSpa(bff: Server, workDir: string, plan: Plan): Promise<Section> {
  const out = join(workDir, 'spa');
  const vite = launch(
    'vite build',
    process.execPath,
    [`${ROOT}web/node_modules/vite/bin/vite.js`, 'build', '--outDir', out, '--emptyOutDir'],
    { cwd: `${ROOT}web` },
  );
  if ((await vite.exited) !== 0) throw new Error(`vite build failed:\n${vite.output()}`);
  const staticPath = writeStaticPage(out);
  const server = launch(
    'spa server',
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('../servers/spa.ts', import.meta.url))],
    { env: { ...process.env, SPA_ROOT: out, BFF_ORIGIN: bff.origin, PORT: '0' } },
  );
  const [, port] = await server.waitFor(/listening (\d+)/);
  const origin = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const app: PageLoad[] = [];
  const bare: PageLoad[] = [];
  try {
    // Not counted: the first start of a renderer and the first read of the files.
    await loadPage(browser, `${origin}/`);
    await loadPage(browser, `${origin}${staticPath}`);
    for (let run = 0; run < plan.pageLoads; run += 1) {
      app.push(await loadPage(browser, `${origin}/`));
      bare.push(await loadPage(browser, `${origin}${staticPath}`));
      console.log(
        `  load ${run + 1}: / FCP ${app.at(-1)!.fcpMs.toFixed(0)} ms, ${app.at(-1)!.requests} requests; ` +
          `static page FCP ${bare.at(-1)!.fcpMs.toFixed(0)} ms`,
      );
    }
  } finally {
    await browser.close();
    await stop(server);
  }

  const gzipTotal = (load: PageLoad) => load.jsFiles.reduce((sum, file) => sum + file.gzip, 0);
  const rawTotal = (load: PageLoad) => load.jsFiles.reduce((sum, file) => sum + file.bytes, 0);
  const gzip = spread(app.map(gzipTotal));
  const budget = { name: 'budget 120 KB', value: spread(app.map(() => SPA_BUDGET_BYTES)) };
  const files = app[0]!.jsFiles.map(
    (file) => `\`${file.url}\` ${(file.gzip / 1024).toFixed(1)} KB`,
  );
  return {
    id: 'spa',
    title: '7. The SPA: what `/` loads',
    method:
      `\`vite build\` of web/, served from loopback by bench/src/servers/spa.ts (\`/api\` forwarded to ` +
      `the BFF, so \`/\` shows the signed-out home page), loaded ${plan.pageLoads} times in Debian's ` +
      'Chromium (headless, new context each time: empty cache) until the network is idle. JavaScript ' +
      'is every script response, gzipped at level 9 by the bench; requests are all requests of the ' +
      'page. The comparison page is the same HTML and stylesheet with a heading and no script.',
    rows: [
      row('JavaScript, gzip', 'bytes', gzip, budget, {
        text: '≤ 120 KB (aim < 90 KB)',
        met: gzip.max <= SPA_BUDGET_BYTES,
      }),
      row('JavaScript, uncompressed', 'bytes', spread(app.map(rawTotal))),
      row('requests', 'requests', spread(app.map((l) => l.requests)), {
        name: 'static page',
        value: spread(bare.map((l) => l.requests)),
      }),
      row('first contentful paint', 'ms', spread(app.map((l) => l.fcpMs)), {
        name: 'static page',
        value: spread(bare.map((l) => l.fcpMs)),
      }),
    ],
    notes: [`Scripts loaded by \`/\`: ${files.join(', ')}.`],
  };
}

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { avatarSvg } from './avatars';
import { sendEmpty, sendJson } from './http';
import { handleInteraction } from './interactions';
import { EMULATOR_PATHS, VERCEL_PATHS } from './paths';
import type { StatsRecorder } from './stats';
import { findUserByUsername } from './users';
import { handleIntrospection, handleRestUser } from './vercel-endpoints';

export interface RouterSetup {
  provider: Provider;
  stats: StatsRecorder;
  log: (line: string) => void;
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendJson(res, 405, { error: 'method_not_allowed' }, { allow });
}

function countWhenAnswered(res: ServerResponse, record: () => void): void {
  res.on('finish', () => {
    if (res.statusCode >= 200 && res.statusCode < 300) record();
  });
}

/**
 * One origin, two kinds of routes: what Vercel serves differently from oidc-provider (and the
 * emulator's own pages) is answered here, everything else is oidc-provider's.
 */
export function createRouter({ provider, stats, log }: RouterSetup): RequestListener {
  const providerCallback = provider.callback();

  async function route(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (pathname === VERCEL_PATHS.introspection) {
      countWhenAnswered(res, () => stats.recordIntrospection());
      return handleIntrospection(provider, req, res);
    }
    if (pathname === VERCEL_PATHS.restUser) return handleRestUser(provider, req, res);
    if (pathname === EMULATOR_PATHS.stats) {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET');
      return sendJson(res, 200, stats.snapshot());
    }
    if (pathname === EMULATOR_PATHS.statsReset) {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      stats.reset();
      return sendEmpty(res, 204);
    }
    const avatar = EMULATOR_PATHS.avatarPattern.exec(pathname);
    if (avatar) {
      const user = findUserByUsername(avatar[1]!);
      if (!user?.picture) return sendJson(res, 404, { error: 'not_found' });
      const svg = avatarSvg(user);
      res.writeHead(200, {
        'content-type': 'image/svg+xml',
        'cache-control': 'public, max-age=3600',
      });
      res.end(svg);
      return;
    }
    const interaction = EMULATOR_PATHS.interactionPattern.exec(pathname);
    if (interaction) {
      const step = interaction[2] as 'login' | 'consent' | undefined;
      return handleInteraction(provider, req, res, interaction[1]!, step);
    }

    if (pathname === VERCEL_PATHS.revocation)
      countWhenAnswered(res, () => stats.recordRevocation());
    if (pathname === VERCEL_PATHS.userinfo) countWhenAnswered(res, () => stats.recordUserinfo());
    await providerCallback(req, res);
  }

  return (req, res) => {
    const started = performance.now();
    // Paths only: query strings carry state, codes and challenges, which no log line may hold.
    const pathname = new URL(req.url ?? '/', 'http://emulator.invalid').pathname;
    res.on('finish', () => {
      log(
        `${req.method} ${pathname} ${res.statusCode} ${Math.round(performance.now() - started)}ms`,
      );
    });
    route(req, res, pathname).catch((error: unknown) => {
      log(
        `error on ${req.method} ${pathname}: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: 'server_error' });
    });
  };
}

import { buildApp } from './app';
import { runServer } from './run-server';

/** Runs the standalone BFF (no SPA): `PORT` (default 3001), `HOST` (default 127.0.0.1). */
await runServer(buildApp);

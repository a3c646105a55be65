/**
 * The local Vercel emulator in a process of its own, so that the BFF's upstream calls cross a real
 * socket and the emulator's work never lands on the BFF's event loop. Options as JSON in argv[2];
 * prints `ready <issuer>` once listening. Counters are read over HTTP at `/__emulator/stats`.
 */
import { startEmulator, type EmulatorOptions } from '@siwv/e2e';

const options = JSON.parse(process.argv[2] ?? '{}') as EmulatorOptions;
const emulator = await startEmulator({ ...options, port: 0, host: '127.0.0.1' });
process.stdout.write(`ready ${emulator.issuer}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    emulator.close().finally(() => process.exit(0));
  });
}

export { startEmulator, type RunningEmulator } from './emulator';
export { DEFAULT_CLIENT, type EmulatorClient, type EmulatorOptions } from './options';
export type { EmulatorStats } from './stats';
export { TEST_USERS, type TestUser } from './users';
export { completeAuthorization } from './authorize-client';
export { CANCELED_DESCRIPTION } from './interactions';
export { VERCEL_PATHS } from './paths';

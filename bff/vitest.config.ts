import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'bff',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Each file starts its own emulator on a free port; they are independent.
    testTimeout: 20_000,
  },
});

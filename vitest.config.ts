import { defineConfig } from 'vitest/config';

// One vitest run covers every package: each package declares its own project.
export default defineConfig({
  test: {
    projects: ['shared', 'bff', 'web', 'e2e'],
  },
});

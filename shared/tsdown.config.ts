import { defineConfig } from 'tsdown';

/**
 * The published package: one ESM file per entry with its declarations, and the code they share
 * (the client, whose `ApiError` both `.` and `./query` must agree on) in one common chunk.
 * TypeBox and TanStack Query stay imports: a dependency and an optional peer dependency.
 */
export default defineConfig({
  entry: { index: 'src/index.ts', schemas: 'src/schemas.ts', query: 'src/query.ts' },
  format: 'esm',
  // Runs in browsers (the SPA) and in Node.js (the BFF).
  platform: 'neutral',
  target: 'es2022',
  fixedExtension: false,
  outDir: 'dist',
  clean: true,
  tsconfig: 'tsconfig.build.json',
  dts: true,
});

import { defineConfig } from 'tsdown';

/**
 * The published package: the plugin's public surface (`src/index.ts`) as one ESM file with its
 * declarations. Dependencies and peer dependencies stay imports, `@siwv/shared` included: it is
 * published beside this package (docs/decisions/010-publishing-the-bff.md).
 */
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // `.js` and `.d.ts`: the package is `"type": "module"`.
  fixedExtension: false,
  outDir: 'dist',
  clean: true,
  tsconfig: 'tsconfig.build.json',
  dts: true,
});

import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/artifact.ts', 'src/local/index.ts'],
  format: ['esm'],
  target: 'node20',
  dts: true,
  clean: true,
  sourcemap: true,
  // Only needed to build the zip from source; the package ships the zip.
  external: ['esbuild'],
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Two pages, built into dist/ and packaged by Maven as the jar's static resources: the console at / and GraphiQL
// at /graphiql. Everything they load is bundled here: nothing comes from another origin at run time.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // GraphiQL's react-compiler-runtime says "use no memo" at module level, which bundling drops: harmless.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        console: resolve(import.meta.dirname, 'index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql/index.html'),
      },
    },
  },
});

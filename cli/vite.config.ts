// Builds the command line to dist/cli.js (run by bin/refresh-lens.js): Node 20
// cannot run the TypeScript sources, and tsx is only a devDependency.
// An SSR build targets Node and leaves node_modules (playwright-core) external.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  publicDir: false,
  build: {
    ssr: here('./main.ts'),
    outDir: here('../dist'),
    // dist/ may hold other builds' output: only cli.js is ours.
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'cli.js' } },
  },
});

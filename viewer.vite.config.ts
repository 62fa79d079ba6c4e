// Builds the standalone viewer (src/viewer) into viewer/: a static page with
// relative asset paths, so it can be served from any directory of any host.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./src/viewer'),
  base: './',
  publicDir: false,
  plugins: [preact()],
  build: {
    outDir: here('./viewer'),
    emptyOutDir: true,
    target: 'chrome120',
  },
});

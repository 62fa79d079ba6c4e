// Builds the demo app (demo/app) to demo/dist, served by `npm run demo`.
// axios comes from npm and is bundled: the page has no window.axios.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./app'),
  base: '/',
  // The demo's own public/ is not used; this keeps the repo's from leaking in.
  publicDir: false,
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'chrome120',
    // No polyfill code ahead of the app: its first statement is its first request.
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1' },
});

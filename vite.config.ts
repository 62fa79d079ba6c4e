import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import manifest from './manifest.json' with { type: 'json' };

// Both content scripts must be standalone IIFEs: crxjs's default async loader
// runs after the page's first scripts and would miss the earliest requests.
const standaloneFiles = ['src/inject/index.ts', 'src/bridge/index.ts'];

export default defineConfig({
  plugins: [preact(), crx({ manifest, contentScripts: { standaloneFiles } })],
  build: {
    outDir: 'extension',
    emptyOutDir: true,
    target: 'chrome120',
    // The panel page is named only in devtools.panels.create(), which crxjs
    // cannot see, so it is listed here.
    rollupOptions: { input: { panel: 'src/panel/panel.html' } },
  },
  server: { host: '127.0.0.1' },
});

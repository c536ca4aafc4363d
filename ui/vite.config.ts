/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// Set by `tauri dev` when targeting a device on the network (mobile); unset on desktop.
const devHost = process.env.TAURI_DEV_HOST;
const isVitest = process.env.VITEST !== undefined;

export default defineConfig({
  plugins: [svelte()],
  // Tauri prints its own (Rust) output in the same terminal; do not wipe it.
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    host: devHost ?? false,
    hmr: devHost ? { protocol: 'ws', host: devHost, port: 1421 } : undefined,
  },
  envPrefix: ['VITE_', 'TAURI_ENV_*'],
  resolve: {
    alias: {
      $lib: fileURLToPath(new URL('./src/lib', import.meta.url)),
      $ipc: fileURLToPath(new URL('./src/ipc', import.meta.url)),
    },
    // Components under test must resolve Svelte's client runtime, not its server build.
    conditions: isVitest ? ['browser'] : undefined,
  },
  build: {
    // WebKitGTK 2.4x (Linux), WKWebView (macOS) and WebView2 (Windows) all run ES2022.
    target: ['es2022'],
    outDir: 'dist',
    emptyOutDir: true,
    minify: !process.env.TAURI_ENV_DEBUG,
    sourcemap: !!process.env.TAURI_ENV_DEBUG,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
});

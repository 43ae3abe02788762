/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The build goes straight into the server's web root (git-ignored): src/Server serves it at / with a history fallback.
// `npm run dev` serves on 5173 and proxies the API to a server started with the README's run command.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../Server/wwwroot',
    emptyOutDir: true,
    sourcemap: false,
    // bpmn-js (diagram) and form-js (task form) are split off by dynamic imports; the werkvoorraad loads neither.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:5080', '/health': 'http://127.0.0.1:5080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['test/setup.ts'],
  },
});

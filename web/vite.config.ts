import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

const bffOrigin = process.env.BFF_ORIGIN ?? 'http://localhost:3001';

/**
 * The BFF compares `Origin` with the app URL (http://localhost:3000) and sets host-only cookies, so
 * the proxy must forward the browser's `Host` and `Origin` untouched: `changeOrigin` stays off and
 * no cookie domain or path is rewritten. To the browser, `/api` is simply part of this origin.
 */
const apiProxy: Record<string, ProxyOptions> = {
  '/api': { target: bffOrigin, changeOrigin: false, ws: false },
};

export default defineConfig({
  plugins: [react()],
  // `cors: false`: Vite would otherwise answer CORS preflights for any localhost origin itself,
  // before the proxy, where the BFF relies on never answering them (its CSRF header defence).
  server: { host: 'localhost', port: 3000, strictPort: true, cors: false, proxy: apiProxy },
  preview: { host: 'localhost', port: 3000, strictPort: true, cors: false, proxy: apiProxy },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});

/**
 * Builds the SPA into dist/ (and, with --ssr, its server renderer into dist-ssr/). In `npm run dev`, /api is proxied to a Runboard server
 * (RUNBOARD_API_URL, default http://127.0.0.1:8080), so start one with `npm start` first.
 */
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react(), tailwindcss()],
  // `vite build --ssr src/web/entry-server.tsx --outDir dist-ssr` builds the server's renderer:
  // the same components for Node, their packages left to node_modules, no public files.
  build: isSsrBuild ? { copyPublicDir: false } : { outDir: 'dist', sourcemap: true },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': process.env.RUNBOARD_API_URL ?? 'http://127.0.0.1:8080',
    },
  },
}))

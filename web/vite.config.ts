import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

const backend = process.env.TUIJIN_DEV_BACKEND ?? 'http://127.0.0.1:8080'

// Element Plus components used in templates are imported on demand (with their
// CSS) by unplugin-vue-components; services such as ElMessage are imported by
// hand in src/ui/feedback.ts.
export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: 'src/components.d.ts',
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    // dist/.gitkeep is committed so that go:embed always finds the folder;
    // scripts/clean-dist.mjs removes the old build but keeps it.
    emptyOutDir: false,
    chunkSizeWarningLimit: 1200,
  },
})

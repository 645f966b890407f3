import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['tests/unit/**/*.spec.ts'],
      // Element Plus ships ES modules that import CSS: let Vite handle them.
      server: { deps: { inline: ['element-plus'] } },
    },
  }),
)

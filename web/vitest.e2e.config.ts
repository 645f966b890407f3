import { defineConfig } from 'vitest/config'

// Browser tests: one file, run in order, against a real server started by
// e2e/harness.ts. Kept apart from the unit tests (npm run test:unit).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
    maxWorkers: 1,
    sequence: { concurrent: false },
  },
})

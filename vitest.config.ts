import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // the embedded database holds a file lock per folder: test files run one after another
    fileParallelism: false,
  },
});

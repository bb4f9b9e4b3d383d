// Test runner configuration: tests sit beside the code as *.test.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{models,agents,targets,tracing,eval,store,reports,content,queue,cli}/**/*.test.ts', 'examples/**/*.test.ts', 'index.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

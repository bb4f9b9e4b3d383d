// Test runner configuration: tests sit beside the code as *.test.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{models,agents,targets,tracing,eval,store,reports,content,queue,cli}/**/*.test.ts', 'examples/**/*.test.ts', 'index.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['./vitest.global-setup.ts'],
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine. Most test files
    // wait on HTTP, child processes and databases rather than compute, so two files at a time roughly
    // halve the suite's wall time there (.ci/run must finish within 15 minutes on 2 cores).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

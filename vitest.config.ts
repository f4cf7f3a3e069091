import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'hardware/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    // Each file in its own process: native modules, child hubs and ports stay isolated.
    pool: 'forks',
    // Two files at a time even on two cores (vitest's default there is one): most of a test's time is
    // spent waiting on child processes, Chromium and timers. CI went from 20 to 12 minutes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A poll waits for what the screens and stations show; a loaded 2-core machine, running two
    // Chromium suites side by side, has taken more than 5 s (counter.e2e in CI): 10 s, a pass is as fast.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
  },
});

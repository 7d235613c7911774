import { defineConfig } from 'vitest/config';
import { defaultWalkPlugin } from './vite.plugins';

export default defineConfig({
  plugins: [defaultWalkPlugin()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.mjs'],
    environment: 'node',
    pool: 'threads',
    // The property tests walk every scenario; on a shared 2-core machine that can take seconds.
    testTimeout: 30_000,
  },
});

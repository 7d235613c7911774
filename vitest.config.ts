import { defineConfig } from 'vitest/config';
import { defaultWalkPlugin } from './vite.plugins';

export default defineConfig({
  plugins: [defaultWalkPlugin()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.mjs'],
    environment: 'node',
    pool: 'threads',
  },
});

// Finds a Chromium for Playwright without downloading one (this project's CI cannot reach
// Playwright's CDN). Order: an explicit env var, Debian's package, Playwright's own browser.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Paths where a distribution's Chromium lives, Debian's first. */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Env vars a user can set to point at a browser binary. */
export const CHROMIUM_ENV_VARS = ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'];

/**
 * @returns {{ path: string | undefined, source: string } | undefined}
 *   `path` undefined means "Playwright's own browser": launch without executablePath.
 */
export function findChromium(env = process.env) {
  for (const name of CHROMIUM_ENV_VARS) {
    const value = env[name];
    if (value) {
      if (!existsSync(value)) {
        throw new Error(
          `${name}=${value} does not exist. Unset it or point it at a Chromium binary.`,
        );
      }
      return { path: value, source: `env ${name}` };
    }
  }
  for (const candidate of SYSTEM_CHROMIUM_PATHS) {
    if (existsSync(candidate)) return { path: candidate, source: 'system package' };
  }
  try {
    const { chromium } = require('playwright-core');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { path: undefined, source: `Playwright's own (${own})` };
  } catch {
    // playwright-core not resolvable or no registry entry: fall through.
  }
  return undefined;
}

/**
 * Flags for a root, offline, headless container. Without the background-networking flags
 * Chromium keeps dialling Google hosts that this network refuses.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

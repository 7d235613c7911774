#!/usr/bin/env node
// Makes sure `npm test` has a Chromium: finds one, or installs Debian's package when this is a
// Debian machine and we are root; otherwise stops with a message that says what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

function log(message) {
  process.stdout.write(`[chromium] ${message}\n`);
}

const found = findChromium();
if (found) {
  log(`using ${found.path ?? 'Playwright browser'} (${found.source})`);
  process.exit(0);
}

const isDebian = existsSync('/etc/debian_version');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isDebian && isRoot) {
  log('no Chromium found; installing Debian package "chromium" with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => execFileSync('apt-get', args, { stdio: 'inherit', env });
  try {
    run(['install', '-y', '--no-install-recommends', 'chromium']);
  } catch {
    // Package lists may be stale or absent on a fresh image.
    run(['update']);
    run(['install', '-y', '--no-install-recommends', 'chromium']);
  }
  const after = findChromium();
  if (after) {
    log(`installed: ${after.path}`);
    process.exit(0);
  }
}

process.stderr.write(
  [
    'No Chromium found for the end-to-end tests.',
    'Install one of:',
    '  - Debian/Ubuntu: sudo apt-get install chromium',
    '  - any OS with network access to the Playwright CDN: npx playwright install chromium',
    '  - or set CHROMIUM_PATH=/path/to/chromium',
    '',
  ].join('\n'),
);
process.exit(1);

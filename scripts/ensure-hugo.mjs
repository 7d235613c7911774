#!/usr/bin/env node
// Makes sure the end-to-end tests have a Hugo (the Hugo embed test builds a real site): finds
// one, or installs Debian's package when this is a Debian machine and we are root; otherwise
// stops with a message that says what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findHugo, MIN_HUGO, versionAtLeast } from './hugo.mjs';

function log(message) {
  process.stdout.write(`[hugo] ${message}\n`);
}

const min = MIN_HUGO.join('.');
const found = findHugo();
if (found && versionAtLeast(found.version)) {
  log(`using ${found.path} ${found.version.join('.')} (${found.source})`);
  process.exit(0);
}
if (found) log(`${found.path} is Hugo ${found.version.join('.')}; the tests need ${min} or later`);

const isDebian = existsSync('/etc/debian_version');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!found && isDebian && isRoot) {
  log('no Hugo found; installing Debian package "hugo" with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => execFileSync('apt-get', args, { stdio: 'inherit', env });
  try {
    run(['install', '-y', '--no-install-recommends', 'hugo']);
  } catch {
    // Package lists may be stale or absent on a fresh image.
    run(['update']);
    run(['install', '-y', '--no-install-recommends', 'hugo']);
  }
  const after = findHugo();
  if (after && versionAtLeast(after.version)) {
    log(`installed: ${after.path} ${after.version.join('.')}`);
    process.exit(0);
  }
}

process.stderr.write(
  [
    `No Hugo ${min} or later found for the end-to-end tests.`,
    'Install one of:',
    '  - Debian/Ubuntu: sudo apt-get install hugo',
    '  - any OS: a release from https://github.com/gohugoio/hugo/releases',
    '  - or set HUGO_PATH=/path/to/hugo',
    '',
  ].join('\n'),
);
process.exit(1);

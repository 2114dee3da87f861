// Makes `npm start` and `npm test` work on a fresh clone: installs the npm
// dependencies when they are missing and, for tests, checks for Chromium.
// Plain JavaScript: it runs before anything is installed.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needBrowser = process.argv.includes('--browser');

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('Installing npm dependencies (first run)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}

if (needBrowser && !process.env.CHROMIUM_PATH && !existsSync('/usr/bin/chromium')) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log("Installing Debian's chromium for the browser tests…");
    execSync('apt-get update -qq && apt-get install -y -qq chromium', { stdio: 'inherit' });
  } else {
    console.error(
      'The browser tests need Chromium: install it (Debian: `sudo apt-get install chromium`) ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
    process.exit(1);
  }
}

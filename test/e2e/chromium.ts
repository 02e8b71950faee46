/**
 * Debian's Chromium for the browser tests, driven by playwright-core. The flags keep it off the
 * network this machine does not have (without them it keeps trying to reach Google's services).
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Browser tests are skipped where Chromium is not installed (CI installs it). */
export const hasChromium = existsSync(CHROMIUM);

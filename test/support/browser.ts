import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (browser downloads are impossible here). The flags keep
 * it from reaching for the network at start, which this machine's closed network refuses.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

import { type Browser, chromium, type Page } from 'playwright-core';

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

/** axe-core's serious and critical violations on the page: rule id and the first offending element (the page's CSP must let the inline script run: `bypassCSP`). */
export async function axeViolations(p: Page): Promise<string[]> {
  await p.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await p.evaluate<{ id: string; impact: string; nodes: { target: string[] }[] }[]>('axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)');
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}

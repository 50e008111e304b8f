// Debian's chromium driven by puppeteer-core: never a downloaded browser. Tests that need it skip,
// saying why, when it is absent (`.ci/run` installs it first, so CI always runs them).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';

export const chromiumPath = process.env['CHROMIUM_BIN'] || '/usr/bin/chromium';

export function chromiumSkipReason(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  return `chromium not found at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_BIN): browser tests skipped`;
}

/** Flags for a headless run on a machine with no GPU, no sandbox and no network. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<OpenBrowser> {
  const { launch } = await import('puppeteer-core');
  const profile = mkdtempSync(join(tmpdir(), 'anecc-chromium-'));
  const browser = await launch({ executablePath: chromiumPath, headless: true, args: FLAGS, userDataDir: profile, timeout: 60_000 });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

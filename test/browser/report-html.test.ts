/// <reference lib="dom" />
// The HTML report in a real browser: no console error, no request leaves the page, the highlighted
// cells are exactly the JSON's differences, groups collapse, the filter narrows, numbers switch base.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { diffReportSchema, type DiffReport } from '../../src/tools/index.js';
import { runAnecc } from '../helpers/cli.js';
import { corpusDir, corpusSkipReason, repoRoot } from '../../support/corpus.js';
import { chromiumSkipReason, launchChromium, type OpenBrowser } from './chromium.js';

const skip = corpusSkipReason() ?? chromiumSkipReason();
if (skip) console.log(skip);

/** Screenshots land here (gitignored) for a person to look at. */
const outputDir = join(repoRoot, 'test-output', 'report-html');
const files = ['mul.hwx', 'mul_macos14.hwx', 'mul_macos26_m1.hwx'].map((f) => join(corpusDir() ?? '', f));

describe.skipIf(skip !== undefined)('HTML report in headless Chromium', () => {
  let open: OpenBrowser;
  let work: string;
  let page: Page;
  let report: DiffReport;
  const problems: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'anecc-html-'));
    mkdirSync(outputDir, { recursive: true });
    const html = join(work, 'report.html');
    const made = await runAnecc(['diff', ...files, '--format', 'html', '-o', html]);
    expect(made.exitCode).toBe(1);
    const json = await runAnecc(['diff', ...files, '--format', 'json']);
    report = diffReportSchema.parse(JSON.parse(json.stdout));
    open = await launchChromium();
    page = await open.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await open?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const visibleRows = (): Promise<string[]> =>
    page.$$eval('#report tr.row', (rows) => rows.filter((r) => (r as HTMLElement).offsetParent !== null).map((r) => r.getAttribute('data-where') ?? ''));

  it('should load with no console error and no request off the page', async () => {
    await page.screenshot({ path: join(outputDir, 'diff-3-files.png'), fullPage: true });
    await page.screenshot({ path: join(outputDir, 'diff-3-files-top.png') });
    expect(problems).toEqual([]);
    expect(await page.title()).toContain('anecc diff');
  });

  it('should highlight exactly the cells the JSON reports as changed', async () => {
    const highlighted = await page.$$eval('#report td.v.changed', (cells) =>
      cells.map((c) => `${c.closest('tr')?.getAttribute('data-where')}#${c.getAttribute('data-file')}`),
    );
    const expected = report.rows.flatMap((r) => r.changed.flatMap((c, i) => (c ? [`${r.where}#${i}`] : [])));
    expect(expected.length).toBeGreaterThan(50);
    expect(highlighted.sort()).toEqual(expected.sort());
    // Shown by default: only the differing rows.
    expect((await visibleRows()).sort()).toEqual(report.rows.map((r) => r.where).sort());
  });

  it('should collapse and expand a group', async () => {
    const group = 'tbody[data-group="task 0 NE"]';
    const rowsIn = (): Promise<number> => page.$$eval(`${group} tr.row`, (rows) => rows.filter((r) => (r as HTMLElement).offsetParent !== null).length);
    expect(await rowsIn()).toBe(2);
    await page.click(`${group} .group-head button`);
    expect(await rowsIn()).toBe(0);
    expect(await page.$eval(`${group} .group-head button`, (b) => b.getAttribute('aria-expanded'))).toBe('false');
    await page.click(`${group} .group-head button`);
    expect(await rowsIn()).toBe(2);
  });

  it('should narrow the rows to the filter and restore them', async () => {
    await page.type('#filter', 'KernelCfg');
    // The register and its bit field row (KernelCfg PalettizedBits).
    expect(await visibleRows()).toEqual(['task[0].reg.0xc800', 'task[0].reg.0xc800.PalettizedBits']);
    await page.screenshot({ path: join(outputDir, 'diff-filtered.png') });
    await page.$eval('#filter', (i) => {
      (i as HTMLInputElement).value = '';
      i.dispatchEvent(new Event('input'));
    });
    expect((await visibleRows()).length).toBe(report.rows.length);
  });

  it('should switch numbers between hex and decimal', async () => {
    const maccfg = 'tr[data-where="task[0].reg.0xc804"] td.v[data-file="1"]';
    expect(await page.$eval(maccfg, (c) => c.textContent)).toBe('0x100000');
    await page.click('#radix');
    expect(await page.$eval(maccfg, (c) => c.textContent)).toBe('1048576');
    await page.click('#radix');
    expect(await page.$eval(maccfg, (c) => c.textContent)).toBe('0x100000');
  });

  it('should show each file\'s warnings', async () => {
    const summaries = await page.$$eval('.warnings summary', (s) => s.map((x) => x.textContent ?? ''));
    expect(summaries).toHaveLength(3);
    expect(summaries[1]).toContain(`${report.files[1]!.warnings.length} warning(s)`);
    expect(await page.$$eval('.warnings li', (l) => l.map((x) => x.textContent ?? ''))).toEqual(
      expect.arrayContaining([expect.stringContaining('spurious_kdma')]),
    );
  });

  it('should show one file from inspect --format html the same way', async () => {
    const html = join(work, 'inspect.html');
    const made = await runAnecc(['inspect', files[1]!, '--format', 'html', '-o', html]);
    expect(made.exitCode).toBe(0);
    const second = await open.browser.newPage();
    const errors: string[] = [];
    second.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    second.on('pageerror', (e) => errors.push(String(e)));
    await second.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    await second.setViewport({ width: 1280, height: 900 });
    await second.screenshot({ path: join(outputDir, 'inspect.png') });
    expect(errors).toEqual([]);
    expect(await second.$$eval('#report tr.row', (r) => r.filter((x) => (x as HTMLElement).offsetParent !== null).length)).toBeGreaterThan(100);
    expect(await second.$eval('tr[data-where="task[0].reg.0xc800"] td.v', (c) => c.textContent)).toBe('0x80');
    await second.close();
  });
});

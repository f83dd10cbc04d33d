/**
 * The execution viewer in a real browser: Debian's Chromium driven by playwright-core (no
 * browser download). Skipped only where /usr/bin/chromium does not exist.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateMachine } from '../../src/index.js';
import { renderExecutionHtml } from '../../src/visual/index.js';
import { runShop, shopDefinition } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve('test/artifacts');
const hasChromium = existsSync(CHROMIUM);

const EXPECTED_OUTCOMES: Record<string, string> = {
  FetchOrder: 'retried', ReserveItems: 'succeeded', Reserve: 'caught', Backorder: 'succeeded', ChargeAndShip: 'succeeded', Charge: 'succeeded',
  WaitForCourier: 'succeeded', Ship: 'succeeded', IsPriority: 'succeeded', NotifyPriority: 'not-run', Notify: 'succeeded', Rejected: 'not-run',
};

/**
 * Opens `html` from a file: URL, as a user would. `requests` records every request other than the
 * page itself, and every load the page's Content-Security-Policy blocked before it became one.
 */
async function open(browser: Browser, name: string, html: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, name);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.exposeFunction('reportBlocked', (uri: string) => requests.push(`blocked by CSP: ${uri}`));
  // Runs in the page (as text: this project compiles without the DOM library).
  await page.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => window.reportBlocked(e.blockedURI));" });
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url);
  return { page, requests, errors };
}

describe.skipIf(!hasChromium)(`execution viewer in headless Chromium (skipped where ${CHROMIUM} is missing)`, () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('draws every state with its outcome, shows a state on click, and makes no network request', async () => {
    const { history } = await runShop();
    const { page, requests, errors } = await open(browser, 'viewer.html', renderExecutionHtml(shopDefinition, history, { title: 'Order A-1 (retry, caught error, Map, Parallel)' }));

    // Every state is drawn, with its outcome as data and as visible text.
    const drawn = await page.$$eval('[data-state]', (gs) => gs.map((g) => [g.getAttribute('data-state'), g.getAttribute('data-outcome'), g.textContent]));
    expect(Object.fromEntries(drawn.map(([name, outcome]) => [name, outcome]))).toEqual(EXPECTED_OUTCOMES);
    for (const [name, outcome, text] of drawn) {
      expect(text).toContain(name);
      expect(text).toContain(outcome!.replace('-', ' '));
    }
    for (const name of Object.keys(EXPECTED_OUTCOMES)) expect(await page.locator(`[data-state="${name}"]`).isVisible()).toBe(true);

    // A click on a state shows its input, output and retries.
    await page.click('[data-state="FetchOrder"]');
    const details = page.locator('#asl-details');
    await expect.poll(() => details.locator('h2').textContent()).toContain('FetchOrder');
    expect(JSON.parse((await details.locator('pre.asl-input').first().textContent())!)).toMatchObject({ orderId: 'A-1', priority: false });
    expect(JSON.parse((await details.locator('pre.asl-output').first().textContent())!)).toMatchObject({ orderId: 'A-1', items: [{ sku: 'apple' }, { sku: 'pear' }, { sku: 'plum' }] });
    expect(await details.locator('.asl-retries').textContent()).toContain('Orders.Throttled');
    expect(await page.locator('[data-state="FetchOrder"]').getAttribute('class')).toContain('asl-selected');

    // The caught state shows the error and cause of the iteration that caught it.
    await page.click('[data-state="Reserve"]');
    expect(await details.locator('.asl-run').count()).toBe(3);
    expect(await details.locator('pre.asl-error').textContent()).toBe('Stock.OutOfStock');
    expect(await details.locator('pre.asl-cause').textContent()).toContain('pear: 0 left');

    // A Map shows its iterations, a Parallel its branches.
    await page.click('[data-state="ReserveItems"]');
    const groups = await details.locator('.asl-group .asl-label').allTextContents();
    expect(groups.map((g) => g.split(' · ')[0])).toEqual(['Iteration 0', 'Iteration 1', 'Iteration 2']);
    expect(await details.locator('.asl-group').nth(1).textContent()).toMatch(/Reserve.*caught.*Backorder.*succeeded/);
    await page.click('[data-state="ChargeAndShip"]');
    expect(await details.locator('.asl-group').allTextContents()).toEqual([expect.stringMatching(/^Branch 1Charge succeeded/), expect.stringMatching(/^Branch 2WaitForCourier succeeded 1 h 0 min.*Ship succeeded/)]);

    // The timeline lists every state run with its duration; a row selects its state.
    expect(await page.locator('#asl-gantt .asl-row').count()).toBe(12);
    expect(await page.locator('#asl-gantt').textContent()).toContain('1 h 0 min');
    await page.locator('#asl-gantt .asl-row', { hasText: 'Backorder' }).click();
    expect(await details.locator('h2').textContent()).toContain('Backorder');

    // The screenshot shows the caught state selected (docs/viewer.png is a copy of it).
    await page.click('[data-state="Reserve"]');
    await page.screenshot({ path: join(ARTIFACTS, 'viewer.png'), fullPage: true });

    await page.locator('details summary').click();
    expect(await page.locator('#asl-events tr').count()).toBe(history.length);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows hostile state names and payloads as text: nothing runs and nothing loads', async () => {
    const evil = '<img src="https://example.invalid/x.png" onerror="window.pwned=1">';
    const definition = { StartAt: evil, States: { [evil]: { Type: 'Pass', Result: `</script><script>window.pwned=2</script>${evil}`, End: true } } };
    const execution = new StateMachine(definition).start({ html: evil });
    await execution.result;
    const { page, requests, errors } = await open(browser, 'viewer-hostile.html', renderExecutionHtml(definition, execution.history, { title: evil }));
    await page.click('[data-state]');
    expect(await page.locator('#asl-details h2').textContent()).toContain(evil);
    expect(await page.locator('#asl-details pre.asl-output').textContent()).toContain('</script>');
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.title()).toBe(evil);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

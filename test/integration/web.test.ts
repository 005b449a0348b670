import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../src/app/runtime';
import { portalSchema } from '../../src/core/portal';
import { startDemoPortal, type DemoPortal } from '../../src/demo';
import { testSettings } from '../support/runtime';

/** The web surface as a person uses it: the API's error answers, and the overview page driven in Chromium. */
describe('web API and overview page', () => {
  const env = testSettings();
  let runtime: Runtime;
  let portal: DemoPortal;
  let browser: Browser;
  const post = async (route: string, body: unknown) => {
    const response = await fetch(`${runtime.webUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    portal = await startDemoPortal();
    const portals = [portalSchema.parse({ id: 'demo', name: '演示门户', listings: [{ url: portal.listingUrl, pages: 3 }], schedule: { cron: '0 0 1 1 *' } })];
    runtime = await startRuntime({ settings: env.settings, portals, roles: { web: true, workers: true, config: true } });
    browser = await chromium.launch({ executablePath: env.settings.chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    await portal?.close();
    env.cleanup();
  });

  it('bad input: 400 naming each field and its fix; unknown portal: 404', async () => {
    const bad = await post('/api/subscribers', { email: 'nobody', frequency: 'hourly' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ERR_INPUT_INVALID');
    expect(bad.body.error.problems).toEqual(['request body: email: must be an e-mail address, e.g. "analyst@example.com"', 'request body: frequency: use one of: immediate, daily, weekly']);
    const missing = await post('/api/portals/nope/check', {});
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'ERR_NOT_FOUND' } } });
    const badDiscover = await post('/api/discover', { url: 'ftp://example.com/' });
    expect(badDiscover.status).toBe(400);
    expect(badDiscover.body.error.problems[0]).toMatch(/^request body: url: must be an http/);
  });

  it('a person subscribes and tries a portal from the overview page', async () => {
    const page = await browser.newPage();
    await page.goto(runtime.webUrl!);
    await page.fill('#subscribe input[name=email]', 'Journalist@Example.com');
    await page.selectOption('#subscribe select[name=frequency]', 'weekly');
    await page.click('#subscribe button');
    await expect.poll(() => page.textContent('#subscribe-result')).toContain('journalist@example.com (weekly)');
    expect(await runtime.store.subscribers.byEmail('journalist@example.com')).toMatchObject({ frequency: 'weekly', active: true });

    await page.fill('#discover input[name=url]', portal.listingUrl);
    await page.fill('#discover input[name=pages]', '3');
    await page.click('#discover button');
    await page.waitForSelector('#discover-result table', { timeout: 30_000 });
    const starred = await page.$$eval('#discover-result tr', (rows) => rows.filter((r) => r.textContent?.includes('★')).map((r) => r.querySelector('a')!.getAttribute('href')));
    expect(starred.sort()).toEqual(portal.reports().filter((r) => r.published).map((r) => r.url).sort());
    expect(await runtime.store.reports.list()).toEqual([]);
  });
});

describe('access control', () => {
  it('refuses to serve beyond loopback without WEB_PASSWORD, before listening', async () => {
    const env = testSettings({ HOST: '0.0.0.0' });
    try {
      await expect(startRuntime({ settings: env.settings, portals: [], roles: { web: true, workers: false, config: true } })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID', message: expect.stringContaining('WEB_PASSWORD') });
    } finally {
      env.cleanup();
    }
  });

  it('with WEB_PASSWORD, every route but /healthz asks for it', async () => {
    const env = testSettings({ WEB_PASSWORD: 'correct horse battery' });
    const runtime = await startRuntime({ settings: env.settings, portals: [], roles: { web: true, workers: false, config: true } });
    try {
      const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`anyone:${password}`).toString('base64')}` });
      const denied = await fetch(`${runtime.webUrl}/api/subscribers`);
      expect(denied.status).toBe(401);
      expect(denied.headers.get('www-authenticate')).toMatch(/^Basic realm="nianbao"/);
      expect((await fetch(`${runtime.webUrl}/admin/queues`)).status).toBe(401);
      expect((await fetch(`${runtime.webUrl}/api/subscribers`, { headers: basic('wrong horse') })).status).toBe(401);
      expect((await fetch(`${runtime.webUrl}/api/subscribers`, { headers: basic('correct horse battery') })).status).toBe(200);
      expect((await fetch(`${runtime.webUrl}/healthz`)).status).toBe(200);
    } finally {
      await runtime.stop();
      env.cleanup();
    }
  });
});

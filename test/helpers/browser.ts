/**
 * Browser tests drive Debian's chromium through playwright-core against the real server on a
 * loopback port. Without chromium they are reported as skipped, with the reason.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import assert from 'node:assert/strict';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserSkip: string | false = existsSync(CHROMIUM) ? false : `chromium not found at ${CHROMIUM} (apt-get install chromium); CI installs it`;

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page in a fresh context (cookies isolated), in Chinese unless told otherwise. */
export async function newPage(browser: Browser, opts: { locale?: string; width?: number } = {}): Promise<Page> {
  const ctx = await browser.newContext({ locale: opts.locale ?? 'zh-CN', viewport: opts.width ? { width: opts.width, height: 800 } : undefined });
  return ctx.newPage();
}

/** axe-core with the WCAG 2.0/2.1 A and AA rules; fails listing each violation and its targets. */
export async function expectAccessible(page: Page, what: string) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const v = r.violations.map((x) => `${x.id}: ${x.help} — ${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(v, [], `${what} has accessibility violations`);
}

/** Signs in through the login form, by label, as a user would; the page ends on the dashboard. */
export async function signIn(page: Page, base: string, user: string, password: string): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${base}/admin`);
}

/** Listens on a free local port for the browser and returns the base URL. */
export async function listenLocal(app: { listen(o: { port: number; host: string }): Promise<unknown>; server: { address(): unknown } }): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

/**
 * 依申请公开 end to end in a real browser: a citizen files an application on the unit's site, staff
 * confirm and accept it, a handler drafts a partial-release reply, a reviewer signs it, the handler
 * records its delivery, and the citizen downloads the reply with the tracking number and query code.
 * The public pages pass axe-core (WCAG 2.1 AA) and fit a 375-px phone.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { testApp, type TestApp } from '../helpers/app.ts';
import { PASSWORD } from '../helpers/fixtures.ts';
import { browserSkip, launch, expectAccessible, newPage, signIn } from '../helpers/browser.ts';
import { application, ctxFor, requestsTree } from '../../src/modules/requests/store/fixtures.test-helper.ts';
import { codesFrom, fileApplication } from '../../src/modules/requests/http/http.test-helper.ts';
import { confirmSubmission } from '../../src/modules/requests/intake-commands.ts';
import { applyStep } from '../../src/modules/requests/commands.ts';
import { Client } from '../helpers/app.ts';
import { INTAKE_GUARD } from '../../src/modules/requests/http/guard.ts';
import { extractPdfText } from '../../src/core/docs/index.ts';

let t: TestApp;
let browser: Browser;
let base: string;
let tracking = '';
let code = '';

before(async () => {
  if (browserSkip) return;
  t = await testApp();
  await requestsTree(t.db.db);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  browser = await launch();
  // a person takes longer than this; the browser fills the form instantly
  INTAKE_GUARD.minFillMs = 0;
});
after(async () => {
  await browser?.close();
  await t?.close();
});

async function login(username: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, base, username, PASSWORD);
  return page;
}

async function openCase(page: Page) {
  await page.goto(`${base}/admin/requests?status=all`);
  await page.getByRole('link', { name: tracking }).click();
  await page.waitForURL(/\/admin\/requests\/\d+$/);
}

/** Opens a <details> step by its summary and presses its submit button. */
async function step(page: Page, name: string, fill?: (scope: ReturnType<Page['locator']>) => Promise<void>) {
  const det = page.locator('details', { has: page.locator('summary', { hasText: name }) }).first();
  await det.locator('summary').click();
  if (fill) await fill(det);
  await det.getByRole('button', { name }).click();
  await page.waitForLoadState();
}

test('a citizen files an application on the unit site', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/u/bureau/`);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '依申请公开' }).click();
  await page.waitForURL(`${base}/u/bureau/xxgk/ysqgk`);
  await expectAccessible(page, 'application form');
  await page.getByLabel('姓名或名称').fill('王小明');
  await page.getByLabel('身份证明号码').fill('110101199003078515');
  await page.getByLabel('联系电话').fill('13855501234');
  await page.getByLabel('电子邮箱').fill('wang@example.com');
  await page.getByLabel('所需信息的名称').fill('凌河公园改造工程招标文件');
  await page.getByLabel('所需信息的特征性描述').fill('招标公告、中标结果及投标报价');
  await page.getByLabel('电子文件', { exact: true }).check();
  await page.getByLabel('网上获取（本平台查询页面下载）').check();
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('heading', { name: '申请已提交' }).waitFor();
  tracking = (await page.locator('#tracking-no').textContent())!.trim();
  code = (await page.locator('#query-code').textContent())!.trim();
  assert.match(tracking, /^\d{8}-\d{6}$/);
  assert.match(code, /^[A-Z2-9]{10}$/);
  await expectAccessible(page, 'confirmation page');
  await page.context().close();
});

test('bad input re-renders the form with the errors, in place', { skip: browserSkip }, async () => {
  const page = await newPage(browser);
  await page.goto(`${base}/u/bureau/xxgk/ysqgk`);
  await page.getByLabel('姓名或名称').fill('李四');
  await page.getByLabel('身份证明号码').fill('110101199003078514');
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByRole('alert').first().waitFor();
  assert.ok(await page.getByText('身份证号码校验码不正确').first().isVisible());
  assert.equal(await page.getByLabel('姓名或名称').inputValue(), '李四', 'what was typed is kept');
  await expectAccessible(page, 'form with errors');
  await page.context().close();
});

test('staff handle it to a partial-release reply', { skip: browserSkip }, async () => {
  assert.ok(tracking, 'the application was filed');
  const handler = await login('handler');
  await openCase(handler);
  await handler.getByRole('button', { name: '确认收到并登记' }).click();
  await handler.waitForURL(/done=/);
  await step(handler, '受理并分办');
  await handler.locator('summary', { hasText: '起草答复' }).click();
  await handler.getByLabel('答复结果（年报行）').selectOption('partial');
  await handler.getByLabel('提供的信息（每行一项）').fill('招标公告\n中标结果公告');
  await handler.getByLabel('提供方式、途径和时间').fill('在本平台查询页面下载');
  await handler.getByLabel('第1项：内容').fill('投标人报价明细');
  await handler.getByLabel('第1项：理由类别').selectOption('refuse_third_party');
  await handler.getByLabel('第1项：具体理由').fill('涉及投标人商业秘密，经书面征求意见不同意公开');
  await handler.getByRole('button', { name: '保存答复草稿' }).click();
  await handler.waitForURL(/done=/);
  assert.ok(await handler.getByText('答复草稿：部分公开（区分处理）（3.3.2）').isVisible());
  await expectAccessible(handler, 'case page');
  // the 回执 is issued before the reply can be signed (#14.8)
  await handler.getByRole('link', { name: '政府信息公开申请接收回执' }).click();
  await handler.getByRole('button', { name: '签发（编号）' }).click();
  await handler.waitForURL(/\/letters\/\d+$/);
  assert.ok(await handler.getByText('测司公收〔').first().isVisible());
  await openCase(handler);

  const reviewer = await login('reviewer');
  await openCase(reviewer);
  await reviewer.getByRole('button', { name: '审核签发答复' }).click();
  await reviewer.waitForURL(/done=/);
  assert.ok(await reviewer.getByText('测司公复〔').first().isVisible());
  await reviewer.context().close();

  await handler.reload();
  await handler.getByRole('link', { name: /答复书（部分公开/ }).click();
  await handler.getByRole('button', { name: '登记送达' }).click();
  await handler.waitForURL(/\/letters\/\d+$/);
  assert.ok(await handler.getByText(/已于.*网上送达|已于.*直接送达|已于.*送达/).first().isVisible());
  await handler.context().close();
});

test('the citizen sees the status and downloads the reply', { skip: browserSkip }, async () => {
  assert.ok(tracking, 'the application was filed');
  const page = await newPage(browser);
  await page.goto(`${base}/ysqgk/status`);
  await page.getByLabel('查询编号').fill(tracking);
  await page.getByLabel('查询码').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('heading', { name: '申请办理进度' }).waitFor();
  assert.equal((await page.locator('#case-status').textContent())?.trim(), '已送达');
  assert.ok(await page.getByRole('heading', { name: '答复期限是如何计算的' }).isVisible());
  await expectAccessible(page, 'status page');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^PDF 测司公复/ }).click()]);
  const file = await download.path();
  const bytes = readFileSync(file!);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const text = (await extractPdfText(bytes)).replace(/\s+/g, '');
  assert.match(text, /测司公复〔\d{4}〕1号/);
  assert.ok(text.includes('投标人报价明细') && text.includes('第三十七条'));
  assert.match(download.suggestedFilename(), /\.pdf$/);
  await page.context().close();
});

test('the citizen withdraws an application on the status page (confirmation, then 申请人撤回 on the timeline)', { skip: browserSkip }, async () => {
  const filed = await fileApplication(new Client(t.app, '10.9.0.1'), 'bureau', application({ name: '撤回人' }));
  const own = codesFrom(filed.body);
  const { id } = await t.db.db.selectFrom('request_cases').select('id').where('tracking_no', '=', own.trackingNo).executeTakeFirstOrThrow();
  const staff = await ctxFor(t.db.db, 'handler');
  await confirmSubmission(t.db.db, staff, id, {});
  await applyStep(t.db.db, staff, id, { type: 'accept' });

  const page = await newPage(browser);
  const lookUp = async () => {
    await page.goto(`${base}/ysqgk/status`);
    await page.getByLabel('查询编号').fill(own.trackingNo);
    await page.getByLabel('查询码').fill(own.queryCode);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { name: '申请办理进度' }).waitFor();
  };
  await lookUp();
  assert.ok(await page.getByText('撤回后本申请终止办理；如仍需获取相关政府信息，可重新提出申请。').isVisible());
  await expectAccessible(page, 'status page with the withdrawal form');
  // forgetting the confirmation: the form again, with the error linked
  await page.getByLabel('查询码').fill(own.queryCode);
  await page.getByRole('button', { name: '确认撤回申请' }).click();
  await page.getByText('请确认您已知悉撤回的后果').first().waitFor();
  await expectAccessible(page, 'withdrawal form with errors');
  await page.getByLabel('查询码').fill(own.queryCode);
  await page.getByLabel('撤回理由（选填）').fill('已通过其他途径获得所需信息');
  await page.getByLabel('我已知悉上述后果，确认撤回本申请').check();
  await page.getByRole('button', { name: '确认撤回申请' }).click();
  await page.getByRole('heading', { name: '申请已撤回' }).waitFor();
  await expectAccessible(page, 'withdrawn page');
  await lookUp();
  assert.equal((await page.locator('#case-status').textContent())?.trim(), '已撤回');
  assert.ok(await page.getByText('申请人撤回申请（通过查询页面自行撤回）').isVisible());
  await page.context().close();
});

test('a 375-px phone: the form and the status lookup do not scroll sideways', { skip: browserSkip }, async () => {
  const page = await newPage(browser, { width: 375 });
  for (const path of ['/u/bureau/xxgk/ysqgk', '/ysqgk/status', '/ysqgk/withdraw', '/apply']) {
    await page.goto(base + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
  }
  await page.context().close();
});

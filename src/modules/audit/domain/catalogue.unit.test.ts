/**
 * The catalogue covers every action code the code base writes: literal codes in `recordAudit` calls,
 * the document workflow's actions (`document.${action}`), the request case events
 * (`request.${event.type}`), the kept kinds' recoveries (`k.action`, core/commands/kept.ts), and codes
 * passed through a variable (reports' figure writes). A new
 * dynamic form fails here until it is enumerated. Sentences read as the audit asked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ACTIONS, KINDS, SUBJECT_TYPES, codesOfKind, kindOf } from './catalogue.ts';
import { sentence, sentenceText } from './sentences.ts';
import { KEPT_COMMENTS } from '../../consultations/commands/kept.ts';
import { KEPT_QUESTIONS } from '../../interviews/commands/kept.ts';
import { KEPT_MESSAGES } from '../../messages/commands/kept.ts';
import { TRANSITIONS as DOC_TRANSITIONS } from '../../documents/domain/workflow.ts';
import { TRANSITION_NAMES as CASE_EVENTS } from '../../requests/domain/states.ts';
import { TRANSITIONS as POWER_TRANSITIONS } from '../../powers/domain/rules.ts';

const SRC = join(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !/test-helper/.test(f) ? [p] : [];
  });
}

/** Every code written, and the dynamic `action:` expressions found (which must be known ones). */
function writtenCodes(): { codes: Map<string, string>; dynamic: Set<string> } {
  const codes = new Map<string, string>();
  const dynamic = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('recordAudit(')) continue;
    for (const m of text.matchAll(/recordAudit\([^;]*?\baction(?::\s*([^,\n]+))?[,\s}]/gs)) {
      const expr = (m[1] ?? 'action').replace(/\s+}.*$/, '').trim() || 'action';
      const literals = [...expr.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)].map((x) => x[1]);
      if (literals.length) for (const c of literals) codes.set(c, relative(SRC, file));
      else dynamic.add(expr);
    }
    // codes handed to a helper that records them (reports' writeFigures(…, 'report.figures.save', …))
    for (const m of text.matchAll(/writeFigures\([^)]*'(report\.[a-z_.]+)'/g)) codes.set(m[1], relative(SRC, file));
  }
  return { codes, dynamic };
}

test('every action code in the source has a sentence in the catalogue', () => {
  const { codes, dynamic } = writtenCodes();
  assert.ok(codes.size > 40, `found only ${codes.size} codes: the scan is broken`);
  assert.deepEqual([...dynamic].sort(), ['`document.${action}`', '`power.list.${step}`', '`request.${event.type}`', 'action', 'k.action', 'k.discardAction'].sort(), 'a new dynamic action expression: enumerate its codes in this test');
  // core/commands/kept.ts records each kept kind's recovery under its `action`
  for (const k of [KEPT_COMMENTS, KEPT_QUESTIONS, KEPT_MESSAGES]) {
    codes.set(k.action, 'core/commands/kept.ts');
    codes.set(k.discardAction, 'core/commands/kept.ts');
  }
  for (const t of DOC_TRANSITIONS) codes.set(`document.${t.action}`, 'documents/domain/workflow.ts');
  for (const e of CASE_EVENTS) codes.set(`request.${e}`, 'requests/domain/states.ts');
  for (const step of Object.keys(POWER_TRANSITIONS)) codes.set(`power.list.${step}`, 'powers/domain/rules.ts');
  const missing = [...codes].filter(([c]) => !ACTIONS[c]).map(([c, f]) => `${c} (${f})`);
  assert.deepEqual(missing, [], 'codes without a sentence in src/modules/audit/domain/catalogue.ts');
});

test('codes other helpers add in accounts are in the catalogue, each entry has both languages and a known kind', () => {
  for (const c of ['user.login.failed', 'user.grants.change', 'user.unlock', 'document.attachment.add', 'document.attachment.refused']) assert.ok(ACTIONS[c], c);
  const kinds = new Set(KINDS.map((k) => k.key));
  for (const [code, e] of Object.entries(ACTIONS)) {
    assert.ok(kinds.has(e.kind), code);
    assert.ok(e.zh && e.en && !/[\u4e00-\u9fff]/.test(e.en), `${code}: English text`);
    assert.equal(kindOf(code), e.kind);
  }
  assert.equal(kindOf('document.something.new'), 'document');
  assert.equal(kindOf('whatever'), 'other');
  assert.ok(codesOfKind('signin').includes('user.login'));
  assert.ok(!codesOfKind('account').includes('user.login'), 'sign-ins are their own kind, so they can be left out');
  assert.ok(SUBJECT_TYPES.request_case && SUBJECT_TYPES.document && SUBJECT_TYPES.user);
});

test('sentences: who did what to which object, in Chinese and English, with a fallback for unknown codes', () => {
  const row = { action: 'document.publish', actor_id: 3, actor_name: 'zhangsan', subject_type: 'document', subject_id: '12', summary: {} };
  const names = { actor: { displayName: '张三', unitName: '司法局' }, subject: { name: '关于印发某办法的通知', href: '/admin/documents/12' } };
  const zh = sentence('zh-CN', row, names);
  assert.equal(sentenceText(zh), '司法局 张三 发布了《关于印发某办法的通知》');
  assert.deepEqual(zh.find((s) => s.href), { text: '《关于印发某办法的通知》', href: '/admin/documents/12' });
  assert.equal(sentenceText(sentence('en', row, { actor: { displayName: 'Zhang San', unitName: 'Justice Bureau' }, subject: { name: 'Notice' } })), 'Zhang San (Justice Bureau) published “Notice”');

  const refused = { action: 'document.attachment.refused', actor_id: 3, actor_name: 'zhangsan', subject_type: 'document', subject_id: '12', summary: { filename: '宏.docm', reason: 'office_macro' } };
  assert.equal(sentenceText(sentence('zh-CN', refused, names)), '司法局 张三 为《关于印发某办法的通知》上传附件“宏.docm”被拒绝：含有宏的办公文档');

  const failed = { action: 'user.login.failed', actor_id: null, actor_name: 'anonymous', subject_type: 'user', subject_id: null, summary: { reason: 'unknown_user' } };
  assert.equal(sentenceText(sentence('zh-CN', failed)), '以用户名“（未知用户名）”登录失败：用户名不存在');
  const cli = { action: 'unit.create', actor_id: null, actor_name: 'cli:root', subject_type: 'unit', subject_id: '7', summary: {} };
  assert.equal(sentenceText(sentence('zh-CN', cli, { subject: { name: '测试局' } })), '命令行操作员 root 新建了单位“测试局”');
  assert.equal(sentenceText(sentence('en', cli)), 'Operator root (command line) created the unit #7');

  const unknown = { action: 'future.thing', actor_id: null, actor_name: 'scheduler', subject_type: 'request_case', subject_id: '5', summary: {} };
  assert.equal(sentenceText(sentence('zh-CN', unknown)), '定时任务 执行了操作“future.thing”（依申请公开案件 #5）');
  assert.equal(sentenceText(sentence('en', unknown)), 'The scheduler performed “future.thing” on the request case #5');
});

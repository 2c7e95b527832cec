/** The text parser on the real 2020 plan (24 tasks, their lead units, deadlines), groups, validation, flags, links. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlanText, splitAttribution, cnNumber } from './text.ts';
import { deadlinesIn, groupOf, validateTask, validateHeader } from './plan.ts';
import { taskSummary, unitFlags } from './flags.ts';
import { classifyLink, parseLinks } from './evidence.ts';

const TEXT = readFileSync(join(import.meta.dirname, '..', 'demo', 'work-plan-2020.zh-Hans.txt'), 'utf8');

test('the demo copy is the seed text', () => {
  assert.equal(TEXT, readFileSync('/work/shared/seed/work-plan-2020.zh-Hans.txt', 'utf8'));
});

test('the 2020 plan: 7 sections, 24 tasks numbered 1–24, issuer and year', () => {
  const { plan, problems } = parsePlanText(TEXT, { unit: 'chaoyang' });
  assert.deepEqual(problems, []);
  assert.equal(plan.year, 2020);
  assert.equal(plan.title, '2020年政务公开工作要点');
  assert.equal(plan.issuer, '朝阳市政务公开领导小组');
  assert.deepEqual(plan.sections.map((s) => s.no), [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(plan.sections[2].title, '围绕优化营商环境，加强政务信息公开'.replace('，', ','));
  assert.deepEqual(plan.tasks.map((t) => t.no), Array.from({ length: 24 }, (_, i) => i + 1));
  assert.deepEqual(plan.tasks.map((t) => t.section), [1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 7]);
  assert.equal(plan.tasks[0].title, '建设完成政府信息公开平台');
  assert.equal(plan.tasks[7].title, '提高市场监管规则和标准公开质量');
  assert.doesNotMatch(plan.tasks[0].text, /牵头单位/);
});

test('the 2020 plan: lead units as printed (task 10 has none), responsible groups, the 责任单位; typo of task 17', () => {
  const { plan } = parsePlanText(TEXT, { unit: 'chaoyang' });
  const lead = Object.fromEntries(plan.tasks.map((t) => [t.no, t.lead.join('、')]));
  assert.equal(lead[1], '市政府办公室');
  assert.equal(lead[2], '市政府办公室、市委编办');
  assert.equal(lead[5], '市政府办公室、市司法局');
  assert.equal(lead[8], '市市场监督管理局、市营商环境建设局');
  assert.equal(lead[9], '市营商环境建设局');
  assert.equal(lead[10], '');
  assert.equal(lead[11], '市政府办公室、市卫生健康委');
  assert.equal(lead[12], '市应急管理局');
  assert.equal(lead[13], '市卫生健康委');
  for (const n of [3, 4, 6, 7, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]) assert.equal(lead[n], '市政府办公室', `task ${n}`);
  assert.deepEqual(plan.tasks[0].responsible, ['各县(市)区政府', '市政府各部门']);
  assert.deepEqual(plan.tasks[9].responsible, ['各县(市)区政府', '市政府各部门', '市(中、省)直单位']);
  assert.deepEqual(plan.tasks[16].responsible, ['各县(市)政府', '市政府各单位']);
  for (const t of plan.tasks) for (const r of t.responsible) assert.ok(groupOf(r), `task ${t.no}: ${r} is a group`);
});

test('the 2020 plan: deadlines from the text; the rest 长期坚持', () => {
  const { plan } = parsePlanText(TEXT, { unit: 'chaoyang' });
  const dl = Object.fromEntries(plan.tasks.map((t) => [t.no, t.deadline]));
  assert.equal(dl[1], '2020-12-31');
  assert.equal(dl[4], '2020-11-30');
  assert.deepEqual(plan.tasks[3].milestones.map((m) => m.date), ['2020-08-31', '2020-11-30']);
  assert.match(plan.tasks[3].milestones[0].text, /实施方案/);
  assert.match(plan.tasks[3].output, /标准目录/);
  assert.equal(dl[5], '2020-12-31');
  assert.equal(dl[6], '2020-09-15'); // "5个工作日内" is not a date
  assert.equal(dl[15], '2020-12-31');
  const dated = plan.tasks.filter((t) => t.deadline).map((t) => t.no);
  assert.deepEqual(dated, [1, 4, 5, 6, 15]);
});

test('deadline phrases, Chinese numerals and attribution variants', () => {
  assert.deepEqual(deadlinesIn('2月底前完成。', 2024).map((m) => m.date), ['2024-02-29']);
  assert.deepEqual(deadlinesIn('上半年完成方案；9月30日之前上线。', 2021).map((m) => m.date), ['2021-06-30', '2021-09-30']);
  assert.deepEqual(deadlinesIn('2月30日前', 2021), []);
  assert.deepEqual([cnNumber('一'), cnNumber('十'), cnNumber('十二'), cnNumber('二十'), cnNumber('二十三')], [1, 10, 12, 20, 23]);
  assert.deepEqual(splitAttribution('做好。（牵头单位：市政府办公室；责任单位：各县（市）区政府）'), { body: '做好。', lead: ['市政府办公室'], responsible: ['各县（市）区政府'] });
  assert.equal(splitAttribution('没有归属的一行。'), null);
  assert.equal(groupOf('各县（市）区人民政府'), 'counties');
  assert.equal(groupOf('市司法局'), null);
});

test('validation names the field and the rule', () => {
  const ok = validateTask({ section: 1, no: 1, title: 't', responsible: ['市政府各部门'], deadline: '长期坚持' }, 2020);
  assert.deepEqual(ok.errors, {});
  assert.equal(ok.value.deadline, null);
  const bad = validateTask({ section: 0, no: 'x', title: '', responsible: [], deadline: '2020-02-30', milestones: [{ date: '2020-01-01' }], lead: 5 }, 2020);
  assert.deepEqual(Object.keys(bad.errors).sort(), ['deadline', 'lead', 'milestones', 'no', 'responsible', 'section', 'title']);
  assert.match(bad.errors.deadline.zh, /长期坚持/);
  assert.deepEqual(Object.keys(validateTask({ section: 1, no: 1, title: 't', responsible: 'a', deadline: '2020-03-01', milestones: [{ date: '2020-05-01', text: 'x' }] }, 2020).errors), ['milestones']);
  assert.deepEqual(Object.keys(validateHeader({ year: 1999, title: 'x' }).errors).sort(), ['unit', 'year']);
});

test('flags: overdue after the deadline unless done, no evidence, unreported; standing tasks never overdue', () => {
  const latest = [{ unitId: 1, status: 'done' as const, evidenceCount: 1 }, { unitId: 2, status: 'in_progress' as const, evidenceCount: 0 }];
  const f = unitFlags('2020-09-15', '2020-09-16', [1, 2, 3], latest);
  assert.deepEqual(f.map((u) => u.flags), [[], ['overdue', 'no_evidence'], ['overdue', 'unreported']]);
  assert.deepEqual(unitFlags('2020-09-15', '2020-09-15', [3], []).map((u) => u.flags), [['unreported']]);
  assert.deepEqual(unitFlags(null, '2030-01-01', [2], latest).map((u) => u.flags), [['no_evidence']]);
  const s = taskSummary(f);
  assert.deepEqual([s.units, s.done, s.reported, s.flags], [3, 1, 2, ['overdue', 'no_evidence', 'unreported']]);
});

test('evidence links: documents and unit pages are internal, http(s) external, the rest refused by line', () => {
  const base = 'https://www.chaoyang.gov.cn';
  assert.deepEqual(classifyLink('https://www.chaoyang.gov.cn/u/sfj/doc/12?x=1', base), { url: '/u/sfj/doc/12', kind: 'document', slug: 'sfj', documentId: 12 });
  assert.deepEqual(classifyLink('/u/sfj/powers', base), { url: '/u/sfj/powers', kind: 'page', slug: 'sfj' });
  assert.equal((classifyLink('https://www.gov.cn/zhengce/', base) as { kind: string }).kind, 'external');
  for (const bad of ['javascript:alert(1)', '/admin/users', '//evil.example/x', 'ftp://x/y', 'https://u:p@x.cn/', 'not a link']) assert.ok('zh' in classifyLink(bad, base), bad);
  const r = parseLinks('/u/sfj/doc/1\n\njavascript:alert(1)', base);
  assert.match(r.error!.zh, /第 2 条链接/);
  assert.equal(parseLinks(Array.from({ length: 11 }, (_, i) => `/u/a/doc/${i + 1}`).join('\n'), base).error?.zh, '佐证链接最多 10 条');
});

test('the 2020 lead units all resolve to demo units; groups expand to the counties and departments under the city', async () => {
  const { DEMO_UNITS } = await import('../../units/demo/units.ts');
  const { resolveTask, placeOf } = await import('./resolve.ts');
  const ids = new Map(DEMO_UNITS.map((u, i) => [u.key, i + 1]));
  const units = DEMO_UNITS.map((u, i) => ({ id: i + 1, name: u.name, short_name: u.short, code: `C${i}`, slug: u.slug, type: u.type, parent_id: u.parent ? ids.get(u.parent)! : null, active: true }));
  const city = units[0];
  assert.equal(placeOf(city.name), '朝阳市');
  const { plan } = parsePlanText(TEXT, { unit: 'chaoyang' });
  const slug = new Map(units.map((u) => [u.id, u.slug]));
  for (const t of plan.tasks) {
    const r = resolveTask(t.lead, t.responsible, units, city);
    assert.deepEqual(r.unresolved, [], `task ${t.no}`);
    const leads = r.assigned.filter((a) => a.role === 'lead').map((a) => slug.get(a.unitId));
    if (t.no === 8) assert.deepEqual(leads, ['scjgj', 'yshj']);
    if (t.no === 2) assert.deepEqual(leads, ['szfb', 'bianban']);
    if (t.no === 12) assert.deepEqual(leads, ['yjj']);
    if (t.no === 1) assert.equal(r.assigned.length, 7 + 12); // seven counties/districts, twelve departments (szfb as lead)
    if (t.no === 10) assert.ok(r.assigned.some((a) => slug.get(a.unitId) === 'bianban'), '市直单位 includes the offices');
    assert.ok(!r.assigned.some((a) => slug.get(a.unitId) === 'shuangta-lingfeng'), 'townships are not named by the groups');
  }
  assert.deepEqual(resolveTask(['市统计局'], [], units, city).unresolved, ['市统计局']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draftNarrative, hasPlaceholders } from './narrative.ts';
import { computeReport } from './compute.ts';
import { fixture, MANUAL_2021 } from './test-fixture.ts';

const report = computeReport('U1', 2024, { ...fixture(2024), manual: MANUAL_2021 }).report;

test('an empty fact sheet gives a draft full of visible placeholders', () => {
  const n = draftNarrative({ unitName: '朝阳市示例局', year: 2024 });
  assert.equal(hasPlaceholders(n), true);
  assert.equal(n.preface, '本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定编制。本报告中所列数据统计期限为2024年1月1日至2024年12月31日。');
  assert.deepEqual(n.part1.map((s) => s.heading), ['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）政府信息公开平台建设', '（五）监督保障']);
  assert.match(n.part1[1].paragraphs[0], /【待填写：依申请公开办理情况】/);
  assert.match(n.part6[0], /【待填写：信息处理费收取情况/);
});

test('figures from the report and the facts fill the text', () => {
  const n = draftNarrative({
    unitName: '朝阳市示例局',
    year: 2024,
    report,
    proactive: { documentsPublished: 1520, policyDocuments: 36, interpretations: 30, pressConferences: 4, onlineInterviews: 2 },
    management: { normativeCleanedUp: 12, itemsReviewed: 1520 },
    platform: { websiteName: '朝阳市示例局门户网站', columnsUpdated: 15, newMediaAccounts: 2 },
    supervision: { trainingSessions: 3, trainedPeople: 85, assessments: '将政务公开纳入年度绩效考核。', accountability: '本年度未发生责任追究情况。' },
    problems: ['政策解读形式较单一'],
    improvements: ['增加图解、视频解读'],
    fees: { notices: 2, notifiedYuan: '380', collectedYuan: '200.5' },
    proposals: { npcSuggestions: 8, cppccProposals: 11 },
    keyPoints: '全面落实年度政务公开工作要点。',
  });
  assert.equal(hasPlaceholders(n), false);
  assert.equal(
    n.part1[1].paragraphs[0],
    '2024年，本机关新收政府信息公开申请10件，上年结转2件，本年度办结10件，其中予以公开2件、部分公开1件，结转下年度继续办理2件。' +
      '因政府信息公开工作被申请行政复议4件，被提起行政诉讼3件，其中结果被纠正1件。',
  );
  assert.match(n.part1[2].paragraphs[0], /本年制发规章1件、行政规范性文件2件，废止规章1件、行政规范性文件1件，现行有效规章2件、行政规范性文件2件。/);
  assert.equal(n.part6[0], '2024年，本机关依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）发出收费通知2件，通知收费金额380.00元，实际收取信息处理费200.50元。');
  assert.deepEqual(n.part5[0].paragraphs, ['1.政策解读形式较单一']);
});

test('no fees collected is said plainly', () => {
  const n = draftNarrative({ unitName: 'X', year: 2024, fees: { notices: 0, notifiedYuan: '0', collectedYuan: '0' } });
  assert.equal(n.part6[0], '2024年，本机关未发出信息处理费收费通知，未收取信息处理费。');
});

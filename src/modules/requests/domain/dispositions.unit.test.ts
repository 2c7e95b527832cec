import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  articleOrder,
  citedArticles,
  DISPOSITION_KEYS,
  DISPOSITIONS,
  needsRemedies,
  REFUSAL_GROUNDS,
  REPORT_ROWS,
  reportRowOf,
  validateDisposition,
  type Disposition,
  type DispositionKey,
} from './dispositions.ts';

describe('catalogue', () => {
  it('covers every row 3.3.1 … 3.3.6.3 of table 3, and nothing else', () => {
    const codes = REPORT_ROWS.map((r) => r.code);
    assert.equal(codes.length, 21);
    assert.deepEqual(codes.slice(0, 3), ['3.3.1', '3.3.2', '3.3.3.1']);
    assert.equal(codes[codes.length - 1], '3.3.6.3');
    const used = new Set(DISPOSITION_KEYS.map((k) => DISPOSITIONS[k].row));
    assert.deepEqual([...used].sort(), [...codes].sort(), 'each row has at least one disposition');
  });

  it('covers every item of Art. 36', () => {
    const items = new Set(DISPOSITION_KEYS.map((k) => DISPOSITIONS[k].art36Item).filter((x) => x !== undefined));
    assert.deepEqual([...items].sort(), [1, 2, 3, 4, 5, 6, 7]);
  });

  it('is consistent: key, template, labels, a known article format', () => {
    for (const key of DISPOSITION_KEYS) {
      const d = DISPOSITIONS[key];
      assert.equal(d.key, key);
      assert.equal(d.template, `reply.${key}`);
      assert.ok(d.label.zh && d.label.en, key);
      for (const a of d.articles) assert.ok(articleOrder(a) < 9999, `${key}: unparsable article ${a}`);
      if (d.art36Item) assert.ok(d.articles.some((a) => a.startsWith('第三十六条')), `${key} cites Art. 36`);
    }
  });

  // The mapping, row by row, with the articles each reply must cite.
  const MAP: [DispositionKey, string, string[]][] = [
    ['already_public', '3.3.1', ['第三十六条第（一）项']],
    ['release', '3.3.1', ['第三十六条第（二）项']],
    ['partial', '3.3.2', ['第三十七条']],
    ['refuse_state_secret', '3.3.3.1', ['第十四条', '第三十六条第（三）项']],
    ['refuse_law_prohibited', '3.3.3.2', ['第十四条', '第三十六条第（三）项']],
    ['refuse_security_stability', '3.3.3.3', ['第十四条', '第三十六条第（三）项']],
    ['refuse_third_party', '3.3.3.4', ['第十五条', '第三十二条', '第三十六条第（三）项']],
    ['refuse_internal_affairs', '3.3.3.5', ['第十六条第一款']],
    ['refuse_process_info', '3.3.3.6', ['第十六条第二款']],
    ['refuse_enforcement_file', '3.3.3.7', ['第十六条第二款']],
    ['refuse_admin_query', '3.3.3.8', ['第三十六条第（七）项']],
    ['not_held', '3.3.4.1', ['第三十六条第（四）项']],
    ['not_responsible', '3.3.4.1', ['第三十六条第（五）项']],
    ['needs_creation', '3.3.4.2', ['第三十八条']],
    ['unclear_after_correction', '3.3.4.3', ['第三十条']],
    ['petition_complaint', '3.3.5.1', ['第三十九条第一款']],
    ['repeat_request', '3.3.5.2', ['第三十六条第（六）项']],
    ['publication', '3.3.5.3', ['第三十九条第二款']],
    ['excessive_requests', '3.3.5.4', ['第三十五条']],
    ['confirm_or_reissue', '3.3.5.5', []],
    ['correction_lapsed', '3.3.6.1', ['第三十条']],
    ['fee_unpaid', '3.3.6.2', ['第四十二条']],
    ['withdrawn', '3.3.6.3', []],
    ['other', '3.3.6.3', []],
  ];
  for (const [key, row, articles] of MAP) {
    it(`${key} → ${row} citing ${articles.join('、') || '—'}`, () => {
      assert.equal(reportRowOf({ key }), row);
      for (const a of articles) assert.ok(DISPOSITIONS[key].articles.includes(a), `${key} cites ${a}`);
    });
  }
  it('maps every key', () => assert.deepEqual(MAP.map((m) => m[0]).sort(), [...DISPOSITION_KEYS].sort()));

  it('requires the remedies clause for everything but a withdrawal — a full release too (条例 第五十一条, #14.8)', () => {
    for (const key of DISPOSITION_KEYS) {
      const expected = key !== 'withdrawn';
      assert.equal(needsRemedies({ key }), expected, key);
    }
  });

  it('ends cases through the right step', () => {
    assert.equal(DISPOSITIONS.correction_lapsed.via, 'abandon');
    assert.equal(DISPOSITIONS.fee_unpaid.via, 'fee_lapse');
    assert.equal(DISPOSITIONS.withdrawn.via, 'withdraw');
    assert.ok(DISPOSITION_KEYS.filter((k) => !['correction_lapsed', 'fee_unpaid', 'withdrawn'].includes(k)).every((k) => DISPOSITIONS[k].via === 'answer'));
  });

  it('refusal grounds are exactly the 3.3.3.x rows', () => {
    assert.deepEqual(REFUSAL_GROUNDS.map((g) => DISPOSITIONS[g].row), ['3.3.3.1', '3.3.3.2', '3.3.3.3', '3.3.3.4', '3.3.3.5', '3.3.3.6', '3.3.3.7', '3.3.3.8']);
  });
});

describe('validateDisposition', () => {
  const PARTIAL: Disposition = {
    key: 'partial',
    released: [{ description: '项目批复文件' }],
    provision: '邮寄纸质复印件',
    withheld: [
      { description: '专家评审意见', ground: 'refuse_process_info', reason: '属于过程性信息' },
      { description: '投标报价', ground: 'refuse_third_party', reason: '第三方不同意公开' },
    ],
  };
  const CASES: [string, Disposition | undefined, string | null][] = [
    ['missing', undefined, 'unknown_disposition'],
    ['unknown key', { key: 'maybe' as DispositionKey }, 'unknown_disposition'],
    ['release without items', { key: 'release', provision: '邮寄' }, 'disposition_incomplete'],
    ['release with blank item', { key: 'release', released: [{ description: ' ' }], provision: '邮寄' }, 'disposition_incomplete'],
    ['release complete', { key: 'release', released: [{ description: '文件' }], provision: '邮寄' }, null],
    ['already public without where', { key: 'already_public' }, 'disposition_incomplete'],
    ['already public with where', { key: 'already_public', access: '朝阳市人民政府网站“政府信息公开”专栏' }, null],
    ['refusal without reason', { key: 'refuse_process_info' }, 'disposition_incomplete'],
    ['refusal with reason', { key: 'refuse_process_info', reason: '属于讨论记录' }, null],
    ['not responsible without reason', { key: 'not_responsible', holder: { name: '朝阳市自然资源局' } }, 'disposition_incomplete'],
    ['repeat without the earlier reply', { key: 'repeat_request' }, 'disposition_incomplete'],
    ['repeat with it', { key: 'repeat_request', previous: { date: '2024-05-06', number: '朝政办公复〔2024〕3号' } }, null],
    ['admin query without procedure', { key: 'refuse_admin_query', reason: '不动产登记资料' }, 'disposition_incomplete'],
    ['not held, nothing else needed', { key: 'not_held' }, null],
    ['partial complete', PARTIAL, null],
    ['partial with a non-refusal ground', { ...PARTIAL, withheld: [{ description: 'x', ground: 'not_held' as never, reason: 'y' }] }, 'bad_withheld_ground'],
    ['partial withheld without reason', { ...PARTIAL, withheld: [{ description: 'x', ground: 'refuse_state_secret', reason: '' }] }, 'withheld_without_reason'],
    ['partial with nothing withheld', { ...PARTIAL, withheld: [] }, 'disposition_incomplete'],
  ];
  for (const [name, d, code] of CASES) {
    it(`${name} → ${code ?? 'valid'}`, () => {
      const r = validateDisposition(d);
      if (code === null) assert.ok(r.ok, !r.ok ? r.error.zh : '');
      else {
        assert.ok(!r.ok);
        assert.equal(r.error.code, code);
        assert.ok(r.error.zh && r.error.en);
      }
    });
  }

  it('a partial release cites its own articles and each withheld ground’s, in the order of the law', () => {
    assert.deepEqual(citedArticles(PARTIAL), ['第十五条', '第十六条第二款', '第三十二条', '第三十六条第（二）项', '第三十六条第（三）项', '第三十七条']);
  });

  it('orders articles, paragraphs and items numerically', () => {
    const sorted = ['第三十七条', '第三十六条第（五）项', '第十六条第二款', '第十四条', '第三十六条第（三）项', '第十六条第一款', '第二条', '第一百条', '第一百零五条'];
    assert.deepEqual(
      [...sorted].sort((a, b) => articleOrder(a) - articleOrder(b)),
      ['第二条', '第十四条', '第十六条第一款', '第十六条第二款', '第三十六条第（三）项', '第三十六条第（五）项', '第三十七条', '第一百条', '第一百零五条'],
    );
  });
});

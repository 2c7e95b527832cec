import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractDocxText, extractPdfText } from '../../../core/docs/extract.ts';
import { renderDocx } from '../../../core/docs/docx.ts';
import { renderPdf } from '../../../core/docs/pdf.ts';
import { docToText } from '../../../core/docs/text.ts';
import { findIdNumbers } from './applicant.ts';
import { caseIn } from './fixtures.test-helper.ts';
import { citedArticles, DISPOSITION_KEYS, type Disposition, type DispositionKey } from './dispositions.ts';
import {
  buildLetter,
  formatDocNumber,
  LETTER_KINDS,
  LetterError,
  letterText,
  numberPrefix,
  replyContextOf,
  replyKind,
  type LetterBase,
  type LetterData,
  type LetterKind,
} from './letters.ts';

const ID = '110101199003078515';
const PHONE = '13812345678';
const REMEDIES = { reconsiderationOrgan: '朝阳市双塔区人民政府', court: '朝阳市双塔区人民法院' };

/** Personal data is handed in (as a careless caller might) and must not come out. */
const base: LetterBase = {
  organ: { name: '朝阳市双塔区人民政府办公室', contact: '联系电话：0421-2612345', remedies: REMEDIES },
  number: { prefix: '双政办公复', year: 2024, seq: 15 },
  date: '2024-10-15',
  applicant: { name: '王小明', idNumber: ID, phone: PHONE, address: '辽宁省朝阳市双塔区幸福里3号' } as LetterBase['applicant'],
  receivedOn: '2024-10-08',
  request: `双塔区2023年老旧小区改造项目的招标文件（申请人身份证号${ID}）`,
  seal: '（印章）',
};

const DISPOSITION: Record<DispositionKey, Disposition> = {
  already_public: { key: 'already_public', access: '朝阳市双塔区人民政府网站“政府信息公开”专栏“财政预决算”栏目' },
  release: { key: 'release', released: [{ description: '《双塔区2023年老旧小区改造实施方案》' }], provision: '随本答复书一并邮寄' },
  partial: {
    key: 'partial',
    released: [{ description: '招标公告' }],
    provision: '随本答复书一并邮寄',
    withheld: [{ description: '投标人报价明细', ground: 'refuse_third_party', reason: '经书面征求意见，第三方不同意公开且理由合理' }],
  },
  refuse_state_secret: { key: 'refuse_state_secret', reason: '该文件已依法定密为秘密级' },
  refuse_law_prohibited: { key: 'refuse_law_prohibited', reason: '统计调查中的单个调查对象资料依法应当保密', otherBasis: ['《中华人民共和国统计法》第三十九条'] },
  refuse_security_stability: { key: 'refuse_security_stability', reason: '该信息涉及重点目标的安全防范部署' },
  refuse_third_party: { key: 'refuse_third_party', reason: '该信息包含他人的家庭住址和收入情况' },
  refuse_internal_affairs: { key: 'refuse_internal_affairs', reason: '该信息为本机关内部干部考勤记录' },
  refuse_process_info: { key: 'refuse_process_info', reason: '该信息为会议讨论记录' },
  refuse_enforcement_file: { key: 'refuse_enforcement_file', reason: '该信息为行政处罚案件的调查询问笔录' },
  refuse_admin_query: { key: 'refuse_admin_query', procedure: '持身份证明到朝阳市不动产登记中心依照《不动产登记资料查询暂行办法》申请查询' },
  not_held: { key: 'not_held' },
  not_responsible: { key: 'not_responsible', reason: '该信息由市级部门制作', holder: { name: '朝阳市住房和城乡建设局', contact: '0421-2600000' } },
  needs_creation: { key: 'needs_creation', reason: '您要求的统计汇总表需对多个年度的数据重新归集计算' },
  unclear_after_correction: { key: 'unclear_after_correction' },
  petition_complaint: { key: 'petition_complaint', procedure: '12345政务服务便民热线' },
  repeat_request: { key: 'repeat_request', previous: { date: '2024-06-03', number: '双政办公复〔2024〕8号' } },
  publication: { key: 'publication', access: '朝阳市图书馆政府信息查阅点' },
  excessive_requests: { key: 'excessive_requests', reason: '您于一个月内提出申请一百二十件，经要求说明理由，所述理由与申请内容无关' },
  confirm_or_reissue: { key: 'confirm_or_reissue' },
  correction_lapsed: { key: 'correction_lapsed' },
  fee_unpaid: { key: 'fee_unpaid' },
  withdrawn: { key: 'withdrawn' },
  other: { key: 'other', reason: '申请人已通过其他申请获得同一信息并书面表示不再需要答复' },
};

const CONTEXT = {
  correction: { requestedOn: '2024-10-09', correctBy: '2024-10-18', correctedOn: '2024-10-11' },
  fee: { noticeOn: '2024-10-09', payBy: '2024-11-06' },
  reasons: { requestedOn: '2024-10-10', replyBy: '2024-10-21' },
  withdrawnOn: '2024-10-12',
};

function sample<K extends LetterKind>(kind: K): LetterData<K> {
  return sampleOf(kind) as LetterData<K>;
}

function sampleOf(kind: LetterKind): unknown {
  switch (kind) {
    case 'receipt':
      return { ...base, channel: 'online', caseNo: 'YSQ-2024-0015', dueDate: '2024-11-05' };
    case 'correction_notice':
      return { ...base, items: ['请写明所需文件的名称或文号', '请写明获取信息的方式'], correctBy: '2024-10-25' };
    case 'extension_notice':
      return { ...base, workdays: 20, reason: '所申请信息涉及多个部门，需要调取档案', newDueDate: '2024-12-03' };
    case 'reasons_request':
      return { ...base, facts: '自2024年9月1日至10月8日，您共向本机关提出政府信息公开申请62件', replyBy: '2024-10-25' };
    case 'delay_notice':
      return { ...base, reasonsRequestedOn: '2024-10-10', reason: '所申请的62件信息需逐件检索、审查，工作量大', dueDate: '2025-01-15' };
    case 'consultation_letter':
      return { organ: base.organ, number: base.number, date: base.date, receivedOn: base.receivedOn, request: base.request, recipient: { kind: 'third_party', name: '朝阳某建设有限公司' } };
    case 'fee_notice':
      return { ...base, method: 'per_volume', amountYuan: 700, basis: '您申请提供的信息共计100页纸质复印件', payBy: '2024-11-12', payment: '非税收入缴款码 1234567' };
    case 'delivery_record':
      return {
        organ: base.organ,
        number: base.number,
        date: base.date,
        applicant: base.applicant,
        documents: [{ title: '政府信息公开申请答复书', number: '双政办公复〔2024〕14号' }],
        method: 'post',
        deliveredOn: '2024-10-15',
        place: '辽宁省朝阳市双塔区幸福里3号楼2单元501',
        server: '李四',
        note: 'EMS 1100000000000',
      };
    default: {
      const key = kind.slice('reply.'.length) as DispositionKey;
      return { ...base, disposition: DISPOSITION[key], context: CONTEXT };
    }
  }
}

const ALL_KINDS = Object.keys(LETTER_KINDS) as LetterKind[];
const squash = (s: string) => s.replace(/\s+/g, '');

function expectedArticles(kind: LetterKind): string[] {
  return kind.startsWith('reply.') ? citedArticles(DISPOSITION[kind.slice(6) as DispositionKey]) : LETTER_KINDS[kind].articles;
}

describe('letter kinds', () => {
  it('has one reply kind per disposition, on the shared reply sequence', () => {
    for (const key of DISPOSITION_KEYS) {
      const info = LETTER_KINDS[replyKind(key)];
      assert.equal(info.sequence, 'reply');
      assert.equal(info.numberSuffix, '公复');
    }
    assert.equal(ALL_KINDS.length, DISPOSITION_KEYS.length + 8);
    const suffixes = ALL_KINDS.filter((k) => !k.startsWith('reply.')).map((k) => LETTER_KINDS[k].numberSuffix);
    assert.equal(new Set(suffixes).size, suffixes.length, 'each notice numbers from its own prefix (numbers are unique per unit)');
    assert.equal(numberPrefix('朝政办', 'reply.release'), '朝政办公复');
    assert.equal(numberPrefix('朝政办', 'correction_notice'), '朝政办公补');
  });

  it('formats document numbers as 〔year〕N号', () => {
    assert.equal(formatDocNumber({ prefix: '朝政办公复', year: 2024, seq: 7 }), '朝政办公复〔2024〕7号');
    assert.equal(formatDocNumber(' 朝政办公复〔2024〕7号 '), '朝政办公复〔2024〕7号');
    for (const bad of [{ prefix: '', year: 2024, seq: 1 }, { prefix: 'x', year: 24, seq: 1 }, { prefix: 'x', year: 2024, seq: 0 }, { prefix: 'x', year: 2024, seq: 1.5 }]) {
      assert.throws(() => formatDocNumber(bad), LetterError);
    }
  });
});

describe('every letter, as text', () => {
  for (const kind of ALL_KINDS) {
    it(kind, () => {
      const model = buildLetter(kind, sample(kind));
      const text = letterText(model);
      assert.equal(text, docToText(model));
      assert.ok(text.includes('双政办公复〔2024〕15号'), 'number');
      assert.ok(text.includes('2024年10月15日'), 'date in Chinese official form');
      assert.ok(text.includes('朝阳市双塔区人民政府办公室'), 'organ');
      const articles = expectedArticles(kind);
      if (articles.length) assert.ok(text.includes('《中华人民共和国政府信息公开条例》'), 'names the regulation');
      for (const a of articles) assert.ok(text.includes(a), `cites ${a}`);
      const remedies = /申请行政复议/.test(text) && /提起行政诉讼/.test(text);
      assert.equal(remedies, LETTER_KINDS[kind].remedies, 'remedies clause exactly when required');
      if (remedies) {
        assert.ok(text.includes('60日内向朝阳市双塔区人民政府申请行政复议'));
        assert.ok(text.includes('6个月内向朝阳市双塔区人民法院提起行政诉讼'));
      }
      assert.deepEqual(findIdNumbers(text), [], 'no identity number');
      assert.ok(!text.includes(ID) && !text.includes(PHONE) && !text.includes('幸福里3号'), 'no personal data');
      if (kind === 'consultation_letter') assert.ok(!text.includes('王小明'), 'the third party is not told who applied');
      else assert.ok(text.includes('王小明'), 'addressed to the applicant by name');
    });
  }

  it('recites the case facts a reply needs', () => {
    const t = letterText(buildLetter('reply.correction_lapsed', sample('reply.correction_lapsed')));
    assert.ok(t.includes('2024年10月9日') && t.includes('2024年10月18日'), 'correction notice date and deadline');
    const nr = letterText(buildLetter('reply.not_responsible', sample('reply.not_responsible')));
    assert.ok(nr.includes('朝阳市住房和城乡建设局') && nr.includes('0421-2600000'), 'names the responsible organ (Art. 36(5))');
    const law = letterText(buildLetter('reply.refuse_law_prohibited', sample('reply.refuse_law_prohibited')));
    assert.ok(law.includes('《中华人民共和国统计法》第三十九条'));
    const fee = letterText(buildLetter('fee_notice', sample('fee_notice')));
    assert.ok(fee.includes('700元') && fee.includes('按量计收') && fee.includes('《政府信息公开信息处理费管理办法》'));
    const organ = letterText(buildLetter('consultation_letter', { ...(sample('consultation_letter') as object), recipient: { kind: 'organ', name: '朝阳市财政局' } } as never));
    assert.ok(organ.includes('第三十四条') && organ.includes('视为同意公开'));
    const ex = letterText(buildLetter('reply.excessive_requests', sample('reply.excessive_requests')));
    assert.ok(ex.includes('2024年10月10日要求您于2024年10月21日前说明理由') && ex.includes('第三十五条') && ex.includes('不予处理'), 'Art. 35: asked for reasons, then not handled');
    const ask = letterText(buildLetter('reasons_request', sample('reasons_request')));
    assert.ok(ask.includes('62件') && ask.includes('明显超过合理范围') && ask.includes('2024年10月25日前') && ask.includes('第三十五条'));
    const later = letterText(buildLetter('delay_notice', sample('delay_notice')));
    assert.ok(later.includes('申请理由合理') && later.includes('第三十三条规定的期限内答复') && later.includes('第三十五条') && later.includes('2025年1月15日前'), 'Art. 35: the later date and why');
    const receipt = letterText(buildLetter('receipt', sample('receipt')));
    assert.ok(receipt.includes('20个工作日') && receipt.includes('2024年11月5日') && receipt.includes('互联网'));
  });

  it('takes the recited facts from the case', () => {
    const ctx = replyContextOf(caseIn('abandoned'));
    assert.deepEqual(ctx.correction, { requestedOn: '2024-10-09', correctBy: '2024-10-18', correctedOn: undefined });
    assert.deepEqual(replyContextOf(caseIn('fee_unpaid')).fee, { noticeOn: '2024-10-09', payBy: '2024-11-06' });
    assert.equal(replyContextOf(caseIn('withdrawn')).withdrawnOn, '2024-10-09');
  });

  it('refuses to build a refusal, or a full release, without configured remedies (条例 第五十一条)', () => {
    const organ = { name: base.organ.name };
    assert.throws(() => buildLetter('reply.not_held', { ...base, organ, disposition: DISPOSITION.not_held }), (e: unknown) => e instanceof LetterError && e.code === 'remedies_not_configured');
    assert.throws(() => buildLetter('reply.release', { ...base, organ, disposition: DISPOSITION.release }), (e: unknown) => e instanceof LetterError && e.code === 'remedies_not_configured');
  });

  it('a full-release reply states 行政复议 and 行政诉讼 with their periods (#14.8)', () => {
    const text = letterText(buildLetter('reply.release', { ...base, disposition: DISPOSITION.release }));
    assert.ok(text.includes('60日内向朝阳市双塔区人民政府申请行政复议'), text);
    assert.ok(/6个月内.*提起行政诉讼/.test(text), text);
  });

  it('the receipt prints the tracking number and the query code (#14.8)', () => {
    const text = letterText(buildLetter('receipt', { ...base, channel: 'in_person', caseNo: '20241008-482913', queryCode: 'ABCD2345XY' }));
    assert.ok(text.includes('查询编号：20241008-482913') && text.includes('查询码：ABCD2345XY'), text);
  });

  it('refuses a kind that does not match the disposition, and missing content', () => {
    assert.throws(() => buildLetter('reply.release', { ...base, disposition: DISPOSITION.not_held }), LetterError);
    assert.throws(() => buildLetter('reply.refuse_process_info', { ...base, disposition: { key: 'refuse_process_info' } }), LetterError);
    assert.throws(() => buildLetter('correction_notice', { ...base, items: [], correctBy: '2024-10-25' }), LetterError);
    assert.throws(() => buildLetter('extension_notice', { ...base, workdays: 21, reason: 'x' }), LetterError);
  });

  it('speaks to an organisation as 贵单位', () => {
    const t = letterText(buildLetter('reply.not_held', { ...base, applicant: { name: '朝阳某律师事务所', organization: true }, disposition: DISPOSITION.not_held }));
    assert.ok(t.includes('收到贵单位提出的政府信息公开申请') && !t.includes('您'));
  });
});

describe('every letter, rendered to DOCX and PDF and read back', () => {
  for (const kind of ALL_KINDS) {
    it(kind, async () => {
      const model = buildLetter(kind, sample(kind));
      const [docx, pdf] = await Promise.all([renderDocx(model), renderPdf(model)]);
      const texts = { docx: squash(extractDocxText(docx)), pdf: squash(await extractPdfText(pdf)) };
      for (const [format, text] of Object.entries(texts)) {
        assert.ok(text.includes('双政办公复〔2024〕15号'), `${format}: number`);
        assert.ok(text.includes('2024年10月15日'), `${format}: date`);
        for (const a of expectedArticles(kind)) assert.ok(text.includes(a), `${format}: cites ${a}`);
        assert.equal(text.includes('申请行政复议'), LETTER_KINDS[kind].remedies, `${format}: remedies exactly when required`);
        assert.ok(!text.includes(ID) && findIdNumbers(text).length === 0, `${format}: no identity number`);
      }
    });
  }
});

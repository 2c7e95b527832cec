import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNotice, unusualEntry } from './notice.ts';

const TEXT = `年份：2027
文号：国办发明电〔2026〕7号
元旦：2027-01-01至2027-01-03
春节：2月5日至12日；上班：2月14日、2月20日
# a comment line
劳动节: 5月1日-5日; 上班: 4月25日`;

test('the text form: ranges, make-up days, month-day dates, ASCII and full-width punctuation', () => {
  const { value, errors } = parseNotice(TEXT);
  assert.deepEqual(errors, []);
  assert.equal(value!.year, 2027);
  assert.equal(value!.source, '国办发明电〔2026〕7号');
  assert.deepEqual(value!.holidays.map((h) => [h.name, h.start, h.end, h.workdays]), [
    ['元旦', '2027-01-01', '2027-01-03', []],
    ['春节', '2027-02-05', '2027-02-12', ['2027-02-14', '2027-02-20']],
    ['劳动节', '2027-05-01', '2027-05-05', ['2027-04-25']],
  ]);
  const days = value!.days;
  assert.equal(days.filter((d) => !d.isWorkday).length, 3 + 8 + 5);
  assert.deepEqual(days.filter((d) => d.isWorkday).map((d) => d.date), ['2027-02-14', '2027-02-20', '2027-04-25']);
  // in date order
  assert.deepEqual(days.map((d) => d.date), [...days.map((d) => d.date)].sort());
});

test('the JSON form gives the same days', () => {
  const json = JSON.stringify({
    year: 2027, source: '国办发明电〔2026〕7号',
    holidays: [
      { name: '元旦', start: '2027-01-01', end: '2027-01-03' },
      { name: '春节', start: '2027-02-05', end: '2027-02-12', workdays: ['2027-02-14', '2027-02-20'] },
      { name: '劳动节', start: '2027-05-01', end: '2027-05-05', workdays: ['2027-04-25'] },
    ],
  });
  assert.deepEqual(parseNotice(json).value!.days, parseNotice(TEXT).value!.days);
  // a one-day holiday may omit end
  assert.deepEqual(parseNotice(JSON.stringify({ year: 2027, source: 'x', holidays: [{ name: '清明节', start: '2027-04-05' }] })).value!.days, [{ date: '2027-04-05', isWorkday: false, name: '清明节' }]);
});

test('a range may start in December of the year before', () => {
  const { value, errors } = parseNotice('年份：2023\n文号：国办发明电〔2022〕16号\n元旦：2022-12-31至2023-01-02');
  assert.deepEqual(errors, []);
  assert.deepEqual(value!.days.map((d) => d.date), ['2022-12-31', '2023-01-01', '2023-01-02']);
});

test('bad input: line-numbered messages in both languages, nothing parsed', () => {
  const cases: [string, RegExp][] = [
    ['', /请粘贴放假安排/],
    ['文号：x\n元旦：2027-01-01', /请写明年份/],
    ['年份：2027\n元旦：2027-01-01', /请写明依据文件文号/],
    ['年份：2027\n文号：x\n元旦：2027-13-01', /第 3 行：放假日期格式不正确|第 3 行.*不是有效日期/],
    ['年份：2027\n文号：x\n元旦：2027-01-03至2027-01-01', /结束日期早于开始日期/],
    ['年份：2027\n文号：x\n春节：2027-02-01至2027-02-28', /超过 15 天/],
    ['年份：2027\n文号：x\n国庆节：2028-10-01至2028-10-03', /不在 2027 年的安排范围内/],
    ['年份：2027\n文号：x\n元旦：2027-01-01\n春节：2027-01-01', /已在第 3 行出现/],
    ['年份：2027\n文号：x\n春节：2月5日；上班：2月31日', /调休上班日期“2月31日”不是有效日期/],
    ['年份：2027\n文号：x\n春节：2月5日；休息：2月6日', /分号后只能写/],
    ['年份：2027\n文号：x\n这一行没有冒号', /第 3 行：格式应为/],
    ['{ "year": 2027, "source": "x" ', /JSON 格式不正确/],
    ['{ "year": 2027, "source": "x" }', /缺少 holidays/],
    ['{ "year": 1999, "source": "x", "holidays": [] }', /年份应为/],
    ['{ "year": 2027, "source": "x", "holidays": [{ "name": "元旦", "start": "1月1日" }] }', /start\/end 应为 YYYY-MM-DD/],
  ];
  for (const [input, re] of cases) {
    const r = parseNotice(input);
    assert.equal(r.value, undefined, input);
    const all = r.errors.map((e) => `${e.line ? `第 ${e.line} 行：` : ''}${e.message.zh}`).join('\n');
    assert.match(all, re, input);
    assert.ok(r.errors.every((e) => e.message.en.length > 0));
  }
});

test('unusual entries are flagged for confirmation, ordinary ones are not', () => {
  assert.match(unusualEntry('2027-01-02', false)!.zh, /星期六，本来就是休息日/); // a Saturday marked 放假
  assert.match(unusualEntry('2027-01-06', true)!.zh, /星期三，本来就是工作日/); // a Wednesday marked 上班
  assert.match(unusualEntry('2027-10-01', true)!.zh, /法定节假日（国庆节/); // 国庆 worked
  assert.equal(unusualEntry('2027-01-04', false), null); // a Monday off: what a notice does
  assert.equal(unusualEntry('2027-02-20', true), null); // a Saturday worked: a make-up day
  assert.equal(unusualEntry('nonsense', true), null);
});

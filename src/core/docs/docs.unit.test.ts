import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import mammoth from 'mammoth';
import { pdfFontBytes, pdfFontPath } from './fonts.ts';
import { extractDocxText, extractPdfItems, extractPdfPages, extractPdfText, readDocxXml, readZipEntry } from './extract.ts';
import { chineseNumber, formatChineseDate } from './format.ts';
import { body, DocModelError, p, type DocModel, type TableBlock } from './model.ts';
import { renderDocx } from './docx.ts';
import { PDF_CONTENT_BOX, renderPdf } from './pdf.ts';
import { headerRowCount, resolveGrid, rowBands } from './table-grid.ts';
import { docToText } from './text.ts';

/** The annual report's table 3 header: three header rows with merged cells, then data rows. */
function table3(dataRows: number): TableBlock {
  return {
    type: 'table',
    headerRows: 3,
    widths: [4, 1, 1, 1, 1, 1, 1, 1],
    rows: [
      [{ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', rowSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
      [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: '总计', rowSpan: 2 }],
      ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
      ...Array.from({ length: dataRows }, (_, i) => [
        { text: `第${chineseNumber(i + 1)}项 本年新收政府信息公开申请数量`, align: 'left' as const },
        String(i),
        '0',
        '0',
        '0',
        '0',
        '0',
        String(i),
      ]),
    ],
  };
}

const model: DocModel = {
  title: '朝阳市双塔区人民政府办公室\n政府信息公开申请答复书',
  number: '双政办公复〔2024〕7号',
  footer: { pageNumbers: true },
  blocks: [
    p('王小明：'),
    body(['本机关于2024年10月8日收到您提出的政府信息公开申请。', { text: '经审查', bold: true }, '，现答复如下。']),
    { type: 'heading', text: '一、申请处理情况' },
    table3(3),
    body('特此答复。', { keepWithNext: true }),
    { type: 'signature', organ: '朝阳市双塔区人民政府办公室', date: '2024-10-15', seal: '（盖章）' },
  ],
};

describe('format', () => {
  it('writes official dates without leading zeros (GB/T 9704)', () => {
    assert.equal(formatChineseDate('2024-10-15'), '2024年10月15日');
    assert.equal(formatChineseDate('2024-01-05'), '2024年1月5日');
    assert.throws(() => formatChineseDate('2024-02-30'), RangeError);
    assert.throws(() => formatChineseDate('2024/02/03'), RangeError);
  });
  it('writes Chinese numerals', () => {
    const cases: [number, string][] = [[0, '零'], [5, '五'], [10, '十'], [15, '十五'], [20, '二十'], [60, '六十'], [105, '一百零五'], [110, '一百一十'], [2024, '二千零二十四']];
    for (const [n, zh] of cases) assert.equal(chineseNumber(n), zh, String(n));
  });
});

describe('table grid', () => {
  it('places merged header cells on the grid', () => {
    const grid = resolveGrid(table3(2));
    assert.equal(grid.columnCount, 8);
    assert.equal(grid.rowCount, 5);
    const at = (text: string) => grid.cells.find((c) => c.cell.text === text);
    assert.deepEqual([at('申请人情况')?.row, at('申请人情况')?.col, at('申请人情况')?.colSpan], [0, 1, 7]);
    assert.deepEqual([at('自然人')?.row, at('自然人')?.col, at('自然人')?.rowSpan], [1, 1, 2]);
    assert.deepEqual([at('总计')?.col], [7]);
    // Row 3 starts after the two slots covered from above.
    assert.deepEqual([at('商业企业')?.row, at('商业企业')?.col], [2, 2]);
    assert.deepEqual(rowBands(grid), [[0, 2], [3, 3], [4, 4]]);
  });

  it('widens the header over cells merged down out of it', () => {
    const t = table3(1);
    assert.equal(headerRowCount({ ...t, headerRows: 1 }, resolveGrid(t)), 3);
  });

  const bad: [string, TableBlock['rows']][] = [
    ['ragged rows', [['a', 'b'], ['c']]],
    ['span past the bottom', [[{ text: 'a', rowSpan: 3 }, 'b'], ['c']]],
    ['overlap', [[{ text: 'a', rowSpan: 2 }, 'b'], [{ text: 'c', colSpan: 2 }, 'd']]],
    ['zero span', [[{ text: 'a', colSpan: 0 }]]],
  ];
  for (const [name, rows] of bad) {
    it(`rejects ${name}`, () => assert.throws(() => resolveGrid({ type: 'table', rows }), DocModelError));
  }
});

describe('plain text', () => {
  it('gives title, number, indented paragraphs, table rows and the signature', () => {
    const text = docToText(model);
    assert.match(text, /^朝阳市双塔区人民政府办公室\n政府信息公开申请答复书\n双政办公复〔2024〕7号/);
    assert.match(text, /\u3000\u3000本机关于2024年10月8日收到您提出的政府信息公开申请。经审查，现答复如下。/);
    assert.match(text, /\t申请人情况\t/);
    assert.match(text, /（盖章）\n朝阳市双塔区人民政府办公室\n2024年10月15日/);
  });
});

describe('renderDocx', () => {
  it('writes the text, the cells and the merges, parsed back from the zip', async () => {
    const docx = await renderDocx(model);
    assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK');
    const text = extractDocxText(docx);
    for (const s of ['政府信息公开申请答复书', '双政办公复〔2024〕7号', '王小明：', '经审查', '申请人情况', '法人或其他组织', '社会公益组织', '第三项 本年新收政府信息公开申请数量', '2024年10月15日']) {
      assert.ok(text.includes(s), `DOCX text lacks ${s}`);
    }
    const xml = readDocxXml(docx);
    assert.match(xml, /<w:gridSpan w:val="7"\/>/, '申请人情况 spans 7 columns');
    assert.match(xml, /<w:gridSpan w:val="5"\/>/, '法人或其他组织 spans 5 columns');
    assert.equal((xml.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length, 3, 'three cells merge downwards');
    assert.equal((xml.match(/<w:tblHeader\/>/g) ?? []).length, 3, 'three header rows repeat');
    assert.match(xml, /w:eastAsia="仿宋_GB2312"/);
    assert.match(xml, /w:firstLineChars="200"/);
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/, 'A4');
  });

  it('declares its Chinese faces in word/fontTable.xml: GB2312 charset, Windows alternative names', async () => {
    const xml = readZipEntry(await renderDocx(model), 'word/fontTable.xml')!.toString('utf8');
    const font = (name: string) => new RegExp(`<w:font w:name="${name}">(.*?)</w:font>`).exec(xml)?.[1] ?? '';
    for (const [name, alt] of [['仿宋_GB2312', 'FangSong'], ['方正小标宋简体', 'SimSun'], ['楷体_GB2312', 'KaiTi'], ['黑体', 'SimHei'], ['宋体', 'SimSun']]) {
      const decl = font(name);
      assert.ok(decl, `${name} declared`);
      assert.match(decl, /<w:charset w:val="86"\/>/, `${name}: GB2312`);
      assert.match(decl, new RegExp(`<w:altName w:val="${alt}"/>`), `${name}: alternative name ${alt}`);
      assert.match(decl, /w:csb0="00040001"/, `${name}: code page 936 in the signature`);
    }
    assert.match(font('Times New Roman'), /<w:charset w:val="00"\/>/);
  });

  it('is a file another reader opens (mammoth)', async () => {
    const docx = await renderDocx(model);
    const { value } = await mammoth.extractRawText({ buffer: docx });
    assert.ok(value.includes('政府信息公开申请答复书') && value.includes('社会公益组织'));
  });
});

describe('fonts', () => {
  it('finds the embedded PDF fonts through module resolution and reads each once', () => {
    for (const w of ['regular', 'bold', 'serif', 'serif-bold'] as const) {
      assert.ok(existsSync(pdfFontPath(w)), w);
      assert.equal(pdfFontBytes(w), pdfFontBytes(w), 'cached: the same buffer');
      assert.equal(pdfFontBytes(w).readUInt32BE(0), 0x00010000, 'a TrueType file');
    }
  });
});

describe('renderPdf', () => {
  it('embeds the CJK font: the Chinese text extracts back', async () => {
    const pdf = await renderPdf(model);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.toString('latin1'), /\/FontFile2/, 'a TrueType font is embedded');
    const text = (await extractPdfText(pdf)).replace(/\s+/g, '');
    for (const s of ['政府信息公开申请答复书', '双政办公复〔2024〕7号', '王小明：', '经审查', '申请人情况', '法人或其他组织', '总计', '2024年10月15日', '（盖章）', '—1—']) {
      assert.ok(text.includes(s), `PDF text lacks ${s}`);
    }
  });

  it('breaks a long table across pages and repeats its header', async () => {
    const long: DocModel = { title: '长表格', footer: { pageNumbers: true }, blocks: [table3(60)] };
    const pages = await extractPdfPages(await renderPdf(long));
    assert.ok(pages.length >= 3, `expected several pages, got ${pages.length}`);
    const flat = pages.map((t) => t.replace(/\s+/g, ''));
    for (const [i, page] of flat.entries()) {
      assert.ok(page.includes('申请人情况'), `header repeated on page ${i + 1}`);
      assert.ok(page.includes(`—${i + 1}—`), `page number on page ${i + 1}`);
    }
    // Every data row appears exactly once.
    const all = flat.join('');
    for (const n of [1, 30, 60]) {
      const label = `第${chineseNumber(n)}项本年新收政府信息公开申请数量`;
      assert.equal(all.split(label).length - 1, 1, label);
    }
  });

  it('splits a merged band taller than a page, repeating its label with “（续）”, never drawing into the footer', async () => {
    // table 3's shape: a merged row label (三、本年度办理结果) over 45 rows, then a row after it
    const band = 45;
    const t: TableBlock = {
      type: 'table',
      headerRows: 3,
      widths: [1.5, 3, 1, 1, 1, 1, 1, 1, 1],
      rows: [
        [{ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', rowSpan: 3, colSpan: 2 }, { text: '申请人情况', colSpan: 7 }],
        [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: '总计', rowSpan: 2 }],
        ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
        ...Array.from({ length: band }, (_, i) => [
          ...(i === 0 ? [{ text: '三、本年度办理结果', rowSpan: band }] : []),
          { text: `第${chineseNumber(i + 1)}项办理结果`, align: 'left' as const },
          '1', '0', '0', '0', '0', '0', '1',
        ]),
        [{ text: '四、结转下年度继续办理', colSpan: 2, align: 'left' as const }, '2', '0', '0', '0', '0', '0', '2'],
      ],
    };
    const pdf = await renderPdf({ title: '长表', footer: { pageNumbers: true }, blocks: [p('表前的段落。'), t] });
    const pages = await extractPdfItems(pdf);
    assert.ok(pages.length >= 2, 'the band runs over more than one page');
    const all = pages.map((pg) => pg.items.map((x) => x.str).join('').replace(/\s+/g, ''));
    const text = all.join('');
    for (let i = 1; i <= band; i++) assert.equal(text.split(`第${chineseNumber(i)}项办理结果`).length - 1, 1, `row ${i} once`);
    assert.ok(text.includes('四、结转下年度继续办理'), 'the row after the band');
    for (const [i, page] of all.entries()) {
      if (i > 0) assert.ok(page.includes('三、本年度办理结果（续）'), `page ${i + 1} repeats the merged label with （续）`);
      assert.ok(page.includes('申请人情况'), `page ${i + 1} repeats the header`);
    }
    for (const [i, pg] of pages.entries()) {
      for (const it of pg.items) {
        if (/^—\s*\d+\s*—$/.test(it.str.trim())) {
          assert.ok(it.y < pg.height - PDF_CONTENT_BOX.bottom, 'the page number is below the content box');
          continue;
        }
        const top = pg.height - PDF_CONTENT_BOX.top;
        const bottom = pg.height - PDF_CONTENT_BOX.bottom;
        assert.ok(it.y - it.height * 0.2 >= bottom && it.y + it.height * 0.9 <= top, `page ${i + 1}: “${it.str}” at y=${it.y.toFixed(1)} outside ${bottom.toFixed(1)}–${top.toFixed(1)}`);
        assert.ok(it.x >= PDF_CONTENT_BOX.left - 0.5 && it.x + it.width <= PDF_CONTENT_BOX.right + it.height / 2 + 0.5, `page ${i + 1}: “${it.str}” beyond the side margins`);
      }
    }
  });

  it('justifies Chinese paragraphs: full lines reach the right margin, the last line does not', async () => {
    const text = '本机关坚持以公开为常态、不公开为例外，通过政府网站主动公开政府信息，其中政策文件若干件，发布政策解读若干篇，召开新闻发布会若干场，开展在线访谈若干期，回应社会关切。';
    const pages = await extractPdfItems(await renderPdf({ title: '两端对齐', blocks: [body(text)] }));
    const lines = pages[0].items.filter((x) => x.height > 15 && x.height < 17);
    assert.ok(lines.length >= 3, `several lines, got ${lines.length}`);
    const right = (x: { x: number; width: number }) => x.x + x.width;
    for (const l of lines.slice(0, -1)) assert.ok(Math.abs(right(l) - PDF_CONTENT_BOX.right) < 2.5, `full line ends at the margin: ${right(l).toFixed(1)} vs ${PDF_CONTENT_BOX.right.toFixed(1)}`);
    assert.ok(right(lines[lines.length - 1]) < PDF_CONTENT_BOX.right - 16, 'the last line is not stretched');
    // no closing mark starts a line (避头)
    for (const l of lines) assert.ok(!/^[，。、；：？！）》」』】]/.test(l.str), `line starts with a closing mark: ${l.str}`);
    assert.equal(lines.map((l) => l.str).join('').replace(/\s+/g, ''), text, 'the text reads back whole, without inserted spaces');
  });

  it('embeds the serif for body text and the sans for first-level headings', async () => {
    const pdf = (await renderPdf(model)).toString('latin1');
    assert.match(pdf, /\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    assert.match(pdf, /\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Bold/, 'title');
    assert.match(pdf, /\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/, '一级标题 (黑体)');
    assert.doesNotMatch(pdf, /NotoSansSC-Regular/, 'a face that is not used is not embedded');
  });

  it('prints a notice as a framed box with its title and numbered items', async () => {
    const notice: DocModel = { title: '草稿', blocks: [{ type: 'notice', title: '草稿 · 未解决的问题', items: ['表三 （七）总计：应等于各项之和', [{ text: '正文', bold: true }, '尚有【待填写】']] }] };
    const text = (await extractPdfText(await renderPdf(notice))).replace(/\s+/g, '');
    assert.ok(text.includes('草稿·未解决的问题'));
    assert.ok(text.includes('1.表三（七）总计：应等于各项之和') && text.includes('2.正文尚有【待填写】'), text);
    const docx = await renderDocx(notice);
    assert.ok(extractDocxText(docx).includes('草稿 · 未解决的问题'));
    assert.match(docToText(notice), /【草稿 · 未解决的问题】\n1\. 表三/);
  });

  it('rejects a broken table instead of drawing it wrong', async () => {
    await assert.rejects(renderPdf({ title: 'x', blocks: [{ type: 'table', rows: [['a', 'b'], ['c']] }] }), DocModelError);
  });
});

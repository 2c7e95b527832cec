import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanWordHtml, looksLikeWord } from './word-paste.ts';
import { sanitizeRichText } from './sanitize.ts';

// Shaped like what Word puts on the clipboard (fictional text).
const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta charset="utf-8"><style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm;} --></style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN style='tab-interval:21.0pt'>
<h1 style='mso-pagination:widow-orphan'><span lang=EN-US style='font-family:宋体;mso-bidi-font-family:"Times New Roman"'>关于开展示例检查的通知</span></h1>
<p class=MsoNormal style='text-indent:2em;mso-char-indent-count:2.0'><span style='font-family:仿宋;mso-ascii-font-family:仿宋'>各有关单位：<o:p></o:p></span></p>
<p class=MsoNormal><b><span style='mso-bidi-font-weight:normal'>一、检查范围</span></b><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><span>示例街道</span></p>
<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><i>样例社区</i></p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span><![endif]>要点甲</p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'><tr style='mso-yfti-irow:0'><td width=277 valign=top style='width:207.4pt;mso-border-alt:solid windowtext .5pt'><p class=MsoNormal><span>项目</span></p></td><td colspan=2><p class=MsoNormal>金额</p></td></tr></table>
<p class=MsoNormal><font face="宋体" size=3>详见<a href="https://www.example.gov.cn/x.html"><span style='color:#0563C1;mso-themecolor:hyperlink'>附件说明</span></a></font></p>
<!--[if supportFields]><span style='mso-element:field-begin'></span><![endif]-->
</body></html>`;

test('looksLikeWord: Word markup yes, editor output no', () => {
  assert.equal(looksLikeWord(WORD), true);
  assert.equal(looksLikeWord('<p>普通<strong>文本</strong></p>'), false);
});

test('cleanWordHtml: mso styles, o:p, conditional comments, Mso classes, font tags and bare spans go', () => {
  const out = cleanWordHtml(WORD);
  assert.doesNotMatch(out, /mso-/i);
  assert.doesNotMatch(out, /<o:p|<\/o:p|<w:|<xml/i);
  assert.doesNotMatch(out, /\[if|endif\]|<!--/i);
  assert.doesNotMatch(out, /class=["']?Mso/i);
  assert.doesNotMatch(out, /<font/i);
  assert.doesNotMatch(out, /<span>/i);
  assert.doesNotMatch(out, /<style|<head/i);
  // non-mso style kept for the sanitizer to judge
  assert.match(out, /style="text-indent:2em"/);
});

test('cleanWordHtml: Word list paragraphs become <ol>/<ul> without the drawn markers', () => {
  const out = cleanWordHtml(WORD);
  assert.match(out, /<ol><li>示例街道<\/li><li><i>样例社区<\/i><\/li><\/ol><ul><li>要点甲<\/li><\/ul>/);
  assert.doesNotMatch(out, />1\.|>2\.|·/);
});

test('sanitizer path: Word paste ends up as clean allowed HTML (headings, lists, tables, bold/italic, links)', () => {
  const out = sanitizeRichText(WORD);
  assert.equal(
    out.replace(/\s*\n\s*/g, ''),
    '<h2>关于开展示例检查的通知</h2><p>各有关单位：</p><p><strong>一、检查范围</strong></p>' +
      '<ol><li>示例街道</li><li><em>样例社区</em></li></ol><ul><li>要点甲</li></ul>' +
      '<table><tr><td><p>项目</p></td><td colspan="2"><p>金额</p></td></tr></table>' +
      '<p>详见<a href="https://www.example.gov.cn/x.html" rel="noopener noreferrer">附件说明</a></p>',
  );
});

test('cleanWordHtml: non-Word HTML is returned unchanged', () => {
  const html = '<p>正文<span class="x">保留</span></p><!-- a note -->';
  assert.equal(cleanWordHtml(html), html);
});

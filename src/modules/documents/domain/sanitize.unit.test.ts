import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText, sanitizeRichText } from './sanitize.ts';

// Payloads from common XSS cheat sheets; none may survive in an executable form.
const XSS: Array<[string, string]> = [
  ['script tag', '<p>前<script>alert(1)</script>后</p>'],
  ['script with src', '<script src="https://evil.example/x.js"></script>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['event handler on allowed tag', '<p onclick="alert(1)" onmouseover="alert(2)">点击</p>'],
  ['javascript: href', '<a href="javascript:alert(1)">链接</a>'],
  ['obfuscated javascript: href', '<a href="JaVaScRiPt&colon;alert(1)">链接</a>'],
  ['javascript: with tab', '<a href="java\tscript:alert(1)">链接</a>'],
  ['entity-encoded javascript:', '<a href="&#106;avascript:alert(1)">链接</a>'],
  ['data: href', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">链接</a>'],
  ['vbscript: href', '<a href="vbscript:msgbox(1)">链接</a>'],
  ['svg onload', '<svg onload=alert(1)><circle r="1"/></svg>'],
  ['svg with script', '<svg><script>alert(1)</script></svg>'],
  ['style tag', '<style>body{background:url(javascript:alert(1))}</style><p>正文</p>'],
  ['style attribute', '<p style="background:url(javascript:alert(1))">正文</p>'],
  ['iframe', '<iframe src="https://evil.example"></iframe>'],
  ['object/embed', '<object data="x.swf"></object><embed src="x.swf">'],
  ['form', '<form action="https://evil.example"><input name=a><button>提交</button></form>'],
  ['math href', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['base href', '<base href="https://evil.example/">'],
  ['img data: src', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ['unclosed attribute trick', '<img src="x" alt="a" onerror="alert(1)"'],
  ['nested tag trick', '<scr<script>ipt>alert(1)</script>'],
  ['comment trick', '<!--<img src=x onerror=alert(1)>-->'],
];

for (const [name, payload] of XSS) {
  test(`XSS neutralised: ${name}`, () => {
    const out = sanitizeRichText(payload);
    assert.doesNotMatch(out, /<script|<svg|<math|<iframe|<object|<embed|<form|<input|<style|<meta|<base/i);
    assert.doesNotMatch(out, /\son\w+\s*=/i, 'no event handler attributes');
    assert.doesNotMatch(out, /javascript:|vbscript:|data:/i);
    assert.doesNotMatch(out, /style=/i);
    // Whatever remains must be stable under a second pass (no mutation-based XSS).
    assert.equal(sanitizeRichText(out), out);
  });
}

test('text inside script/style/svg is dropped, text of other removed tags kept', () => {
  assert.equal(sanitizeRichText('<p>前<script>alert(1)</script>后</p>'), '<p>前后</p>');
  assert.equal(sanitizeRichText('<style>p{}</style><p>正文</p>'), '<p>正文</p>');
  assert.equal(sanitizeRichText('<p><span class="x">保留</span><font color="red">文字</font></p>'), '<p>保留文字</p>');
});

test('government-article structure survives', () => {
  const html =
    '<h2>一、总体要求</h2><p><strong>重点</strong><em>强调</em><u>下划线</u>m<sup>2</sup>H<sub>2</sub>O<br>换行</p>' +
    '<ol><li>第一</li></ol><ul><li>要点</li></ul><blockquote>引文</blockquote>' +
    '<table><thead><tr><th colspan="2">表头</th></tr></thead><tbody><tr><td rowspan="2">甲</td><td>乙</td></tr></tbody></table>';
  assert.equal(
    sanitizeRichText(html),
    '<h2>一、总体要求</h2><p><strong>重点</strong><em>强调</em><u>下划线</u>m<sup>2</sup>H<sub>2</sub>O<br />换行</p>' +
      '<ol><li>第一</li></ol><ul><li>要点</li></ul><blockquote>引文</blockquote>' +
      '<table><thead><tr><th colspan="2">表头</th></tr></thead><tbody><tr><td rowspan="2">甲</td><td>乙</td></tr></tbody></table>',
  );
});

test('links: http/https/mailto/relative kept with rel=noopener; other attributes dropped', () => {
  assert.equal(sanitizeRichText('<a href="https://www.gov.cn" target="_blank" rel="opener">中国政府网</a>'), '<a href="https://www.gov.cn" rel="noopener noreferrer">中国政府网</a>');
  assert.equal(sanitizeRichText('<a href="http://www.chaoyang.gov.cn/x">x</a>'), '<a href="http://www.chaoyang.gov.cn/x" rel="noopener noreferrer">x</a>');
  assert.equal(sanitizeRichText('<a href="mailto:gk@example.gov.cn">邮件</a>'), '<a href="mailto:gk@example.gov.cn" rel="noopener noreferrer">邮件</a>');
  assert.equal(sanitizeRichText('<a href="/files/1.pdf">附件</a>'), '<a href="/files/1.pdf" rel="noopener noreferrer">附件</a>');
  assert.equal(sanitizeRichText('<a href="//evil.example/">x</a>'), '<a rel="noopener noreferrer">x</a>');
});

test('images: https or relative src only; refused images disappear', () => {
  assert.equal(sanitizeRichText('<img src="https://www.example.gov.cn/a.png" alt="图解" width="9" onload="x()">'), '<img src="https://www.example.gov.cn/a.png" alt="图解" />');
  assert.equal(sanitizeRichText('<img src="/uploads/a.png" alt="">'), '<img src="/uploads/a.png" alt="" />');
  assert.equal(sanitizeRichText('<p>前<img src="http://plain.example/a.png">后</p>'), '<p>前后</p>');
  assert.equal(sanitizeRichText('<img src="//cdn.example/a.png">'), '');
});

test('word-processor markup is mapped onto the allowed set', () => {
  assert.equal(sanitizeRichText('<h1>标题</h1><h5>小节</h5><b>粗</b><i>斜</i>'), '<h2>标题</h2><h4>小节</h4><strong>粗</strong><em>斜</em>');
  assert.equal(sanitizeRichText('<div class="WordSection1"><p>段落</p></div>'), '<p>段落</p>');
  assert.equal(sanitizeRichText('<div>第一行</div><div>第二行</div>'), '第一行<br />第二行');
  assert.equal(sanitizeRichText('<td colspan="abc" rowspan="2">x</td>'), '<td rowspan="2">x</td>');
});

test('htmlToText keeps paragraph breaks, decodes entities and drops scripts', () => {
  const html = '<h2>标题</h2><p>第一段&amp;<b>加粗</b></p><p>第二&nbsp;段 &lt;附件&gt;</p><script>bad()</script>' +
    '<table><tr><td>甲</td><td>乙</td></tr></table>尾<br>行';
  assert.equal(htmlToText(html), '标题\n第一段&加粗\n第二 段 <附件>\n甲 乙\n\n尾\n行');
  assert.equal(htmlToText(''), '');
  assert.equal(htmlToText('<p>&#26397;&#x9633;</p>'), '朝阳');
});

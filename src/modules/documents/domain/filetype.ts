// Attachment checks: the type is decided by the bytes, never by the file name.
//
// Attachments are downloaded by the public from a government site (条例 第二十四条: 检索、查阅、下载),
// so a file that claims to be a PDF but is an executable or an HTML page (which a browser could
// run on our origin) is refused, as is a file whose name says one type and whose content is
// another. Office files are ZIP packages: DOCX and XLSX are told apart by their parts, checked
// both by `file-type` ([Content_Types].xml) and by our own read of the ZIP central directory.

import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { zipBombReason } from '../../../core/docs/zip.ts';
import type { Label } from './taxonomy.ts';

export type AttachmentKind = 'pdf' | 'docx' | 'xlsx' | 'png' | 'jpeg' | 'gif' | 'webp';

interface KindInfo {
  mime: string;
  ext: string;
  /** Extensions a file name may carry for this kind. */
  names: string[];
  zh: string;
  en: string;
}

export const ATTACHMENT_KINDS: Record<AttachmentKind, KindInfo> = {
  pdf: { mime: 'application/pdf', ext: 'pdf', names: ['pdf'], zh: 'PDF 文档', en: 'PDF document' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', names: ['docx'], zh: 'Word 文档（DOCX）', en: 'Word document (DOCX)' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', names: ['xlsx'], zh: 'Excel 表格（XLSX）', en: 'Excel workbook (XLSX)' },
  png: { mime: 'image/png', ext: 'png', names: ['png'], zh: 'PNG 图片', en: 'PNG image' },
  jpeg: { mime: 'image/jpeg', ext: 'jpg', names: ['jpg', 'jpeg', 'jpe'], zh: 'JPEG 图片', en: 'JPEG image' },
  gif: { mime: 'image/gif', ext: 'gif', names: ['gif'], zh: 'GIF 图片', en: 'GIF image' },
  webp: { mime: 'image/webp', ext: 'webp', names: ['webp'], zh: 'WebP 图片', en: 'WebP image' },
};

/** What a reader is told a file is ("Word 文档（DOCX）"), never its MIME type; null for an unknown kind. */
export function attachmentKindLabel(kind: string): Label | null {
  const k = ATTACHMENT_KINDS[kind as AttachmentKind];
  return k ? { zh: k.zh, en: k.en } : null;
}

export const DEFAULT_MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

export type SniffErrorCode =
  | 'empty'
  | 'too_large'
  | 'no_extension'
  | 'extension_not_allowed'
  | 'unrecognised_content'
  | 'content_not_allowed'
  | 'extension_mismatch'
  | 'office_ambiguous'
  | 'office_macro'
  | 'zip_bomb';

export type SniffResult =
  | {
      ok: true;
      kind: AttachmentKind;
      mime: string;
      /** Canonical extension for storage and downloads. */
      ext: string;
      size: number;
      /** Hex SHA-256 of the bytes, stored with the file to detect tampering and duplicates. */
      sha256: string;
      warnings: Label[];
    }
  | { ok: false; code: SniffErrorCode; message: Label };

export interface SniffOptions {
  maxBytes?: number;
}

const fail = (code: SniffErrorCode, message: Label): SniffResult => ({ ok: false, code, message });

/** A package that would unpack to far more than any real document (audit 2026-12-04 F3): refused, not read. */
export const ZIP_BOMB_MESSAGE: Label = {
  zh: '文件解压后体积异常巨大（疑似“压缩炸弹”），不予接收。请用办公软件重新另存后再上传',
  en: 'The file would unpack to an abnormal size (a possible zip bomb) and is refused. Save it again from your office software and re-upload',
};

const EXT_TO_KIND = new Map<string, AttachmentKind>(
  (Object.entries(ATTACHMENT_KINDS) as [AttachmentKind, KindInfo][]).flatMap(([k, v]) => v.names.map((n) => [n, k] as const)),
);

// What file-type (or our own look) found, in words a clerk understands.
const OTHER_CONTENT: Record<string, Label> = {
  exe: { zh: '可执行程序（EXE）', en: 'a Windows executable' },
  elf: { zh: '可执行程序（ELF）', en: 'a Linux executable' },
  macho: { zh: '可执行程序', en: 'a macOS executable' },
  zip: { zh: 'ZIP 压缩包', en: 'a ZIP archive' },
  rar: { zh: 'RAR 压缩包', en: 'a RAR archive' },
  '7z': { zh: '7z 压缩包', en: 'a 7z archive' },
  cfb: { zh: '旧版 Office 文件（.doc/.xls），请另存为 .docx/.xlsx', en: 'a legacy Office file (.doc/.xls); save it as .docx/.xlsx' },
  docm: { zh: '含宏的 Word 文档', en: 'a macro-enabled Word document' },
  xlsm: { zh: '含宏的 Excel 表格', en: 'a macro-enabled Excel workbook' },
  html: { zh: '网页或脚本（HTML/XML）', en: 'a web page or script (HTML/XML)' },
  text: { zh: '纯文本', en: 'plain text' },
};

function describe(ext: string): Label {
  const kind = EXT_TO_KIND.get(ext);
  if (kind) return { zh: ATTACHMENT_KINDS[kind].zh, en: ATTACHMENT_KINDS[kind].ext.toUpperCase() };
  return OTHER_CONTENT[ext] ?? { zh: `${ext.toUpperCase()} 文件`, en: `a ${ext.toUpperCase()} file` };
}

/** Extension of the last path segment, lower-cased, or '' when there is none. */
export function extensionOf(name: string): string {
  const base = String(name ?? '').split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase().trim() : '';
}

function looksLikeMarkup(buf: Uint8Array): boolean {
  const head = Buffer.from(buf.subarray(0, 1024)).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<') || /<(html|script|svg|body|iframe|!doctype)/.test(head);
}

function looksLikeText(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 1024);
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return false;
  }
  return true;
}

/** Entry names from the ZIP central directory, or null when it cannot be read (e.g. ZIP64). */
export function zipEntryNames(buf: Uint8Array, limit = 10_000): string[] | null {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const min = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= min; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) return null;
  const names: string[] = [];
  for (let i = 0; i < count && i < limit; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    if (p + 46 + nameLen > b.length) return null;
    names.push(b.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/** Our own OOXML decision from the package parts (independent of file-type's). */
function officeKindFromZip(names: string[]): 'docx' | 'xlsx' | 'both' | 'macro' | null {
  if (!names.includes('[Content_Types].xml')) return null;
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return 'macro';
  const word = names.includes('word/document.xml');
  const excel = names.includes('xl/workbook.xml');
  if (word && excel) return 'both';
  return word ? 'docx' : excel ? 'xlsx' : null;
}

export async function sniffAttachment(buffer: Uint8Array, declaredName: string, options: SniffOptions = {}): Promise<SniffResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  if (!buffer || buffer.length === 0) return fail('empty', { zh: '文件为空', en: 'The file is empty' });
  if (buffer.length > maxBytes) {
    const mb = (maxBytes / 1024 / 1024).toFixed(maxBytes % (1024 * 1024) === 0 ? 0 : 1);
    return fail('too_large', { zh: `文件超过大小限制（${mb} MB）`, en: `The file exceeds the size limit (${mb} MB)` });
  }
  const nameExt = extensionOf(declaredName);
  if (nameExt === '') {
    return fail('no_extension', { zh: '文件名缺少扩展名', en: 'The file name has no extension' });
  }
  const claimed = EXT_TO_KIND.get(nameExt);
  if (!claimed) {
    return fail('extension_not_allowed', {
      zh: `不允许上传 .${nameExt} 文件，仅支持 PDF、DOCX、XLSX 和 PNG/JPEG/GIF/WebP 图片`,
      en: `.${nameExt} files are not allowed; only PDF, DOCX, XLSX and PNG/JPEG/GIF/WebP images`,
    });
  }

  // a ZIP (DOCX, XLSX, or posing as something else): the declared sizes are checked before anything is inflated
  if (buffer[0] === 0x50 && buffer[1] === 0x4b && zipBombReason(Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength))) {
    return fail('zip_bomb', ZIP_BOMB_MESSAGE);
  }

  const detected = await fileTypeFromBuffer(buffer);
  let found: string | undefined = detected?.ext;
  if (found === 'jpg') found = 'jpeg';

  // A ZIP-based Office file: confirm (or supply) the decision from the central directory.
  if (found === 'docx' || found === 'xlsx' || found === 'zip' || found === 'docm' || found === 'xlsm') {
    const names = zipEntryNames(buffer);
    const own = names ? officeKindFromZip(names) : null;
    if (own === 'macro') found = found === 'xlsx' || found === 'xlsm' ? 'xlsm' : 'docm';
    else if (own === 'both') {
      return fail('office_ambiguous', { zh: '文件同时含有 Word 和 Excel 内容，无法确认类型', en: 'The package holds both Word and Excel parts' });
    } else if (own && found === 'zip') found = own;
    else if (own && own !== found) {
      return fail('office_ambiguous', { zh: '文件内部结构与其声明的 Office 类型不一致', en: 'The package parts contradict its declared Office type' });
    }
    if (found === 'docm' || found === 'xlsm') {
      return fail('office_macro', {
        zh: `文件是${describe(found).zh}，不允许上传含宏文件`,
        en: `The file is ${describe(found).en}; macro-enabled files are not allowed`,
      });
    }
  }

  if (found === undefined) {
    const what = looksLikeMarkup(buffer) ? OTHER_CONTENT.html : looksLikeText(buffer) ? OTHER_CONTENT.text : null;
    return fail('unrecognised_content', what
      ? { zh: `文件名为 .${nameExt}，但内容是${what.zh}，不允许上传`, en: `The name says .${nameExt} but the content is ${what.en}` }
      : { zh: '无法识别文件内容，请上传 PDF、DOCX、XLSX 或图片', en: 'The file content is not a recognised type' });
  }
  const kind = EXT_TO_KIND.get(found);
  if (!kind) {
    const what = describe(found);
    return fail('content_not_allowed', {
      zh: `文件名为 .${nameExt}，但内容是${what.zh}，不允许上传`,
      en: `The name says .${nameExt} but the content is ${what.en}`,
    });
  }
  if (kind !== claimed) {
    const what = describe(found);
    return fail('extension_mismatch', {
      zh: `文件扩展名 .${nameExt} 与实际内容（${what.zh}）不符，请改正扩展名后再上传`,
      en: `The extension .${nameExt} does not match the content (${what.en})`,
    });
  }

  const warnings: Label[] = [];
  if (kind === 'pdf') {
    // Only a hint: active PDF content hidden in compressed object streams is not visible here.
    const text = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).toString('latin1');
    if (/\/(JavaScript|JS|Launch|EmbeddedFile)\b/.test(text)) {
      warnings.push({ zh: 'PDF 含有脚本、启动动作或嵌入文件，请确认后再发布', en: 'The PDF contains scripts, launch actions or embedded files' });
    }
  }
  const info = ATTACHMENT_KINDS[kind];
  return {
    ok: true,
    kind,
    mime: info.mime,
    ext: info.ext,
    size: buffer.length,
    sha256: createHash('sha256').update(buffer).digest('hex'),
    warnings,
  };
}

// --- downloads ----------------------------------------------------------------------------------

/**
 * Content-Disposition for a download with a Chinese file name: an ASCII `filename` fallback for
 * old clients plus `filename*=UTF-8''…` (RFC 6266 / RFC 5987 / RFC 8187).
 */
export function contentDisposition(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  // Path parts, control characters and characters that break the header are removed.
  const clean = String(filename ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim() || 'download';
  const ext = extensionOf(clean);
  let ascii = clean.replace(/[^\x20-\x7e]/g, '_').replace(/[\\%]/g, '_');
  if (!/[A-Za-z0-9]/.test(ascii.replace(/\.[^.]*$/, ''))) ascii = ext ? `download.${ext}` : 'download';
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

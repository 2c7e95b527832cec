/**
 * Pure rules of the per-unit media library (issue #13 item 6): the images and files a unit's
 * staff reuse in document bodies (图解, photos, forms to download). A file's type is decided by its
 * bytes with the attachment check (documents/domain/filetype.ts: extension and content must agree,
 * macros, HTML posing as images and zip bombs refused); images have a smaller size limit than
 * documents; every image needs a text alternative, since it is shown in public pages that must be
 * accessible (GB/T 37668-2019 《信息技术 互联网内容无障碍可访问性技术要求与测试方法》 5.1.1 非文本内容,
 * i.e. WCAG 2.1 1.1.1).
 */
import type { Msg } from '../../../core/render/i18n.ts';
import type { AttachmentKind } from '../../documents/domain/filetype.ts';

/**
 * library.use: upload, edit, delete and pick the files of a unit (its subtree). Editors write the
 * bodies that embed them, unit administrators manage their units; system administrators everywhere.
 * Reviewers (who may correct a body under review) and supervisors have no library: they do not add
 * material, and see the files where they are used (the document, the public URL).
 */
export const RULES = {
  'library.use': ['system_admin', 'unit_admin', 'editor'],
} as const;

export const IMAGE_KINDS: readonly AttachmentKind[] = ['png', 'jpeg', 'gif', 'webp'];
export const isImage = (kind: string) => (IMAGE_KINDS as readonly string[]).includes(kind);

/** The list's kind filter: a group of stored kinds. */
export const KIND_FILTERS = {
  image: { kinds: IMAGE_KINDS, label: { zh: '图片', en: 'Images' } },
  pdf: { kinds: ['pdf'], label: { zh: 'PDF 文档', en: 'PDF documents' } },
  docx: { kinds: ['docx'], label: { zh: 'Word 文档', en: 'Word documents' } },
  xlsx: { kinds: ['xlsx'], label: { zh: 'Excel 表格', en: 'Excel workbooks' } },
} as const satisfies Record<string, { kinds: readonly AttachmentKind[]; label: Msg }>;
export type KindFilter = keyof typeof KIND_FILTERS;
export const kindFilter = (raw: unknown): KindFilter | undefined =>
  typeof raw === 'string' && Object.hasOwn(KIND_FILTERS, raw) ? (raw as KindFilter) : undefined;

const MiB = 1024 * 1024;
/** Images embedded in pages are kept small (a phone on a slow line loads them with the page). */
export const MAX_IMAGE_BYTES = 5 * MiB;
/** The byte limit for a kind: images 5 MiB, documents the site's GONGKAI_MAX_UPLOAD_MB. */
export const maxBytesFor = (kind: string, maxUploadMb: number) => (isImage(kind) ? Math.min(MAX_IMAGE_BYTES, maxUploadMb * MiB) : maxUploadMb * MiB);

export const NAME_MAX = 100;
export const ALT_MAX = 200;

export const FIELD_NAMES: Record<'unit' | 'file' | 'name' | 'alt', Msg> = {
  unit: { zh: '所属单位', en: 'Unit' },
  file: { zh: '文件', en: 'File' },
  name: { zh: '名称', en: 'Name' },
  alt: { zh: '替代文本', en: 'Text alternative' },
};

const text = (raw: unknown) => (typeof raw === 'string' ? raw : raw == null ? '' : String(raw)).replace(/\s+/g, ' ').trim();

export interface ItemInput { name: string; alt: string }

/**
 * The name and text alternative of an item of `kind`. The name defaults to the file name without its
 * extension; an image's alt text is required (GB/T 37668 5.1.1) and must say more than the file name.
 */
export function validateItem(raw: { name?: unknown; alt?: unknown }, kind: string, filename = ''): { value: ItemInput; errors: Record<string, Msg> } {
  const errors: Record<string, Msg> = {};
  const name = text(raw.name) || text(filename).replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const alt = isImage(kind) ? text(raw.alt) : '';
  if (!name) errors.name = { zh: '请填写名称', en: 'Enter a name' };
  else if ([...name].length > NAME_MAX) errors.name = { zh: `名称不超过 ${NAME_MAX} 个字`, en: `At most ${NAME_MAX} characters` };
  if (isImage(kind)) {
    if (!alt) errors.alt = { zh: '请为图片填写替代文本（说明图片内容，供读屏软件朗读；GB/T 37668）', en: 'Describe the image for screen-reader users (text alternative; GB/T 37668)' };
    else if ([...alt].length > ALT_MAX) errors.alt = { zh: `替代文本不超过 ${ALT_MAX} 个字`, en: `At most ${ALT_MAX} characters` };
    else if (filename && alt.toLowerCase() === text(filename).toLowerCase()) errors.alt = { zh: '替代文本应说明图片内容，不能只是文件名', en: 'The text alternative should describe the image, not repeat the file name' };
  }
  return { value: { name, alt }, errors };
}

/** The public key of a stored item: 24 random hex digits and the canonical extension (`…/library/<key>`). */
export const KEY_RE = /^[0-9a-f]{24}\.(png|jpg|gif|webp|pdf|docx|xlsx)$/;
export const libraryUrl = (key: string) => `/library/${key}`;

/** A file name for Content-Disposition: the item's name with the stored kind's extension. */
export function downloadName(name: string, ext: string): string {
  const base = name.replace(/[\\/]/g, '_').trim() || 'file';
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base}.${ext}`;
}

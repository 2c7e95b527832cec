/**
 * Fonts for the two renderers.
 *
 * PDF: the CJK font must travel inside the file, or a reader without Chinese fonts shows boxes. We embed
 * Noto Serif SC and Noto Sans SC (SIL OFL) from the `@expo-google-fonts/*` packages that `npm install`
 * brings, so PDFs work on a fresh server without system fonts. GB/T 9704 sets official documents in
 * 仿宋/宋体 (body, tables) with a 小标宋 title and 黑体 first-level headings; the serif stands in for the
 * Song/Fangsong faces and the sans for 黑体. pdfkit embeds only the glyphs used (a few KB a letter). The
 * TTFs are 10–15 MB each: each is read on first use and kept for the life of the process.
 *
 * DOCX: Word files name fonts instead of carrying them. We name the faces GB/T 9704 asks for and declare
 * them in word/fontTable.xml with the GB2312 character set, the Chinese panose family and alternative
 * names (SimSun, FangSong, KaiTi, SimHei…), so that Word and WPS on a machine without the exact face
 * pick a Chinese one instead of a Japanese-shaped fallback (LibreOffice: see FONT_DECLARATIONS).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const FONT_FILES = {
  /** 黑体-like sans (first-level headings). */
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  /** 宋体/仿宋-like serif (title, body, tables). */
  serif: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  'serif-bold': '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

export type PdfFontWeight = keyof typeof FONT_FILES;

const cache = new Map<PdfFontWeight, Buffer>();

/** Absolute path of the embedded PDF font, resolved through node's module resolution. */
export function pdfFontPath(weight: PdfFontWeight): string {
  try {
    return require.resolve(FONT_FILES[weight]);
  } catch (err) {
    throw new Error(
      `PDF font not found (${FONT_FILES[weight]}); run \`npm install\` — the package ${FONT_FILES[weight].split('/').slice(0, 2).join('/')} provides it`,
      { cause: err },
    );
  }
}

/** The font file's bytes, read on first use and cached for the life of the process. */
export function pdfFontBytes(weight: PdfFontWeight): Buffer {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFileSync(pdfFontPath(weight));
    cache.set(weight, bytes);
  }
  return bytes;
}

/** Font names written into DOCX files. */
export interface DocxFonts {
  /** Title: 小标宋 (GB/T 9704 §7.3.1). */
  title: string;
  /** Body text: 仿宋_GB2312 (§7.1). */
  body: string;
  /** 一级标题: 黑体. */
  heading1: string;
  /** 二级标题 and subtitles: 楷体_GB2312. */
  heading2: string;
  /** Tables: 宋体, which stays legible at small sizes. */
  table: string;
  /** Latin letters and digits. */
  latin: string;
}

export const DEFAULT_DOCX_FONTS: DocxFonts = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  table: '宋体',
  latin: 'Times New Roman',
};

/**
 * How each face is declared in word/fontTable.xml (ECMA-376 §17.8.3). charset 86 = GB2312; the
 * signature's code-page bit 18 (csb0 0x00040000) = simplified Chinese (code page 936); the panose family
 * is that of the Windows face of the same kind; `altName` is the name the same face has on Windows
 * (FangSong for 仿宋_GB2312, …). Word and WPS use these to pick a Chinese face when the named one is
 * missing. LibreOffice reads none of them (checked with 7.4): a conversion server needs the fontconfig
 * aliases of docs/fontconfig/65-gongkai-gb-fonts.conf, or it falls back to its default CJK face, which
 * is the Japanese one.
 */
export interface FontDeclaration {
  altName?: string;
  panose: string;
  family: 'roman' | 'swiss' | 'modern' | 'script' | 'decorative' | 'auto';
  pitch: 'fixed' | 'variable';
  /** A GB2312 (Chinese) face; false for the Latin face. */
  chinese: boolean;
}

export const FONT_DECLARATIONS: Record<string, FontDeclaration> = {
  宋体: { altName: 'SimSun', panose: '02010600030101010101', family: 'auto', pitch: 'variable', chinese: true },
  仿宋_GB2312: { altName: 'FangSong', panose: '02010609030101010101', family: 'modern', pitch: 'fixed', chinese: true },
  仿宋: { altName: 'FangSong', panose: '02010609060101010101', family: 'modern', pitch: 'fixed', chinese: true },
  方正小标宋简体: { altName: 'SimSun', panose: '02000000000000000000', family: 'script', pitch: 'variable', chinese: true },
  楷体_GB2312: { altName: 'KaiTi', panose: '02010609030101010101', family: 'modern', pitch: 'fixed', chinese: true },
  楷体: { altName: 'KaiTi', panose: '02010609060101010101', family: 'modern', pitch: 'fixed', chinese: true },
  黑体: { altName: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed', chinese: true },
  'Times New Roman': { panose: '02020603050405020304', family: 'roman', pitch: 'variable', chinese: false },
};

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** word/fontTable.xml declaring the given faces (unknown names get a plain GB2312 declaration). */
export function fontTableXml(names: string[]): string {
  const fonts = [...new Set(names)].map((name) => {
    const d: FontDeclaration = FONT_DECLARATIONS[name] ?? { panose: '02010600030101010101', family: 'auto', pitch: 'variable', chinese: true };
    const sig = d.chinese
      ? '<w:sig w:usb0="00000003" w:usb1="288F0000" w:usb2="00000016" w:usb3="00000000" w:csb0="00040001" w:csb1="00000000"/>'
      : '<w:sig w:usb0="E0002AFF" w:usb1="C0007841" w:usb2="00000009" w:usb3="00000000" w:csb0="000001FF" w:csb1="00000000"/>';
    return (
      `<w:font w:name="${xmlAttr(name)}">` +
      (d.altName ? `<w:altName w:val="${xmlAttr(d.altName)}"/>` : '') +
      `<w:panose1 w:val="${d.panose}"/><w:charset w:val="${d.chinese ? '86' : '00'}"/><w:family w:val="${d.family}"/><w:pitch w:val="${d.pitch}"/>${sig}</w:font>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fonts.join('') +
    '</w:fonts>'
  );
}

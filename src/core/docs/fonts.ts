/**
 * Fonts for the two renderers.
 *
 * PDF: the CJK font must travel inside the file, or a reader without Chinese fonts shows boxes. We embed
 * Noto Sans SC (SIL OFL) from the `@expo-google-fonts/noto-sans-sc` package that `npm install` brings,
 * so PDFs work on a fresh server without system fonts. pdfkit embeds only the glyphs used (a few KB a
 * letter). The TTFs are ~10 MB each: read once per process and kept.
 *
 * DOCX: Word files name fonts instead of carrying them. We name the faces GB/T 9704 asks for in official
 * documents; Word substitutes a similar installed face where one is missing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type PdfFontWeight = keyof typeof FONT_FILES;

const cache = new Map<PdfFontWeight, Buffer>();

/** Absolute path of the embedded PDF font, resolved through node's module resolution. */
export function pdfFontPath(weight: PdfFontWeight): string {
  try {
    return require.resolve(FONT_FILES[weight]);
  } catch (err) {
    throw new Error(
      `PDF font not found (${FONT_FILES[weight]}); run \`npm install\` — the package @expo-google-fonts/noto-sans-sc provides it`,
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

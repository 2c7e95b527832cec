/**
 * Line layout of Chinese paragraphs for the PDF renderer, justified as official documents are
 * (两端对齐, as Word sets them).
 *
 * pdfkit justifies by widening the spaces between words, and Chinese has none: a line with one space
 * would put all the slack in it. So we break lines ourselves and spread each full line's slack evenly
 * between its characters (the PDF character-spacing operator Tc), which is how CJK typesetting
 * justifies. Breaking follows the common line-breaking rules for Chinese (GB/T 15834 标点符号用法 and
 * the usual 避头尾 practice): closing punctuation such as “，。、；：？！）》” never starts a line and opening
 * punctuation such as “（《“” never ends one (a single closing mark may instead hang half an em into
 * the margin, as Chinese typesetting allows); a run of Latin letters or digits (2024, GB/T, 10.5) is
 * kept whole.
 */

import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

export interface StyledRun {
  text: string;
  /** A registered font name. */
  font: string;
  underline?: boolean;
}

interface Atom {
  text: string;
  font: string;
  underline: boolean;
  width: number;
  /** Breakable white space, dropped at a line end. */
  space: boolean;
  /** A forced line break (`\n`). */
  newline: boolean;
}

export interface LaidLine {
  atoms: Atom[];
  /** Natural width of the line (trailing spaces left out). */
  width: number;
  /** Room the line has (the first line is shorter by the indent). */
  room: number;
  indent: number;
  /** Last line of the paragraph or ended by `\n`: never justified. */
  last: boolean;
}

const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’…%‰,.;:?!)]}·～'.split('')]);
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{'.split('')]);
/** Latin letters, digits and ASCII punctuation stay together as one unbreakable word. */
const WORD = /[\x21-\x7e\u00c0-\u024f]+/y;

/** Advance widths per document, font and size: a report measures the same few hundred characters often. */
const widthCache = new WeakMap<Doc, Map<string, number>>();

function measure(doc: Doc, font: string, size: number, text: string): number {
  let cache = widthCache.get(doc);
  if (!cache) widthCache.set(doc, (cache = new Map()));
  const key = `${font}\u0000${size}\u0000${text}`;
  let w = cache.get(key);
  if (w === undefined) {
    doc.font(font).fontSize(size);
    cache.set(key, (w = doc.widthOfString(text)));
  }
  return w;
}

function atomsOf(doc: Doc, runs: StyledRun[], size: number): Atom[] {
  const out: Atom[] = [];
  for (const r of runs) {
    const add = (text: string, kind: 'text' | 'space' | 'newline' = 'text') =>
      out.push({ text, font: r.font, underline: !!r.underline, width: kind === 'newline' ? 0 : measure(doc, r.font, size, text), space: kind === 'space', newline: kind === 'newline' });
    const s = r.text.replace(/\r\n?/g, '\n');
    let i = 0;
    while (i < s.length) {
      WORD.lastIndex = i;
      const w = WORD.exec(s);
      if (w) {
        add(w[0]);
        i += w[0].length;
        continue;
      }
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      if (ch === '\n') add(ch, 'newline');
      else if (/\s/.test(ch)) add(ch, 'space');
      else add(ch);
      i += ch.length;
    }
  }
  return out;
}

const widthOf = (atoms: Atom[]) => {
  let end = atoms.length;
  while (end > 0 && atoms[end - 1].space) end--;
  return atoms.slice(0, end).reduce((s, a) => s + a.width, 0);
};

/** Breaks the runs into lines of at most `width` points (the first line `indent` shorter). */
export function layoutLines(doc: Doc, runs: StyledRun[], o: { width: number; size: number; indent?: number }): LaidLine[] {
  const atoms = atomsOf(doc, runs, o.size);
  const lines: LaidLine[] = [];
  let cur: Atom[] = [];
  let indent = o.indent ?? 0;
  const room = () => o.width - indent;
  const push = (last: boolean) => {
    while (cur.length && cur[cur.length - 1].space) cur.pop();
    lines.push({ atoms: cur, width: widthOf(cur), room: room(), indent, last });
    cur = [];
    indent = 0;
  };
  const queue = [...atoms];
  while (queue.length) {
    const a = queue.shift()!;
    if (a.newline) {
      push(true);
      continue;
    }
    if (a.space && cur.length === 0 && lines.length > 0) continue; // no space at the start of a wrapped line
    if (widthOf([...cur, a]) <= room() + 0.01 || (a.space && cur.length > 0)) {
      cur.push(a);
      continue;
    }
    // 行末悬挂: one closing mark may hang half an em past the line end — its ink sits in the left
    // half of its em box, so nothing is drawn beyond the edge — rather than pull a character down.
    if (NO_LINE_START.has(a.text) && widthOf([...cur, a]) <= room() + a.width / 2 + 0.01) {
      cur.push(a);
      continue;
    }
    if (cur.length === 0) {
      // A word wider than the line: cut it into characters.
      if (a.text.length > 1) {
        queue.unshift(...[...a.text].map((ch) => ({ ...a, text: ch, width: measure(doc, a.font, o.size, ch) })));
        continue;
      }
      cur.push(a);
      push(false);
      continue;
    }
    // 避头: a closing mark takes the character before it to the next line.
    const carry: Atom[] = [];
    if (NO_LINE_START.has(a.text[0]) && cur.length > 1) carry.unshift(cur.pop()!);
    // 避尾: an opening mark goes down with what it opens.
    while (cur.length > 1 && NO_LINE_END.has(cur[cur.length - 1].text)) carry.unshift(cur.pop()!);
    push(false);
    cur = carry;
    queue.unshift(a);
  }
  if (cur.length || lines.length === 0) push(true);
  else lines[lines.length - 1].last = true;
  return lines;
}

/**
 * Draws one laid-out line with its top at `y`. `align` places it in `x … x + width`; a justified line
 * that is not the paragraph's last spreads its slack between the characters.
 */
export function drawLine(doc: Doc, line: LaidLine, o: { x: number; y: number; size: number; align: 'left' | 'center' | 'right' | 'justify' }): void {
  const atoms = [...line.atoms];
  while (atoms.length && atoms[atoms.length - 1].space) atoms.pop();
  if (!atoms.length) return;
  const chars = atoms.reduce((n, a) => n + [...a.text].length, 0);
  const slack = line.room - line.width;
  let spacing = 0;
  let x = o.x + line.indent;
  if (o.align === 'justify' && !line.last && chars > 1 && slack > 0) {
    spacing = slack / (chars - 1);
    // A line cut short by an unusually long word is left ragged rather than letter-spaced beyond reading.
    if (spacing > o.size * 0.5) spacing = 0;
  } else if (o.align === 'center') x += slack / 2;
  else if (o.align === 'right') x += slack;
  // Consecutive atoms of one style are drawn as one string.
  let i = 0;
  while (i < atoms.length) {
    let j = i + 1;
    while (j < atoms.length && atoms[j].font === atoms[i].font && atoms[j].underline === atoms[i].underline) j++;
    const text = atoms.slice(i, j).map((a) => a.text).join('');
    const n = [...text].length;
    doc.font(atoms[i].font).fontSize(o.size);
    doc.text(text, x, o.y, { lineBreak: false, characterSpacing: spacing, underline: atoms[i].underline });
    x += doc.widthOfString(text) + spacing * n;
    i = j;
  }
}

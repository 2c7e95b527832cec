/**
 * The plain text of a DocModel, for previews, search indexing and tests. Paragraph indents become two
 * ideographic spaces, table rows become tab-separated lines (a merged cell appears once, in its first
 * slot), page breaks become form feeds.
 */
import { displayDate } from './format.ts';
import { cellRuns, plainText, type DocModel } from './model.ts';
import { resolveGrid } from './table-grid.ts';

const INDENT = '\u3000\u3000';

export function docToText(model: DocModel): string {
  const lines: string[] = [...model.title.split('\n')];
  if (model.subtitle) lines.push(model.subtitle);
  if (model.number) lines.push(model.number);
  lines.push('');
  for (const b of model.blocks) {
    switch (b.type) {
      case 'heading':
        lines.push(b.text);
        break;
      case 'paragraph':
        lines.push((b.indent ? INDENT : '') + plainText(b.runs));
        break;
      case 'signature':
        lines.push('');
        if (b.seal) lines.push(b.seal);
        lines.push(b.organ, displayDate(b.date));
        break;
      case 'table': {
        const grid = resolveGrid(b);
        for (let r = 0; r < grid.rowCount; r++) {
          const row: string[] = Array.from({ length: grid.columnCount }, () => '');
          for (const c of grid.cells) {
            if (c.row === r) row[c.col] = cellRuns(c.cell).map((x) => x.text).join('').replace(/\n/g, ' ');
          }
          lines.push(row.join('\t'));
        }
        lines.push('');
        break;
      }
      case 'notice':
        lines.push(`【${b.title}】`, ...b.items.map((item, i) => `${i + 1}. ${plainText(item)}`), '');
        break;
      case 'pageBreak':
        lines.push('\f');
        break;
    }
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

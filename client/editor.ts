// Rich-text editor for the document form: progressive enhancement over <textarea data-rich>.
// Without this script the textarea posts HTML as before; with it, Quill edits the body and the
// textarea is filled on submit. The server sanitizer (documents/domain/sanitize.ts) stays the
// only gate: nothing here is trusted. Word/WPS pastes are cleaned with the same pure function
// the server runs (word-paste.ts), so what staff see after pasting is what will be saved.
import Quill from 'quill';
import 'quill/dist/quill.snow.css';
import { cleanWordHtml, looksLikeWord } from '../src/modules/documents/domain/word-paste.ts';
import { enhanceDropzones } from './upload.ts';
import { pickFromLibrary } from './library.ts';

const zh = document.documentElement.lang !== 'en';
const L = (z: string, e: string) => (zh ? z : e);

function enhance(area: HTMLTextAreaElement): void {
  // Quill has no tables: a body that holds one stays in the HTML textarea, untouched.
  if (/<table/i.test(area.value)) return;
  const host = document.createElement('div');
  host.className = 'rich-editor';
  const box = document.createElement('div');
  host.append(box);
  area.before(host);
  area.hidden = true;
  const quill = new Quill(box, {
    theme: 'snow',
    formats: ['bold', 'italic', 'underline', 'script', 'header', 'list', 'blockquote', 'link', 'image'],
    modules: {
      toolbar: {
        container: [[{ header: [2, 3, 4, false] }], ['bold', 'italic', 'underline'], [{ script: 'sub' }, { script: 'super' }], [{ list: 'ordered' }, { list: 'bullet' }], ['blockquote', 'link', 'image'], ['clean']],
        handlers: {
          image: () => {
            const at = quill.getSelection(true)?.index ?? quill.getLength();
            void pickFromLibrary(area.dataset.library ?? '/admin/media-library', (src, alt) => {
              quill.insertEmbed(at, 'image', src, 'user');
              if (alt) quill.formatText(at, 1, 'alt', alt);
            });
          },
        },
      },
    },
  });
  quill.root.setAttribute('role', 'textbox');
  quill.root.setAttribute('aria-multiline', 'true');
  quill.root.setAttribute('aria-label', area.labels?.[0]?.textContent?.trim() || L('正文', 'Body'));
  // Quill's drop-down (heading level) is a role=button without a name: give it one (WCAG 4.1.2)
  for (const label of host.parentElement?.querySelectorAll<HTMLElement>('.ql-picker-label') ?? []) label.setAttribute('aria-label', L('段落样式（正文或标题级别）', 'Paragraph style (body or heading level)'));
  quill.root.dataset.testid = 'rich-editor';
  quill.clipboard.dangerouslyPasteHTML(area.value, 'silent');
  // Word/WPS paste: clean before Quill reads it (list markers drawn as text, mso styles)
  quill.root.addEventListener('paste', (ev: ClipboardEvent) => {
    const html = ev.clipboardData?.getData('text/html') ?? '';
    if (!looksLikeWord(html)) return;
    ev.preventDefault();
    ev.stopPropagation();
    const range = quill.getSelection(true);
    if (range.length) quill.deleteText(range.index, range.length, 'user');
    quill.clipboard.dangerouslyPasteHTML(range.index, cleanWordHtml(html), 'user');
  }, true);
  const sync = () => {
    area.value = quill.getLength() <= 1 ? '' : quill.getSemanticHTML().replace(/&nbsp;/g, ' ');
  };
  quill.on('text-change', sync);
  area.form?.addEventListener('submit', sync);
  // the source stays reachable: a button switches to the HTML textarea and back
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'linklike';
  toggle.textContent = L('编辑 HTML 源码', 'Edit HTML source');
  toggle.addEventListener('click', () => {
    if (area.hidden) {
      sync();
      area.hidden = false;
      host.hidden = true;
      toggle.textContent = L('返回可视化编辑', 'Back to the visual editor');
    } else {
      quill.setContents([], 'silent');
      quill.clipboard.dangerouslyPasteHTML(area.value, 'silent');
      area.hidden = true;
      host.hidden = false;
      toggle.textContent = L('编辑 HTML 源码', 'Edit HTML source');
    }
  });
  area.after(toggle);
}

for (const area of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-rich]')) enhance(area);
enhanceDropzones(document);

// Paste-from-Word/WPS cleanup, before the sanitizer (sanitize.ts) and in the editor on paste.
//
// Word's clipboard HTML carries Office namespaces (<o:p>, <w:…>), conditional comments with the
// list markers it draws itself (<![if !supportLists]>1.<![endif]>), mso-* styles, class="Mso…",
// <font> and empty <span>s. Left to the allow-list sanitizer alone, the tags would go but the
// hand-drawn list markers ("1.", "·", "§") would stay as text and lists would be flat paragraphs.
// This pure function removes that junk and turns Word's list paragraphs into <ol>/<ul>, keeping
// headings, tables, bold/italic and links. The sanitizer stays the only security gate: this
// function may leave anything; it never adds markup that was not structurally there.

/** Does this HTML look like it came from Word or WPS? */
export function looksLikeWord(html: string): boolean {
  return /class=["']?Mso|mso-|<o:p|urn:schemas-microsoft-com|<!--\[if|<!\[if/i.test(html);
}

const ORDERED_MARKER = /^\s*(?:\(?[0-9一二三四五六七八九十]+[.、)）]|[a-zA-Z][.)]|[ivxIVX]+[.)])\s*$/;

/** Remove Word/WPS clipboard junk; a no-op on HTML that does not look like Word's. */
export function cleanWordHtml(html: string): string {
  if (typeof html !== 'string' || html === '' || !looksLikeWord(html)) return html;
  let s = html;
  // XML/Office preamble, <head>, <style>, <xml> islands
  s = s.replace(/<\?xml[^>]*>/gi, '').replace(/<head[\s\S]*?<\/head>/gi, '').replace(/<xml[\s\S]*?<\/xml>/gi, '').replace(/<style[\s\S]*?<\/style>/gi, '');
  // list markers Word draws itself: keep them aside to choose <ol> or <ul>, then drop them
  s = s.replace(/<!\[if !supportLists\]>([\s\S]*?)<!\[endif\]>/gi, (_, marker: string) => {
    const text = marker.replace(/<[^>]*>/g, '').replace(/&nbsp;|\u00a0/g, ' ').trim();
    return `<wordlistmarker data-kind="${ORDERED_MARKER.test(text) ? 'ol' : 'ul'}"></wordlistmarker>`;
  });
  // conditional comments, hidden (<!--[if …]>…<![endif]-->) and revealed (<![if …]> … <![endif]>)
  s = s.replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '').replace(/<!\[(?:end)?if[^\]]*\]>/gi, '').replace(/<!--[\s\S]*?-->/g, '');
  // Office namespaced tags: <o:p>&nbsp;</o:p> is Word's empty paragraph filler
  s = s.replace(/<o:p>(?:\s|&nbsp;|\u00a0)*<\/o:p>/gi, '').replace(/<\/?[a-z]+:[a-z]+[^>]*>/gi, '');
  // <font> keeps its text only
  s = s.replace(/<\/?font\b[^>]*>/gi, '');
  // class="Mso…" and mso-* declarations; an emptied style attribute goes too
  s = s.replace(/\sclass=(?:"Mso[^"]*"|'Mso[^']*'|Mso[^\s>]*)/gi, '');
  s = s.replace(/\sstyle=("([^"]*)"|'([^']*)')/gi, (_m, _q, dq: string | undefined, sq: string | undefined) => {
    const kept = (dq ?? sq ?? '').split(';').map((d) => d.trim()).filter((d) => d && !/^mso-/i.test(d)).join('; ');
    return kept ? ` style="${kept.replace(/"/g, '&quot;')}"` : '';
  });
  s = s.replace(/\s(?:lang|align|valign|width|height|border|cellspacing|cellpadding)=(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  // spans without attributes, or left empty, are noise
  for (let i = 0; i < 3; i++) s = s.replace(/<span>([\s\S]*?)<\/span>/gi, '$1').replace(/<span\b[^>]*>\s*<\/span>/gi, '');
  return listify(s).trim();
}

/** Consecutive <p> holding a list marker become one <ol>/<ul> of <li>. */
function listify(s: string): string {
  const para = /<p\b[^>]*>\s*<wordlistmarker data-kind="(ol|ul)"><\/wordlistmarker>([\s\S]*?)<\/p>/gi;
  let out = '';
  let last = 0;
  let open: string | null = null;
  for (let m = para.exec(s); m; m = para.exec(s)) {
    const between = s.slice(last, m.index);
    if (open && between.trim() !== '') {
      out += `</${open}>`;
      open = null;
    }
    out += open ? '' : between;
    const kind = m[1]!;
    if (open !== kind) {
      if (open) out += `</${open}>`;
      out += `<${kind}>`;
      open = kind;
    }
    out += `<li>${m[2]!.replace(/^(?:\s|&nbsp;|\u00a0)+/, '').trim()}</li>`;
    last = para.lastIndex;
  }
  if (open) out += `</${open}>`;
  out += s.slice(last);
  return out.replace(/<wordlistmarker[^>]*><\/wordlistmarker>/gi, '');
}

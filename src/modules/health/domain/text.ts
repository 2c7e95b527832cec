/**
 * 错别字 and sensitive words. 国办秘函〔2019〕19号 单项否决 第5项 严重错误 (serious typos, e.g. misspelled
 * names of Party and state leaders) and 第1项 (serious wording errors); work point 15 (日常维护). Two
 * lists, both editable by the system administrator (store: settings key `health.words`):
 *   - typos: a wrong form → the right one; `serious` marks a veto-level error (a leader's name);
 *   - sensitive: words that must never appear in a published page (placeholders left in, words the
 *     city decides), each a veto-level hit.
 * The defaults below are common slips of government writing (《党政机关公文格式》 practice), not a
 * dictionary: a finding is a prompt for a person, who fixes the page or closes the work order.
 */
export interface TypoEntry { wrong: string; right: string; serious?: boolean }
export interface WordLists { typos: TypoEntry[]; sensitive: string[] }

export const DEFAULT_TYPOS: readonly TypoEntry[] = [
  { wrong: '截止目前', right: '截至目前' },
  { wrong: '截止到目前', right: '截至目前' },
  { wrong: '签定', right: '签订' },
  { wrong: '部暑', right: '部署' },
  { wrong: '贯切', right: '贯彻' },
  { wrong: '再接再励', right: '再接再厉' },
  { wrong: '一股作气', right: '一鼓作气' },
  { wrong: '迫不急待', right: '迫不及待' },
  { wrong: '按装', right: '安装' },
  { wrong: '既使', right: '即使' },
  { wrong: '防碍', right: '妨碍' },
  { wrong: '幅射', right: '辐射' },
  { wrong: '气慨', right: '气概' },
  { wrong: '坚苦', right: '艰苦' },
  { wrong: '编缉', right: '编辑' },
  { wrong: '针贬', right: '针砭' },
  { wrong: '一愁莫展', right: '一筹莫展' },
  { wrong: '谈笑风声', right: '谈笑风生' },
  { wrong: '渡假', right: '度假' },
  { wrong: '凑和', right: '凑合' },
  { wrong: '帐户', right: '账户' },
  { wrong: '国民经济和社会发展第十四个五年规化', right: '国民经济和社会发展第十四个五年规划' },
  { wrong: '规化', right: '规划' },
  { wrong: '暂行规定实施细侧', right: '暂行规定实施细则' },
  { wrong: '细侧', right: '细则' },
];

/** Text that must never reach the public: template placeholders left in a page. */
export const DEFAULT_SENSITIVE: readonly string[] = ['此处填写', '请在此输入', '待补充内容', 'lorem ipsum', 'TODO'];

export const DEFAULT_WORDS: WordLists = { typos: [...DEFAULT_TYPOS], sensitive: [...DEFAULT_SENSITIVE] };

export interface TextHit { kind: 'typo' | 'sensitive'; word: string; right?: string; serious: boolean; context: string; count: number }

const CONTEXT = 12;

/**
 * Finds the list words in the text; one hit per word with its count and the first context. Longer
 * entries win over their parts at the same place ('截止到目前' over '截止目前' never both).
 */
export function scanText(text: string, lists: WordLists): TextHit[] {
  const hits = new Map<string, TextHit>();
  const lower = text.toLowerCase();
  const taken: [number, number][] = [];
  const entries = [
    ...lists.sensitive.filter((w) => w.trim()).map((w) => ({ kind: 'sensitive' as const, word: w.trim(), right: undefined, serious: true })),
    ...lists.typos.filter((e) => e.wrong.trim()).map((e) => ({ kind: 'typo' as const, word: e.wrong.trim(), right: e.right, serious: !!e.serious })),
  ].sort((a, b) => b.word.length - a.word.length);
  for (const e of entries) {
    const needle = e.word.toLowerCase();
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length)) {
      const end = i + needle.length;
      if (taken.some(([a, b]) => i < b && end > a)) continue;
      // a typo entry that is part of its own correct form at this place is no typo (规化 inside 规化… never; 截止 inside 截止日期 is not listed)
      if (e.right && text.slice(Math.max(0, i - e.right.length), end + e.right.length).includes(e.right)) continue;
      taken.push([i, end]);
      const key = `${e.kind}:${e.word}`;
      const h = hits.get(key);
      if (h) h.count++;
      else hits.set(key, { kind: e.kind, word: e.word, right: e.right, serious: e.serious, count: 1, context: text.slice(Math.max(0, i - CONTEXT), end + CONTEXT).replace(/\s+/g, ' ') });
    }
  }
  return [...hits.values()];
}

const LINE_MAX = 60;
/**
 * Parses the administrator's lists: sensitive words one a line; typos `错误写法=正确写法`, a leading `!`
 * marks a serious one. Returns the lists or the first bad line (1-based) per field.
 */
export function parseWordLists(raw: { typos: string; sensitive: string }): { value: WordLists; errors: { typos?: number; sensitive?: number } } {
  const errors: { typos?: number; sensitive?: number } = {};
  const lines = (s: string) => s.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim());
  const sensitive: string[] = [];
  lines(raw.sensitive).forEach((l, i) => {
    if (!l) return;
    if (l.length > LINE_MAX && errors.sensitive === undefined) errors.sensitive = i + 1;
    else sensitive.push(l);
  });
  const typos: TypoEntry[] = [];
  lines(raw.typos).forEach((l, i) => {
    if (!l) return;
    const serious = l.startsWith('!') || l.startsWith('！');
    const [wrong, right, extra] = (serious ? l.slice(1) : l).split(/[=＝]/).map((x) => x?.trim());
    if (!wrong || !right || extra !== undefined || wrong === right || wrong.length > LINE_MAX || right.length > LINE_MAX) {
      if (errors.typos === undefined) errors.typos = i + 1;
    } else typos.push({ wrong, right, ...(serious ? { serious } : {}) });
  });
  return { value: { typos, sensitive }, errors };
}

export const formatTypos = (t: readonly TypoEntry[]) => t.map((e) => `${e.serious ? '!' : ''}${e.wrong}=${e.right}`).join('\n');

/**
 * Sorting citations of the 条例 in the order of the law: 第二条 < 第十六条第一款 < 第三十六条第（三）项.
 * Article, paragraph (款) and item (项) numbers are written in Chinese numerals.
 */

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** “第三十六条第（五）项” → 36.05…, for sorting citations in the order of the law. */
export function articleOrder(article: string): number {
  const m = /^第([零一二三四五六七八九十百]+)条(?:第([一二三四五六七八九十]+)款)?(?:第（([一二三四五六七八九十]+)）项)?/.exec(article);
  if (!m) return 9999;
  const num = (s: string | undefined) => {
    if (!s) return 0;
    let total = 0;
    let current = 0;
    for (const ch of s) {
      if (ch === '百') {
        total += (current || 1) * 100;
        current = 0;
      } else if (ch === '十') {
        total += (current || 1) * 10;
        current = 0;
      } else current = CN_DIGIT[ch] ?? 0; // 零 holds a place only
    }
    return total + current;
  };
  return num(m[1]) + num(m[2]) / 100 + num(m[3]) / 10_000;
}

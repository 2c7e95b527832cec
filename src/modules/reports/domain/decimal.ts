/**
 * Exact decimal arithmetic for money in the report (行政事业性收费 in 万元, 信息处理费 in 元).
 * Amounts are decimal strings ("316441", "0.0380", "-8.5"); we add them as BigInt in a fixed number of
 * decimal places, so a sum of a hundred units' fees never picks up a float rounding error.
 *
 * 万元 uses 6 places (1 分 = 0.000001 万元), so every amount a unit can collect is exact.
 */

export const WAN_YUAN_SCALE = 6;
export const YUAN_SCALE = 2;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** The scaled integer of `s`, or null when `s` is not a plain decimal with at most `scale` places. */
export function parseDecimal(s: string, scale = WAN_YUAN_SCALE): bigint | null {
  const m = DECIMAL.exec(s.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  if (frac.length > scale) return null;
  const v = BigInt(m[2] + frac.padEnd(scale, '0'));
  return m[1] ? -v : v;
}

export function isDecimal(s: unknown, scale = WAN_YUAN_SCALE): s is string {
  return typeof s === 'string' && parseDecimal(s, scale) !== null;
}

/** Canonical text: no trailing fractional zeros, no "-0" ("12.5000" → "12.5", "0.00" → "0"). */
export function formatDecimal(v: bigint, scale = WAN_YUAN_SCALE): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return (neg ? '-' : '') + int + (frac ? '.' + frac : '');
}

/** Normalises a decimal string; throws on bad input (callers validate user input with isDecimal). */
export function normalizeDecimal(s: string, scale = WAN_YUAN_SCALE): string {
  const v = parseDecimal(s, scale);
  if (v === null) throw new RangeError(`not a decimal with at most ${scale} places: ${JSON.stringify(s)}`);
  return formatDecimal(v, scale);
}

export function sumDecimals(values: string[], scale = WAN_YUAN_SCALE): string {
  let total = 0n;
  for (const s of values) {
    const v = parseDecimal(s, scale);
    if (v === null) throw new RangeError(`not a decimal with at most ${scale} places: ${JSON.stringify(s)}`);
    total += v;
  }
  return formatDecimal(total, scale);
}

/** Fixed places for display ("12.5" → "12.50"); rounds half away from zero when dropping places. */
export function toFixedDecimal(s: string, places: number, scale = WAN_YUAN_SCALE): string {
  const v = parseDecimal(s, scale);
  if (v === null) throw new RangeError(`not a decimal: ${JSON.stringify(s)}`);
  if (places >= scale) {
    const t = formatDecimal(v, scale);
    const [i, f = ''] = t.split('.');
    return places === 0 ? i : `${i}.${f.padEnd(places, '0')}`;
  }
  const unit = 10n ** BigInt(scale - places);
  const abs = v < 0n ? -v : v;
  let q = abs / unit;
  if ((abs % unit) * 2n >= unit) q += 1n;
  const text = formatDecimal(q, places);
  const [i, f = ''] = text.split('.');
  const fixed = places === 0 ? i : `${i}.${f.padEnd(places, '0')}`;
  return v < 0n && q !== 0n ? '-' + fixed : fixed;
}

/**
 * The expected cells of the fixture (domain/test-fixture.ts) for 2024 (2021 format) and 2020 (2019
 * trial format), written out by hand — the database, HTTP and CLI tests compare against these.
 * Table 3 columns: [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计].
 */
export type Row = [number, number, number, number, number, number, number];
const COLS = ['natural', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org', 'total'] as const;

export const rows = (t: Record<string, Row>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Object.fromEntries(COLS.map((c, i) => [c, v[i]]))]));

const Z: Row = [0, 0, 0, 0, 0, 0, 0];

export const EXPECTED_T3_2024: Record<string, Row> = {
  '3.1': [4, 1, 1, 1, 2, 1, 10], // c03 c04 c05 c06 c07 c08 c09 c10 c11 c15
  '3.2': [1, 1, 0, 0, 0, 0, 2], // c01, c02 received in December 2023
  '3.3.1': [2, 0, 0, 0, 0, 0, 2], // c01, c03
  '3.3.2': [1, 0, 0, 0, 0, 0, 1], // c04 partly released — only here
  '3.3.3.1': Z,
  '3.3.3.2': [0, 0, 0, 0, 1, 0, 1], // c15
  '3.3.3.3': Z,
  '3.3.3.4': [0, 0, 1, 0, 0, 0, 1], // c05
  '3.3.3.5': Z,
  '3.3.3.6': Z,
  '3.3.3.7': Z,
  '3.3.3.8': Z,
  '3.3.4.1': [0, 0, 0, 0, 0, 1, 1], // c08
  '3.3.4.2': Z,
  '3.3.4.3': Z,
  '3.3.5.1': Z,
  '3.3.5.2': [0, 1, 0, 0, 0, 0, 1], // c10 repeated application
  '3.3.5.3': Z,
  '3.3.5.4': Z,
  '3.3.5.5': Z,
  '3.3.6.1': [0, 0, 0, 0, 1, 0, 1], // c07 abandoned after a correction notice
  '3.3.6.2': [1, 0, 0, 0, 0, 0, 1], // c11 fee not paid
  '3.3.6.3': [0, 0, 0, 1, 0, 0, 1], // c06 withdrawn
  '3.3.7': [4, 1, 1, 1, 2, 1, 10],
  '3.4': [1, 1, 0, 0, 0, 0, 2], // c09 (concluded in 2025), c02 (still open)
};

export const EXPECTED_T3_2020: Record<string, Row> = {
  ...Object.fromEntries(Object.entries(EXPECTED_T3_2024).filter(([k]) => !k.startsWith('3.3.6.'))),
  '3.3.6': [1, 0, 0, 1, 1, 0, 3], // the trial format's single （六）其他处理 row
};

export const EXPECTED_T4 = {
  review: { upheld: 1, corrected: 1, other: 1, pending: 1, total: 4 }, // c05 upheld, c04 corrected, c12 other, c10 pending
  litigation_direct: { upheld: 0, corrected: 0, other: 0, pending: 2, total: 2 }, // c08 (decided next year), c12 (filed the year before)
  litigation_after_review: { upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 }, // c04
};

export const EXPECTED_T2_2024 = {
  regulations: { issued: 1, repealed: 1, in_force: 2 },
  normative: { issued: 2, repealed: 1, in_force: 2 },
  licensing: { decisions: 120 },
  penalty: { decisions: 35 },
  coercion: { decisions: 2 },
  fees: { amount_wan_yuan: '12.3456' },
};

export const EXPECTED_T2_2020 = {
  regulations: { issued: 1, published: 1, published_total: 3 },
  normative: { issued: 2, published: 3, published_total: 5 },
  licensing: { items_prev_year: 0, items_change: -2, decisions: 120 },
  other_services: { items_prev_year: 10, items_change: 3, decisions: 50 },
  penalty: { items_prev_year: 60, items_change: 0, decisions: 35 },
  coercion: { items_prev_year: 8, items_change: -1, decisions: 2 },
  fees: { items_prev_year: 5, items_change: 0 },
  procurement: { projects: 3, amount_wan_yuan: '58.2' },
};

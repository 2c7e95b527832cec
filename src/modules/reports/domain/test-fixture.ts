/**
 * A hand-built, fictional fixture for the report tests. `fixture(Y)` places every record relative to the
 * report year Y, so the same story is told for a trial-format year (2020) and a 2021-format year (2024);
 * the expected cells are written out in the tests, not derived from this file.
 *
 * The story of unit U1 in year Y (U2's records must be ignored):
 *  c01 natural          received Y-1-12-20, concluded Y-01-10, 予以公开          → 3.2, 3.3.1
 *  c02 commercial       received Y-1-12-28, still open                           → 3.2, 3.4
 *  c03 natural          received and concluded in Y, 予以公开                    → 3.1, 3.3.1
 *  c04 natural          partly released (区分处理)                                → 3.1, 3.3.2
 *  c05 research         refused, third-party rights                              → 3.1, 3.3.3.4
 *  c06 public_interest  withdrawn by the applicant                               → 3.1, 3.3.6.3
 *  c07 legal_services   abandoned after a correction notice                      → 3.1, 3.3.6.1
 *  c08 other_org        not held by this organ                                   → 3.1, 3.3.4.1
 *  c09 natural          received Y-12-20, concluded Y+1-01-08                    → 3.1, 3.4
 *  c10 commercial       repeated application                                     → 3.1, 3.3.5.2
 *  c11 natural          fee notice not paid                                      → 3.1, 3.3.6.2
 *  c12 natural          received Y-2, concluded Y-1                              → not in Y's table 3
 *  c13 natural          received Y+1                                             → not counted
 *  c14 (unit U2)                                                                 → ignored
 *  c15 legal_services   refused, prohibited by law                               → 3.1, 3.3.3.2
 *  c16 natural          received and concluded Y-2                               → not counted
 * Appeals: c05 review upheld in Y; c04 review corrected in Y then suit after review pending; c08 direct
 * suit filed in Y, decided Y+1 (pending at Y's end); c12 review decided in Y (other) and a direct suit
 * filed Y-1 still pending; c10 review filed in Y, pending; c16 review decided Y-1 (not counted).
 */
import type { CaseRecord, NormativeDocRecord, ManualFigures } from './compute.ts';

export function fixture(Y: number): { cases: CaseRecord[]; docs: NormativeDocRecord[] } {
  const y = (offset: number, md: string) => `${Y + offset}-${md}`;
  const c = (id: string, applicantCategory: CaseRecord['applicantCategory'], received: string, concluded?: string, result?: CaseRecord['result'], appeals: CaseRecord['appeals'] = [], unit = 'U1'): CaseRecord => ({
    id, unit, ref: `朝教公申〔${received.slice(0, 4)}〕${id.slice(1)}号`, applicantCategory, received, concluded, result, appeals,
  });
  const cases: CaseRecord[] = [
    c('c01', 'natural', y(-1, '12-20'), y(0, '01-10'), '3.3.1'),
    c('c02', 'commercial', y(-1, '12-28')),
    c('c03', 'natural', y(0, '03-01'), y(0, '03-20'), '3.3.1'),
    c('c04', 'natural', y(0, '04-01'), y(0, '04-25'), '3.3.2', [
      { kind: 'review', outcome: 'corrected', filed: y(0, '05-10'), decided: y(0, '07-01') },
      { kind: 'litigation_after_review', outcome: 'pending', filed: y(0, '07-15') },
    ]),
    c('c05', 'research', y(0, '05-06'), y(0, '05-20'), '3.3.3.4', [{ kind: 'review', outcome: 'upheld', filed: y(0, '06-10'), decided: y(0, '08-01') }]),
    c('c06', 'public_interest', y(0, '06-01'), y(0, '06-05'), '3.3.6.3'),
    c('c07', 'legal_services', y(0, '07-01'), y(0, '07-20'), '3.3.6.1'),
    c('c08', 'other_org', y(0, '08-01'), y(0, '09-01'), '3.3.4.1', [{ kind: 'litigation_direct', outcome: 'other', filed: y(0, '10-01'), decided: y(1, '02-01') }]),
    c('c09', 'natural', y(0, '12-20'), y(1, '01-08'), '3.3.1'),
    c('c10', 'commercial', y(0, '11-11'), y(0, '12-01'), '3.3.5.2', [{ kind: 'review', outcome: 'pending', filed: y(0, '12-20') }]),
    c('c11', 'natural', y(0, '10-01'), y(0, '10-15'), '3.3.6.2'),
    c('c12', 'natural', y(-2, '12-01'), y(-1, '01-10'), '3.3.3.6', [
      { kind: 'review', outcome: 'other', filed: y(-1, '02-01'), decided: y(0, '03-01') },
      { kind: 'litigation_direct', outcome: 'pending', filed: y(-1, '03-01') },
    ]),
    c('c13', 'natural', y(1, '01-03')),
    c('c14', 'natural', y(0, '02-02'), y(0, '02-20'), '3.3.1', [{ kind: 'review', outcome: 'upheld', decided: y(0, '05-01') }], 'U2'),
    c('c15', 'legal_services', y(0, '09-09'), y(0, '09-30'), '3.3.3.2'),
    c('c16', 'natural', y(-2, '05-01'), y(-2, '05-20'), '3.3.1', [{ kind: 'review', outcome: 'upheld', filed: y(-2, '06-01'), decided: y(-1, '01-01') }]),
  ];
  const d = (id: string, kind: NormativeDocRecord['kind'], issued: string, events: NormativeDocRecord['events'] = [], published?: string, unit = 'U1'): NormativeDocRecord => ({
    id, unit, kind, issued, events, ...(published ? { published } : {}),
  });
  const docs: NormativeDocRecord[] = [
    d('d1', 'regulation', y(0, '03-01')),
    d('d2', 'regulation', y(-3, '05-01'), [{ date: y(-3, '05-01'), validity: '有效' }, { date: y(0, '06-30'), validity: '已废止' }]),
    d('d3', 'regulation', y(-2, '01-01'), [{ date: y(-1, '07-01'), validity: '已修改' }]),
    d('d4', 'normative', y(0, '02-01'), [], y(0, '02-05')),
    d('d5', 'normative', y(-1, '12-25'), [{ date: y(-1, '12-25'), validity: '尚未生效' }, { date: y(0, '02-01'), validity: '有效' }], y(0, '01-04')),
    d('d6', 'normative', y(-2, '03-01'), [{ date: y(0, '05-01'), validity: '失效' }, { date: y(0, '09-01'), validity: '已废止' }]),
    d('d7', 'normative', y(-1, '01-01'), [{ date: y(-1, '06-01'), validity: '已废止' }]),
    d('d8', 'normative', y(0, '12-20'), [{ date: y(0, '12-20'), validity: '尚未生效' }, { date: y(1, '01-01'), validity: '有效' }]),
    d('d9', 'normative', y(1, '01-05')),
    d('d10', 'regulation', y(0, '04-04'), [], undefined, 'U2'),
  ];
  return { cases, docs };
}

export const MANUAL_2021: ManualFigures = {
  'table2.licensing.decisions': { value: 120, source: '市政务服务平台办件统计（演示数据）' },
  'table2.penalty.decisions': { value: 35, source: '行政执法监督平台（演示数据）' },
  'table2.coercion.decisions': { value: 2, source: '行政执法监督平台（演示数据）' },
  'table2.fees.amount_wan_yuan': { value: '12.3456', source: '非税收入系统（演示数据）' },
};

export const MANUAL_2019: ManualFigures = {
  'table2.licensing.decisions': { value: 120, source: '办件统计（演示）' },
  'table2.licensing.items_change': { value: -2, source: '权责清单调整（演示）' },
  'table2.other_services.items_prev_year': { value: 10, source: '权责清单（演示）' },
  'table2.other_services.items_change': { value: 3, source: '权责清单（演示）' },
  'table2.other_services.decisions': { value: 50, source: '办件统计（演示）' },
  'table2.penalty.items_prev_year': { value: 60, source: '权责清单（演示）' },
  'table2.penalty.items_change': { value: 0, source: '权责清单（演示）' },
  'table2.penalty.decisions': { value: 35, source: '执法平台（演示）' },
  'table2.coercion.items_prev_year': { value: 8, source: '权责清单（演示）' },
  'table2.coercion.items_change': { value: -1, source: '权责清单（演示）' },
  'table2.coercion.decisions': { value: 2, source: '执法平台（演示）' },
  'table2.fees.items_prev_year': { value: 5, source: '收费目录（演示）' },
  'table2.fees.items_change': { value: 0, source: '收费目录（演示）' },
  'table2.procurement.projects': { value: 3, source: '政府采购网（演示）' },
  'table2.procurement.amount_wan_yuan': { value: '58.2', source: '政府采购网（演示）' },
};

/**
 * The statutory holidays that fall on fixed Gregorian dates, used for a year whose holiday arrangement
 * (国务院办公厅关于YYYY年部分节假日安排的通知) is not loaded yet, so that 1 January is never a due date.
 *
 * 《全国年节及纪念日放假办法》 第二条 as amended on 10 November 2024 (in force for 2025 on):
 *   元旦 1 day (1月1日); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (农历清明当日);
 *   劳动节 2 days (5月1日、2日); 端午节 1 day (农历端午当日); 中秋节 1 day (农历中秋当日);
 *   国庆节 3 days (10月1日至3日).
 * Earlier versions: 2008–2024 (2007 and 2013 amendments) 劳动节 1 day (5月1日); 2000–2007 (1999
 * amendment) 劳动节 3 days (5月1日至3日). 元旦 and 国庆节 did not change.
 *
 * Only these Gregorian dates are certain in advance. 春节, 清明节, 端午节 and 中秋节 follow the lunar
 * calendar or a solar term, and the notice also sets the make-up days (补假, 第六条; 调休, 第七条), so
 * none of those is applied: results for such a year stay provisional until the notice is entered.
 */
import { yearOf } from './dates.ts';

export interface StatutoryDay {
  name: string;
  nameEn: string;
}

const NEW_YEAR: StatutoryDay = { name: '元旦', nameEn: "New Year's Day" };
const LABOUR: StatutoryDay = { name: '劳动节', nameEn: 'Labour Day' };
const NATIONAL: StatutoryDay = { name: '国庆节', nameEn: 'National Day' };

export const STATUTORY_SOURCE = '《全国年节及纪念日放假办法》第二条（固定日期节日，待当年放假安排通知）';

/** MM-DD → holiday, for the version of the 放假办法 in force in `year`. */
function fixedDates(year: number): Record<string, StatutoryDay> {
  const labour = year >= 2025 ? ['05-01', '05-02'] : year >= 2008 ? ['05-01'] : ['05-01', '05-02', '05-03'];
  const out: Record<string, StatutoryDay> = { '01-01': NEW_YEAR, '10-01': NATIONAL, '10-02': NATIONAL, '10-03': NATIONAL };
  for (const d of labour) out[d] = LABOUR;
  return out;
}

/** The fixed-date statutory holiday on `date` (YYYY-MM-DD), or null. */
export function fixedStatutoryHoliday(date: string): StatutoryDay | null {
  return fixedDates(yearOf(date))[date.slice(5)] ?? null;
}

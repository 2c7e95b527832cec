/**
 * Demo 权责清单 of three units of the demo city (市场监管局, 司法局, 朝阳县), for 2019 and 2020, so
 * the 2020 diff shows items added, removed and changed. Codes are fictional ("DEMO-…"); legal bases
 * name real statutes; everything else is invented for the demo.
 */
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { listUnits } from '../../units/repository.ts';
import { createList, importItems, moveList } from '../commands.ts';
import type { ItemInput, PowerType } from '../domain/rules.ts';

const DUTIES = '1. 受理责任：公示条件、程序，依法受理或不予受理\n2. 审查责任：对材料进行审查\n3. 决定责任：依法作出决定并说明理由\n4. 送达责任：按规定送达\n5. 事后监管责任：加强监督检查\n6. 其他法律法规规章规定应履行的责任';
const ACCOUNT = '因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任：\n1. 对符合条件的不予受理、不予办理的\n2. 对不符合条件的违法办理的\n3. 未按规定时限办理的\n4. 在办理过程中滥用职权、玩忽职守、徇私舞弊的\n5. 其他违反法律法规规章规定的行为';

const it = (type: PowerType, code: string, name: string, basis: string, subject: string, extra: Partial<ItemInput> = {}): ItemInput =>
  ({ type, code, name, basis, subject, duties: DUTIES, accountability: ACCOUNT, ...extra });

type Demo = { slug: string; y2019: ItemInput[]; y2020: ItemInput[] };

const SCJG = '朝阳市市场监督管理局';
const SFJ = '朝阳市司法局';
const CYX = '朝阳县人民政府及其工作部门（演示）';

const scjg2019 = [
  it('licensing', 'DEMO-SCJG-XK-001', '食品经营许可', '《中华人民共和国食品安全法》第三十五条', SCJG),
  it('licensing', 'DEMO-SCJG-XK-002', '特种设备使用登记', '《中华人民共和国特种设备安全法》第三十三条', SCJG),
  it('penalty', 'DEMO-SCJG-CF-001', '对未取得食品生产经营许可从事食品生产经营活动的行政处罚', '《中华人民共和国食品安全法》第一百二十二条', SCJG),
  it('penalty', 'DEMO-SCJG-CF-002', '对销售不符合安全标准的产品的行政处罚', '《中华人民共和国产品质量法》第四十九条', SCJG),
  it('coercion', 'DEMO-SCJG-QZ-001', '查封、扣押不符合食品安全标准的食品', '《中华人民共和国食品安全法》第一百一十条', SCJG),
  it('inspection', 'DEMO-SCJG-JC-001', '食品生产经营监督检查', '《中华人民共和国食品安全法》第一百一十条\n《食品生产经营监督检查管理办法》', SCJG),
  it('confirmation', 'DEMO-SCJG-QR-001', '个体工商户登记', '《个体工商户条例》第八条', SCJG),
  it('reward', 'DEMO-SCJG-JL-001', '对举报食品安全违法行为的奖励', '《中华人民共和国食品安全法》第一百一十五条', SCJG),
];
const scjg2020 = [
  ...scjg2019.filter((i) => i.code !== 'DEMO-SCJG-QR-001').map((i) => i.code === 'DEMO-SCJG-XK-001'
    ? { ...i, basis: '《中华人民共和国食品安全法》第三十五条\n《食品经营许可管理办法》第二条', duties: i.duties.replace('依法受理或不予受理', '依法受理或不予受理；推行告知承诺制') }
    : i),
  it('confirmation', 'DEMO-SCJG-QR-002', '个体工商户设立、变更、注销登记', '《个体工商户条例》第八条、第十条、第十二条', SCJG),
  it('inspection', 'DEMO-SCJG-JC-002', '"双随机、一公开"抽查', '《国务院关于在市场监管领域全面推行部门联合"双随机、一公开"监管的意见》', SCJG),
];

const sfj2019 = [
  it('licensing', 'DEMO-SFJ-XK-001', '律师事务所设立许可（初审）', '《中华人民共和国律师法》第十八条', SFJ),
  it('licensing', 'DEMO-SFJ-XK-002', '基层法律服务工作者执业核准', '《基层法律服务工作者管理办法》第十条', SFJ),
  it('penalty', 'DEMO-SFJ-CF-001', '对律师违法执业行为的行政处罚', '《中华人民共和国律师法》第四十七条至第四十九条', SFJ),
  it('payment', 'DEMO-SFJ-GF-001', '法律援助', '《法律援助条例》第十条', '朝阳市法律援助中心（受市司法局委托）'),
  it('inspection', 'DEMO-SFJ-JC-001', '对律师事务所的年度检查考核', '《律师事务所管理办法》第六十条', SFJ),
  it('other', 'DEMO-SFJ-QT-001', '人民调解员培训', '《中华人民共和国人民调解法》第十四条', SFJ),
];
const sfj2020 = sfj2019.map((i) => i.code === 'DEMO-SFJ-GF-001' ? { ...i, subject: '朝阳市司法局（法律援助中心具体承办）' } : i);

const cyx2019 = [
  it('levy', 'DEMO-CYX-ZS-001', '集体土地征收', '《中华人民共和国土地管理法》第四十六条', CYX),
  it('payment', 'DEMO-CYX-GF-001', '最低生活保障金给付', '《社会救助暂行办法》第九条', '朝阳县民政局（演示）'),
  it('adjudication', 'DEMO-CYX-CJ-001', '土地权属争议裁决', '《中华人民共和国土地管理法》第十四条', CYX),
  it('confirmation', 'DEMO-CYX-QR-001', '农村集体经济组织成员身份确认', '《中华人民共和国农村土地承包法》第六十九条', '朝阳县农业农村局（演示）'),
];
const cyx2020 = [...cyx2019, it('payment', 'DEMO-CYX-GF-002', '特困人员救助供养', '《社会救助暂行办法》第十四条', '朝阳县民政局（演示）')];

const DEMO: Demo[] = [
  { slug: 'scjgj', y2019: scjg2019, y2020: scjg2020 },
  { slug: 'sfj', y2019: sfj2019, y2020: sfj2020 },
  { slug: 'chaoyangxian', y2019: cyx2019, y2020: cyx2020 },
];

export async function seedPowers(db: Db, ctx: CommandContext, log: (s: string) => void): Promise<number> {
  const units = new Map((await listUnits(db, { activeOnly: true })).map((u) => [u.slug, u]));
  let n = 0;
  for (const d of DEMO) {
    const unit = units.get(d.slug);
    if (!unit) continue;
    for (const [year, items] of [[2019, d.y2019], [2020, d.y2020]] as const) {
      const id = await createList(db, ctx, unit.id, year);
      await importItems(db, ctx, id, items, 'demo');
      await moveList(db, ctx, id, 'publish');
      n++;
    }
  }
  log(`  ${n} 份权责清单（演示）`);
  return n;
}

DEMO_SEEDERS.push({ name: 'powers', run: async (db, ctx, log) => void (await seedPowers(db, ctx, log)) });

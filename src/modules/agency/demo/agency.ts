/**
 * Demo agency information for every demo unit (fictional people, placeholder photos): functions,
 * departments by unit type, three leaders (the registry's responsible official first), published as
 * version 1 — so the 机构职能 column of the demo city is never empty.
 */
import { encodePng } from '../../../core/demo/png.ts';
import type { Db } from '../../../core/db/index.ts';
import type { CommandContext } from '../../../core/commands/context.ts';
import { DEMO_SEEDERS } from '../../system/seed.ts';
import { listUnits, type UnitListRow } from '../../units/repository.ts';
import { publishAgency, saveDepartment, saveFunctions, saveLeader } from '../commands.ts';

const DEPTS: Record<string, [string, string][]> = {
  government: [
    ['办公室', '负责政府日常运转，承担文电、会务、机要、档案、督查等工作。'],
    ['研究室', '负责综合性政策研究，起草重要文稿。'],
    ['政务公开办公室', '负责本级政府信息公开、政府网站和政务新媒体的统筹协调和监督检查。'],
    ['政务服务管理办公室', '负责政务服务事项标准化、一网通办和营商环境建设的组织协调。'],
  ],
  department: [
    ['办公室', '负责机关文电、会务、机要、档案、信息、安全保密、政务公开和督查工作。'],
    ['政策法规科', '负责起草地方性法规、规章草案和规范性文件，承担合法性审查和行政复议应诉工作。'],
    ['行政审批科', '负责本部门行政许可事项的受理、审查和办理，编制办事指南。'],
    ['计划财务科', '负责部门预决算、财务管理和内部审计工作。'],
    ['人事科', '负责机关和所属单位的人事管理、机构编制和教育培训工作。'],
  ],
  township: [
    ['党政综合办公室', '负责党建、文秘、会务、信息、政务公开和综合协调工作。'],
    ['经济发展办公室', '负责农业农村、产业发展、项目服务和统计工作。'],
    ['社会事务办公室', '负责民政、社会保障、卫生健康、教育和退役军人服务工作。'],
    ['综合行政执法队', '负责辖区综合行政执法工作。'],
    ['便民服务中心', '负责政务服务事项的受理、代办和咨询。'],
  ],
  park: [
    ['综合办公室', '负责文电、会务、人事、财务和政务公开工作。'],
    ['规划建设部', '负责区内规划、土地、建设项目管理。'],
    ['招商服务部', '负责招商引资和企业服务。'],
  ],
};

const kindOf = (type: string) => (type === 'city_government' || type === 'county_government' ? 'government' : type === 'township' ? 'township' : type === 'park' ? 'park' : 'department');

function functionsOf(u: UnitListRow): string {
  const k = kindOf(u.type);
  const items =
    k === 'government'
      ? ['执行本级人民代表大会及其常务委员会的决议，以及上级国家行政机关的决定和命令，规定行政措施，发布决定和命令。', '领导所属各工作部门和下级人民政府的工作。', '编制和执行国民经济和社会发展计划、预算，管理本行政区域内的经济、教育、科学、文化、卫生、体育事业、环境和资源保护、城乡建设等行政工作。', '保障公民的人身权利、民主权利和其他权利，依法推进政务公开。', '办理上级国家行政机关交办的其他事项。']
      : k === 'township'
        ? ['贯彻落实党和国家的路线方针政策以及上级党委、政府的决策部署。', '组织实施辖区经济社会发展规划，推进乡村振兴和基层治理。', '负责辖区社会事务、公共服务和便民服务工作。', '按照基层政务公开标准目录公开辖区政务信息。', '完成上级交办的其他任务。']
        : [`贯彻执行国家和省、市有关方针政策和法律法规，拟订${u.short_name}职责范围内的政策措施并组织实施。`, '负责职责范围内行政许可、行政检查等事项的实施和监督管理。', '负责本部门政务公开和政务服务工作，推进“互联网+政务服务”。', '指导所属单位和下级部门的业务工作。', '完成市委、市政府交办的其他任务。'];
  return `<p>${u.name}的主要职责是：</p><ol>${items.map((x) => `<li>${x}</li>`).join('')}</ol><p>（演示数据）</p>`;
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = ['建国', '志强', '秀英', '海燕', '晓东', '丽华', '国庆', '春梅', '文博', '德胜', '雅琴', '振宇', '玉珍', '立新', '红霞', '永刚'];

/** A small placeholder portrait (a light silhouette on grey), as a real PNG: 120 × 160. */
export function placeholderPhoto(seed: number): Uint8Array {
  const w = 120;
  const h = 160;
  const shade = 200 + (seed % 5) * 8;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const head = (x - 60) ** 2 + (y - 62) ** 2 < 28 ** 2;
      const body = y > 100 && (x - 60) ** 2 / 55 ** 2 + (y - 165) ** 2 / 62 ** 2 < 1;
      const v = head || body ? 245 : shade;
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = v - 10;
      raw[o + 1] = v - 4;
      raw[o + 2] = v;
    }
  }
  return new Uint8Array(encodePng(w, h, 2, raw));
}

export async function seedAgency(db: Db, ctx: CommandContext, log: (s: string) => void): Promise<number> {
  const units = await listUnits(db, { activeOnly: true });
  for (const [i, u] of units.entries()) {
    const k = kindOf(u.type);
    await saveFunctions(db, ctx, u.id, { functions: functionsOf(u) });
    for (const [j, [name, functions]] of DEPTS[k].entries()) {
      await saveDepartment(db, ctx, u.id, null, { name, functions, phone: `0421-555${String(i).padStart(2, '0')}${j}`, sort_order: String(j) });
    }
    const head = k === 'government' ? (u.type === 'city_government' ? '市长' : '区（县）长') : k === 'township' ? '镇长（主任）' : k === 'park' ? '主任' : '局长（主任）';
    const deputy = k === 'government' ? '副市（区、县）长' : k === 'township' ? '副镇长（副主任）' : '副局长（副主任）';
    const people: [string, string, string][] = [
      [`${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`, head, '主持全面工作。'],
      [u.responsible_official ?? `${SURNAMES[(i * 7 + 3) % SURNAMES.length]}${GIVEN[(i + 5) % GIVEN.length]}`, u.responsible_title ?? deputy, '负责政务公开、政务服务、法治建设工作。'],
      [`${SURNAMES[(i * 7 + 11) % SURNAMES.length]}${GIVEN[(i + 9) % GIVEN.length]}`, deputy, '负责财务、人事和机关事务工作。'],
    ];
    for (const [j, [name, title, duties]] of people.entries()) {
      const born = 1968 + ((i + j * 5) % 14);
      const cv = `${name}，${born}年生，大学学历，中共党员。\n${born + 22}年参加工作，历任科员、副科长、科长。\n现任${u.name}${title}。`;
      await saveLeader(db, ctx, u.id, null, { name, title, duties, cv, sort_order: String(j) }, { data: placeholderPhoto(i + j) });
    }
    await publishAgency(db, ctx, u.id, { note: '演示数据首次发布' });
  }
  log(`agency: ${units.length} units`);
  return units.length;
}

DEMO_SEEDERS.push({ name: 'agency', run: async (db, ctx, log) => void (await seedAgency(db, ctx, log)) });

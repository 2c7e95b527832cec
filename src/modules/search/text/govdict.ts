/**
 * Government vocabulary added to jieba's dictionary so that these stay one word in `cut`
 * (queries and the word stream of the index), while the index also gets their dictionary
 * sub-words (政务公开 → 政务, 公开), see tokenize.ts.
 *
 * Chosen from the 政务公开 domain (条例, 国办公开办函〔2019〕61号 column names, 年报 tables), the
 * metadata fields of a 政府信息公开目录, common policy slogans and agency names. Short parts are
 * listed too where jieba's own dictionary lacks them (新冠, 六稳), because a part is only indexed
 * as a sub-word when it is itself a dictionary word. All entries are Simplified (the form text
 * has after folding) and contain only letters, so that they survive tokenisation whole.
 *
 * Compounds of two entries plus a generic word (政府信息公开 + 指南, 新冠肺炎 + 疫情) are left
 * out on purpose: as one word, their parts share one position in the index, and a phrase such
 * as "信息公开指南" could no longer match; cut in two, every phrase over them works.
 */

/** Frequency given to every entry: high enough that jieba keeps the entry whole rather than
 * splitting it into two common words, comparable to 人民政府 (15 227) in jieba's dictionary. */
export const GOV_WORD_FREQ = 20_000

export const GOV_WORDS: readonly string[] = [
  // 政务公开 / 政府信息公开 (条例 第1、9、13、19–21、27条 vocabulary)
  '政务公开', '政府信息公开', '信息公开', '政府信息', '依申请公开', '依申请',
  '主动公开', '不予公开', '部分公开', '不公开', 
  
  
  '年度报告', '工作年报', '政务公开标准目录', '标准化规范化', 
  '政策解读', '政策文件', '政策问答',
  '规范性文件', '行政规范性文件', '红头文件', '索引号', '文号', '发文字号',
  '发文机关', '成文日期', '发布日期', '发布机构', '主题分类', '公文种类', '有效性', '现行有效',
  '已废止', '已失效', '已修改', '尚未生效', 
  '申请人', '告知书', '答复书', '补正通知', '延期答复', '逾期答复', '信息不存在', '非本机关',
  '过程性信息', '内部事务信息', '三安全一稳定', '商业秘密', '个人隐私', '国家秘密', '工作秘密',
  '保密审查', '公开审查', '依法公开', 
  '工作要点', 

  // 机构 (agencies and offices)
  '人民政府', 
  '街道办事处', '国务院办公厅',
  '管委会', '管理委员会', '政务服务中心', '政务服务', '政务服务网',
  '政务服务事项', '便民服务中心', '发展改革委', '发改委', '发展和改革委员会', '财政局', '人社局',
  '人力资源和社会保障局', '住建局', '住房和城乡建设局', '自然资源局', '生态环境局', '市场监管局',
  '市场监督管理局', '卫生健康委', '卫健委', '卫生健康委员会', '教育局', '公安局', '民政局',
  '司法局', '应急管理局', '审计局', '统计局', '税务局', '医保局', '医疗保障局', '退役军人事务局',
  '农业农村局', '交通运输局', '水利局', '商务局', '文旅局', '文化和旅游局', '信访局', '大数据局',
  '行政审批局', '营商环境建设局', '政务服务管理局', '机关事务管理局', '城市管理局', '综合执法局',
  '综合行政执法局', '林业和草原局', '科技局', '工信局', '工业和信息化局', '国资委', '人大常委会',
  '政协', '纪委监委',

  // 政策口号 (policy slogans that people search for as a unit)
  '六稳', '六保', '稳就业', '稳金融', '稳外贸', '稳外资', '稳投资', '稳预期', '保就业',
  '保基本民生', '保市场主体', '保粮食能源安全', '保产业链供应链稳定', '保基层运转', '放管服',
  '简政放权', '放管结合', '优化服务', '营商环境', '一网通办',
  '一网统管', '一网协同', '最多跑一次', '一次办好', '一件事一次办', '只进一扇门', '不见面审批',
  '跨省通办', '全程网办', '掌上办', '双随机一公开', '证照分离', '多证合一', '告知承诺制',
  '证明事项', '乡村振兴', '脱贫攻坚', '精准扶贫', '全面小康', '高质量发展', '新发展理念',
  '新发展格局', '供给侧结构性改革', '三去一降一补', '污染防治', '蓝天保卫战',
  '碧水保卫战', '净土保卫战', '河长制', '湖长制', '林长制', '扫黑除恶', 
  '平安建设', '文明城市', '双创', '大众创业', '万众创新', '减税降费', '复工复产',
  '复工复市', '十三五', '十四五', '国民经济和社会发展', '政府工作报告',
  '民生实事', '为民办实事', '接诉即办', '未诉先办',

  // 疫情与应急 (epidemic and emergencies)
  '疫情防控', '新冠肺炎', '新冠', '新冠病毒', '新冠疫苗', '新型冠状病毒', 
  '联防联控', '群防群控', '群防群治', '核酸检测', '疫苗接种',
  '隔离观察', '健康码', '行程卡', '应急预案', '突发事件', '突发公共事件', '突发公共卫生事件',
  '应急管理', '应急响应', '应急演练', '应急物资', '安全生产', '防汛抗旱', '森林防火',
  '食品安全', '药品安全', '自然灾害', '地质灾害', '防灾减灾',

  // 行政执法与法治政府 (administrative law)
  '行政许可', '行政处罚', '行政强制', '行政征收', '行政征用', '行政给付', '行政检查', '行政确认',
  '行政奖励', '行政裁决', '行政备案', '行政执法', '执法全过程记录',
  '行政复议', '行政诉讼', '行政应诉', '行政赔偿', '权责清单', '权力清单',
  '责任清单', '负面清单', '公共服务事项', '办事指南', '中介服务', '双公示', '信用中国',
  '失信联合惩戒', '守信联合激励', '社会信用体系', '信用修复', '法治政府', '依法行政',
  '重大行政决策', '合法性审查', '公平竞争审查', '公众参与', '专家论证', '风险评估',
  '集体讨论决定', '听证会', '征求意见', '意见征集', '决策预公开', '政务开放日',
  '人大代表建议', '政协委员提案', '建议提案', '建议办理', '提案办理', '政务热线', '市长热线',
  '政务新媒体', '门户网站', '网站群', 

  // 财政与资源 (public finance and resources)
  '财政预算', '财政决算', '部门预算', '部门决算', '预算公开', '决算公开', '三公经费',
  '一般公共预算', '政府性基金预算', '国有资本经营预算', '政府采购', '招标投标', '公共资源交易',
  '政府债务', '专项债券', '一般债券', '转移支付', '国有资产', '财政资金', '惠民惠农',
  '涉农资金',

  // 民生 (Art. 21 items for city and county governments, 条例 第21条)
  '社会救助', '最低生活保障', '城乡低保', '特困人员', '特困供养', '临时救助', '医疗救助',
  '医疗保障', '基本医疗保险', '城乡居民医保', '养老保险', '基本养老保险', '住房保障',
  '保障性住房', '保障性租赁住房', '公租房', '廉租房', '棚户区改造', '老旧小区改造', '土地征收',
  '房屋征收', '征地补偿', '拆迁安置', '土地承包经营权', '宅基地',
  '农田水利', '筹资筹劳', '义务教育', '学前教育', '就业创业', '市政建设', '公共服务', '公益事业',
  '治安管理', '环境保护', '生态环境', '环境影响评价', '建设项目', '重大建设项目', '国土空间规划',
  '城乡规划', '退役军人', '残疾人', '养老服务', '殡葬管理',

  // 公文 (document kinds and recurring title words, 党政机关公文处理工作条例 第8条)
  '实施方案', '实施意见', '指导意见', '管理办法', '暂行办法', '实施细则', '工作方案', '工作计划',
  '工作总结', '工作报告', '通知公告', '会议纪要', '情况通报',
]

/**
 * Parts of government words that no dictionary holds and jieba's stock segmentation still gives,
 * by guessing unknown words (HMM): 减税降费 → 减税 / 降费. A query for 降费 is one token, so the
 * index needs it inside 减税降费 too; the words' other parts are dictionary sub-words already.
 * Written out here so that indexing needs no second segmenter with the stock dictionary (#15
 * item 4); dictionary.unit.test.ts recomputes the list with the stock dictionary and fails when it is out of date.
 */
export const GOV_WORD_GUESSED_PARTS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['人社局', ['社局']],
  ['住建局', ['建局']],
  ['放管结合', ['放管']],
  ['一网统管', ['一网']],
  ['一网协同', ['一网']],
  ['只进一扇门', ['只进']],
  ['跨省通办', ['通办']],
  ['全程网办', ['网办']],
  ['多证合一', ['多证']],
  ['三去一降一补', ['三去', '一降', '一补']],
  ['减税降费', ['降费']],
  ['复工复产', ['复产']],
  ['复工复市', ['复市']],
  ['接诉即办', ['接诉']],
  ['未诉先办', ['未诉', '先办']],
  ['群防群控', ['群防', '群控']],
  ['老旧小区改造', ['老旧']],
  ['筹资筹劳', ['筹劳']],
])

/** The dictionary text jieba loads: one "word frequency" per line. */
export function govDictText(): string {
  return GOV_WORDS.map((w) => `${w} ${GOV_WORD_FREQ}`).join('\n')
}

let wordSet: ReadonlySet<string> | undefined

/** The vocabulary as a set (for 'did you mean'). */
export function govWordSet(): ReadonlySet<string> {
  wordSet ??= new Set(GOV_WORDS)
  return wordSet
}

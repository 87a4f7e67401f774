// Real parts of Chinese implementation lists, for generating a large catalogue: item names (with the
// sub-items real lists split them into), implementing departments by kind, materials and conditions.

/**
 * [name, itemType digits, objectType, themes, the item's own materials] — names from national and
 * provincial lists; every item also asks for what COMMON_MATERIALS lists for its kind of applicant.
 */
type ItemName = readonly [string, string, 'person' | 'enterprise' | 'both', string[], string[]];
export const ITEM_NAMES: readonly ItemName[] = [
  [
    '护士执业注册',
    '01',
    'person',
    ['qualification', 'medical'],
    ['护士执业资格考试成绩合格证明', '健康体检证明'],
  ],
  ['医师执业注册', '01', 'person', ['qualification', 'medical'], ['医师资格证书', '健康体检证明']],
  ['乡村医生执业注册', '01', 'person', ['qualification'], ['乡村医生执业证书', '健康体检证明']],
  ['医疗机构执业登记', '01', 'enterprise', ['healthSafety'], ['设置医疗机构批准书', '场所平面图']],
  ['医疗机构设置审批', '01', 'enterprise', ['healthSafety'], ['可行性研究报告', '场所平面图']],
  ['放射诊疗许可', '01', 'enterprise', ['healthSafety'], ['放射诊疗设备清单', '职业病危害放射防护评价报告']],
  [
    '公共场所卫生许可',
    '01',
    'enterprise',
    ['healthSafety', 'permits'],
    ['卫生管理制度', '从业人员健康合格证明'],
  ],
  [
    '母婴保健技术服务机构执业许可',
    '01',
    'enterprise',
    ['healthSafety'],
    ['医疗机构执业许可证', '技术人员资格证书'],
  ],
  ['出生医学证明办理', '07', 'person', ['birth'], ['母亲身份证明', '住院分娩记录']],
  ['生育登记服务', '20', 'person', ['birth'], ['结婚证', '居民户口簿']],
  ['预防接种证办理', '20', 'person', ['birth', 'medical'], ['出生医学证明']],
  ['结婚登记', '07', 'person', ['marriage'], ['居民户口簿', '近期免冠照片']],
  ['离婚登记', '07', 'person', ['marriage'], ['结婚证', '离婚协议书']],
  ['补领结婚证', '07', 'person', ['marriage'], ['近期免冠照片']],
  ['收养登记', '07', 'person', ['birth'], ['收养申请书', '被收养人出生证明']],
  ['出生登记', '20', 'person', ['household', 'birth'], ['出生医学证明', '父母居民户口簿']],
  ['户口迁移', '20', 'person', ['household'], ['居民户口簿', '准予迁入证明']],
  ['居民身份证换领', '20', 'person', ['certificates'], ['原居民身份证', '居民户口簿']],
  ['居民身份证补领', '20', 'person', ['certificates'], ['居民户口簿']],
  ['临时居民身份证办理', '20', 'person', ['certificates'], ['居民户口簿']],
  ['居住证办理', '20', 'person', ['certificates', 'household'], ['居住证明', '近期免冠照片']],
  ['个体工商户设立登记', '01', 'enterprise', ['establishment'], ['经营场所证明', '经营者身份证明']],
  ['企业设立登记', '01', 'enterprise', ['establishment'], ['公司章程', '住所使用证明']],
  ['企业变更登记', '01', 'enterprise', ['establishment'], ['变更决议', '营业执照正副本']],
  ['企业注销登记', '01', 'enterprise', ['closure'], ['清算报告', '注销决议']],
  ['营业执照遗失补领', '20', 'enterprise', ['establishment'], ['遗失声明']],
  ['食品经营许可', '01', 'enterprise', ['permits'], ['食品安全管理制度', '经营场所平面图']],
  ['食品生产许可', '01', 'enterprise', ['permits'], ['食品生产设备清单', '工艺流程图']],
  ['药品经营许可', '01', 'enterprise', ['permits', 'healthSafety'], ['质量管理文件', '执业药师证书']],
  ['医疗器械经营备案', '11', 'enterprise', ['permits'], ['经营场所证明', '质量管理制度']],
  ['社会保障卡申领', '20', 'person', ['socialSecurity'], ['近期免冠照片']],
  ['社会保障卡补换', '20', 'person', ['socialSecurity'], ['原社会保障卡']],
  ['社保卡挂失', '20', 'person', ['socialSecurity'], []],
  ['城乡居民基本养老保险参保登记', '20', 'person', ['retirement', 'socialSecurity'], ['居民户口簿']],
  ['职工基本养老保险关系转移', '20', 'person', ['retirement'], ['参保缴费凭证']],
  ['失业保险金申领', '05', 'person', ['employment', 'socialSecurity'], ['解除劳动合同证明']],
  ['就业创业证申领', '20', 'person', ['employment'], ['近期免冠照片']],
  ['城乡居民基本医疗保险参保登记', '20', 'person', ['medical', 'socialSecurity'], ['居民户口簿']],
  ['异地就医备案', '20', 'person', ['medical'], ['异地居住证明']],
  ['生育保险待遇核准', '05', 'person', ['birth', 'socialSecurity'], ['出生医学证明', '医疗费用票据']],
  ['最低生活保障审批', '05', 'person', ['socialSecurity'], ['家庭收入证明', '居民户口簿']],
  ['残疾人证办理', '07', 'person', ['certificates'], ['残疾评定表', '近期免冠照片']],
  ['高龄津贴发放', '05', 'person', ['retirement'], ['居民户口簿']],
  ['不动产登记', '07', 'both', ['housing', 'investment'], ['不动产权属证书', '不动产登记申请书']],
  ['公共租赁住房资格审核', '20', 'person', ['housing'], ['家庭收入证明', '住房情况证明']],
  ['住房公积金提取', '20', 'person', ['housing'], ['提取申请书', '购房合同']],
  ['建筑工程施工许可', '01', 'enterprise', ['investment'], ['建设工程规划许可证', '施工合同']],
  ['建设工程规划许可', '01', 'enterprise', ['investment'], ['建设工程设计方案', '土地权属证明']],
  ['排污许可', '01', 'enterprise', ['permits'], ['排污许可申请表', '环境影响评价文件']],
  ['道路运输经营许可', '01', 'enterprise', ['permits'], ['车辆技术等级证明', '驾驶员从业资格证']],
  ['机动车驾驶证换证', '20', 'person', ['travel'], ['机动车驾驶证', '身体条件证明']],
  ['机动车登记', '07', 'person', ['travel'], ['机动车来历证明', '机动车整车出厂合格证明']],
  ['教师资格认定', '07', 'person', ['qualification', 'education'], ['学历证书', '普通话水平测试等级证书']],
  ['学生资助申请', '05', 'person', ['education'], ['家庭经济困难证明']],
  ['死亡医学证明办理', '07', 'person', ['death'], ['死者居民身份证']],
  ['火化证明办理', '20', 'person', ['death'], ['死亡医学证明']],
  ['税务登记', '07', 'enterprise', ['tax'], ['财务负责人身份证明']],
  ['发票领用', '20', 'enterprise', ['tax'], ['发票专用章']],
  ['劳务派遣经营许可', '01', 'enterprise', ['workforce'], ['经营场所证明', '劳务派遣管理制度']],
  [
    '职业技能等级认定',
    '07',
    'person',
    ['qualification', 'employment'],
    ['职业技能等级证书申请表', '学历证书'],
  ],
];

export const SUB_ITEMS: readonly string[] = [
  '',
  '（首次申请）',
  '（变更）',
  '（延续）',
  '（注销）',
  '（补办）',
];

/** Implementing departments by kind, with the item names they take (by a word in the name). */
export const DEPARTMENT_KINDS: readonly (readonly [string, RegExp])[] = [
  ['卫生健康委员会', /护士|医师|医生|医疗|放射|公共场所|母婴|出生医学|生育登记|预防接种|死亡医学/],
  ['民政局', /婚|收养|最低生活|残疾|高龄|火化/],
  ['公安局', /户口|出生登记|身份证|居住证|机动车/],
  ['市场监督管理局', /工商|企业|营业执照|食品|药品|医疗器械/],
  ['人力资源和社会保障局', /社会保障卡|社保卡|养老|失业|就业|职业技能|劳务派遣/],
  ['医疗保障局', /医疗保险|异地就医|生育保险/],
  ['自然资源和规划局', /不动产|规划/],
  ['住房和城乡建设局', /住房|施工/],
  ['生态环境局', /排污/],
  ['交通运输局', /道路运输/],
  ['教育局', /教师|学生/],
  ['税务局', /税务|发票/],
];

/** What every item of a kind of applicant asks for besides its own materials. */
export const COMMON_MATERIALS = {
  person: ['居民身份证', '申请表'],
  enterprise: ['营业执照', '法定代表人身份证明', '申请表'],
  both: ['申请人身份证明', '申请表'],
} as const;

export const CONDITIONS: readonly string[] = [
  '申请人具有完全民事行为能力，材料齐全、符合法定形式',
  '符合国家规定的条件，在本辖区内办理',
  '经营场所符合卫生要求，具有相应的管理制度',
  '年满十八周岁的中国公民，户籍在本辖区',
];

export const STEPS: readonly string[] = ['申请', '受理', '审查', '决定', '送达'];

/** The Chinese queries the benchmark rotates through (names, parts of names, everyday words). */
export const QUERIES: readonly string[] = [
  '护士',
  '执业注册',
  '结婚登记',
  '营业执照',
  '食品经营许可',
  '出生',
  '社保卡',
  '身份证换领',
  '医疗机构',
  '养老保险',
  '不动产登记',
  '我要办理户口迁移',
];

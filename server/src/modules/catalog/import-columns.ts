import type { Fee, ItemGuide, Material } from './guide-schema.js';
import { type Codec, choice, integer, json, lines, list, text, yesNo, yuan } from './import-codecs.js';
import { handlingModes, handlingScopes, handlingTypes, objectTypes, themes } from './vocabulary.js';

/**
 * 导入模板 — the columns of the three data sheets of the Excel template, in order. The export writes
 * the same columns, so an exported file imports again. `path` is where the value lands in the guide
 * (`ItemGuide`), used to place a publication-check problem on its cell; meta columns have none.
 */
export interface Column {
  key: string;
  header: string;
  codec: Codec<unknown>;
  note: string;
  required?: boolean;
  path?: string;
  width?: number;
  /** Stored as text (codes with leading zeros). */
  asText?: boolean;
}

const column = <T>(
  key: string,
  header: string,
  codec: Codec<T>,
  note: string,
  extra: Partial<Omit<Column, 'key' | 'header' | 'codec' | 'note'>> = {},
): Column => ({ key, header, codec: codec as Codec<unknown>, note, width: 16, ...extra });

type Channel = NonNullable<ItemGuide['consultation']>[number];
type Place = NonNullable<ItemGuide['places']>[number];

export const SHEETS = {
  items: '实施清单',
  materials: '申请材料',
  fees: '收费项目',
  help: '填写说明',
} as const;

const ROW_KEY_NOTE = '本文件内每个事项的行标识（如 1、2、3），申请材料和收费项目表用它对应本行';

const channel = lines<Channel>(
  '方式：内容，如“电话：0898-12345”，方式为 电话、地址、网上、邮箱',
  ([whole = '']) => {
    const match = /^(电话|地址|网上|邮箱)\s*[:：]\s*(.+)$/.exec(whole);
    if (!match) return '应为“方式：内容”';
    const kinds = { 电话: 'phone', 地址: 'address', 网上: 'online', 邮箱: 'email' } as const;
    return { kind: kinds[match[1] as keyof typeof kinds], value: match[2]!.trim() };
  },
  (c) => [`${{ phone: '电话', address: '地址', online: '网上', email: '邮箱' }[c.kind]}：${c.value}`],
);

const days = (part: string | undefined) => (part ? Number(part) : undefined);

export const itemColumns: readonly Column[] = [
  column('rowKey', '序号', text(40), ROW_KEY_NOTE, { required: true, width: 8, asText: true }),
  column(
    'code',
    '实施编码',
    text(40),
    '留空：新建实施清单；填写已有实施编码：为该清单新建一个草稿版本（修订）',
    {
      width: 30,
      asText: true,
    },
  ),
  column('basicCode', '基本编码', text(9), '基本目录编码，9 位数字，如 010000012', {
    required: true,
    width: 12,
    asText: true,
  }),
  column('departmentCode', '实施部门编码', text(40), '实施部门的部门编码，如 HK-WJW，须在您的管理范围内', {
    required: true,
    asText: true,
  }),
  column('name', '事项名称', text(200), '留空则取基本目录名称', { path: 'name', width: 28 }),
  column('aliases', '别名', list(text(50)), '多个用顿号“、”分隔', { path: 'aliases' }),
  column('implementingBody', '实施主体', text(200), '留空则取实施部门名称', { path: 'implementingBody' }),
  column(
    'objectType',
    '服务对象',
    choice(objectTypes.map((t) => [t.code, t.name] as const)),
    '自然人、法人或两者',
    {
      path: 'objectType',
    },
  ),
  column(
    'handlingType',
    '办件类型',
    choice(handlingTypes.map((t) => [t.code, t.name] as const)),
    '即办件或承诺件',
    {
      required: true,
      path: 'handlingType',
    },
  ),
  column('statutoryDays', '法定办结时限（工作日）', integer(0, 3650), '整数；承诺件不少于 1', {
    required: true,
    path: 'statutoryDays',
  }),
  column('committedDays', '承诺办结时限（工作日）', integer(0, 3650), '整数，不大于法定时限', {
    required: true,
    path: 'committedDays',
  }),
  column('legalBasis', '设定依据', text(5000), '本清单的设定依据', { path: 'legalBasis', width: 30 }),
  column('conditions', '受理条件', text(5000), '', { required: true, path: 'conditions', width: 30 }),
  column(
    'steps',
    '办理流程',
    lines(
      '环节名称｜办理内容与标准｜时限（工作日，可省略）',
      ([name, description, limit]) =>
        !name || !description || (limit !== undefined && !/^\d{1,4}$/.test(limit))
          ? '环节名称和办理内容必填，时限为整数'
          : { name, description, ...(limit ? { days: days(limit) } : {}) },
      (s) => [s.name, s.description, s.days === undefined ? '' : String(s.days)],
    ),
    '每行一个环节：环节名称｜办理内容与标准｜时限（工作日，可省略）',
    { required: true, path: 'steps', width: 30 },
  ),
  column('charged', '是否收费', yesNo, '是：在“收费项目”表列出收费；否：不得有收费项目', {
    required: true,
    path: 'charged',
  }),
  column(
    'places',
    '办理地点',
    lines<Place>(
      '地点名称｜地址｜办理时间',
      ([name, address, hours]) => (name && address && hours ? { name, address, hours } : '三项均须填写'),
      (p) => [p.name, p.address, p.hours],
    ),
    '每行一个：地点名称｜地址｜办理时间',
    { path: 'places', width: 30 },
  ),
  column('visits', '到现场次数', integer(0, 10), '跑动次数，0–10', { required: true, path: 'visits' }),
  column(
    'onlineDepth',
    '网办深度',
    choice([1, 2, 3, 4].map((n) => [n, `${'一二三四'[n - 1]}级`] as const)),
    '一级 信息发布、二级 表格下载、三级 在线预审、四级 全程网办；三级、四级须有表单',
    {
      required: true,
      path: 'onlineDepth',
    },
  ),
  column('appointment', '支持预约', yesNo, '是或否', { required: true, path: 'appointment' }),
  column('delivery', '物流快递', yesNo, '支持物流快递送达：是或否', { required: true, path: 'delivery' }),
  column('hallRequired', '必须到现场', yesNo, '必须到办事大厅：是或否', {
    required: true,
    path: 'hallRequired',
  }),
  column(
    'resultType',
    '结果类型',
    choice([
      ['licence', '证照'],
      ['approval', '批文'],
      ['other', '其他'],
    ] as const),
    '证照须填结果证照类型代码',
    {
      required: true,
      path: 'result.type',
    },
  ),
  column('resultName', '结果名称', text(200), '如 医师执业证书', { required: true, path: 'result.name' }),
  column('resultLicenceType', '结果证照类型代码', text(64), '电子证照类型代码', {
    path: 'result.licenceTypeCode',
  }),
  column('resultSample', '结果样本', text(500), '文件编号（uuid）或 http(s) 地址', {
    path: 'result.sampleFile',
  }),
  column('consultation', '咨询方式', channel, '每行一个：方式：内容（电话、地址、网上、邮箱）', {
    required: true,
    path: 'consultation',
    width: 24,
  }),
  column('complaint', '投诉方式', channel, '每行一个：方式：内容（电话、地址、网上、邮箱）', {
    required: true,
    path: 'complaint',
    width: 24,
  }),
  column(
    'handlingScope',
    '通办范围',
    choice(handlingScopes.map((s) => [s.code, s.name] as const)),
    '留空：仅在实施部门办理',
    {
      path: 'handlingScope',
    },
  ),
  column(
    'themes',
    '主题',
    list(choice(themes.map((t) => [t.code, t.name] as const))),
    `多个用顿号分隔，可选：${themes.map((t) => t.name).join('、')}`,
    {
      path: 'themes',
    },
  ),
  column(
    'mode',
    '办理模式',
    choice(handlingModes.map((m) => [m.code, m.name] as const)),
    '一般办理、告知承诺或秒批',
    {
      required: true,
      path: 'mode.kind',
    },
  ),
  column('commitmentText', '承诺书内容', text(5000), '告知承诺时必填', {
    path: 'mode.commitmentText',
    width: 30,
  }),
  column('publicationDays', '承诺公示期（天）', integer(0, 365), '告知承诺时必填，不少于 1', {
    path: 'mode.publicationDays',
  }),
  column(
    'autonomy',
    '秒批方式',
    choice([
      ['auto', '自动审批'],
      ['assisted', '机审人核'],
    ] as const),
    '秒批时必填',
    {
      path: 'mode.autonomy',
    },
  ),
  column('rules', '秒批规则（JSON）', json, '秒批时必填：JSON Logic 规则', { path: 'mode.rules', width: 30 }),
  column('form', '表单（JSON）', json, '表单定义（JSON），网办深度三级、四级或秒批时必填', {
    path: 'form',
    width: 30,
  }),
  column('situations', '情形引导（JSON）', json, '情形引导树（JSON），有情形必须的材料或收费时必填', {
    path: 'situations',
    width: 30,
  }),
  column('notes', '其他说明', text(5000), '', { path: 'notes', width: 30 }),
];

const materialChoice = <T extends string>(pairs: readonly (readonly [T, string])[]) => choice<T>(pairs);

export const materialColumns: readonly Column[] = [
  column('rowKey', '序号', text(40), '对应“实施清单”表的序号', { required: true, width: 8, asText: true }),
  column('key', '材料键', text(64), '英文字母开头的唯一键，情形引导用它引用材料；留空自动生成', {
    path: 'key',
    asText: true,
  }),
  column('name', '材料名称', text(200), '', { required: true, path: 'name', width: 28 }),
  column(
    'source',
    '来源',
    materialChoice<Material['source']>([
      ['applicant', '申请人自备'],
      ['government', '政府部门核发'],
      ['licence', '电子证照'],
    ]),
    '电子证照：持有该类证照的申请人免提交',
    {
      required: true,
      path: 'source',
    },
  ),
  column('licenceTypeCode', '证照类型代码', text(64), '来源为电子证照时必填', { path: 'licenceTypeCode' }),
  column('issuer', '出具单位', text(100), '', { path: 'issuer' }),
  column(
    'form',
    '原件或复印件',
    materialChoice<Material['form']>([
      ['original', '原件'],
      ['copy', '复印件'],
      ['originalAndCopy', '原件和复印件'],
    ]),
    '',
    {
      required: true,
      path: 'form',
    },
  ),
  column('copies', '份数', integer(0, 99), '纸质材料至少 1 份；仅电子为 0', {
    required: true,
    path: 'copies',
  }),
  column(
    'requirement',
    '必要性',
    materialChoice<Material['requirement']>([
      ['required', '必须'],
      ['conditional', '情形必须'],
      ['optional', '非必须'],
    ]),
    '情形必须：由情形引导选出',
    {
      required: true,
      path: 'requirement',
    },
  ),
  column(
    'media',
    '介质',
    materialChoice<Material['media']>([
      ['paper', '纸质'],
      ['electronic', '电子'],
      ['both', '纸质和电子'],
    ]),
    '',
    {
      required: true,
      path: 'media',
    },
  ),
  column('fileTypes', '文件类型', list(text(10), ','), '电子材料可接受的扩展名，如 pdf,jpg', {
    path: 'fileTypes',
  }),
  column('maxSizeKb', '大小上限（KB）', integer(1, 1_048_576), '每个文件的大小上限', {
    required: true,
    path: 'maxSizeKb',
  }),
  column('templateFile', '空白表格', text(500), '文件编号（uuid）或 http(s) 地址', { path: 'templateFile' }),
  column('sampleFile', '示例样表', text(500), '文件编号（uuid）或 http(s) 地址', { path: 'sampleFile' }),
  column('commitmentWaivable', '可告知承诺减免', yesNo, '是或否', { path: 'commitmentWaivable' }),
  column('notes', '填报说明', text(1000), '', { path: 'notes', width: 30 }),
];

export const feeColumns: readonly Column[] = [
  column('rowKey', '序号', text(40), '对应“实施清单”表的序号', { required: true, width: 8, asText: true }),
  column('key', '收费键', text(64), '英文字母开头的唯一键，情形引导用它引用收费；留空自动生成', {
    path: 'key',
    asText: true,
  }),
  column('name', '收费项目名称', text(200), '', { required: true, path: 'name', width: 28 }),
  column('amount', '金额（元）', yuan, '最多两位小数', { required: true, path: 'amountFen' }),
  column('basis', '收费依据', text(1000), '', { required: true, path: 'basis', width: 30 }),
  column(
    'requirement',
    '收费方式',
    choice<NonNullable<Fee['requirement']>>([
      ['required', '必须'],
      ['conditional', '情形收费'],
    ]),
    '留空为必须；情形收费由情形引导选出',
    {
      path: 'requirement',
    },
  ),
];

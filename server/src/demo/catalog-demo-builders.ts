import type { Fee, ItemGuide, Material } from '../modules/catalog/guide-schema.js';
import type { FieldSchema, FormSchema } from '../shared/catalog/forms.js';

/**
 * Small builders for the demo catalogue (catalog-demo-*.ts): a material, a fee, the usual process steps,
 * the halls, and forms with the applicant's or the enterprise's fields prefilled. Defaults are what most
 * Hainan guides say; each item overrides what differs.
 */
export function material(key: string, name: string, overrides: Partial<Material> = {}): Material {
  return {
    key,
    name,
    source: 'applicant',
    form: 'original',
    copies: 1,
    requirement: 'required',
    media: 'both',
    fileTypes: ['pdf', 'jpg', 'png'],
    maxSizeKb: 10_240,
    ...overrides,
  };
}

/** A material the applicant need not bring when they hold the e-licence (免提交). */
export function licence(
  key: string,
  name: string,
  licenceTypeCode: string,
  overrides: Partial<Material> = {},
) {
  return material(key, name, { source: 'licence', licenceTypeCode, issuer: '发证机关', ...overrides });
}

export const idCard = (key = 'idCard', name = '申请人居民身份证') => licence(key, name, 'ID_CARD');
export const businessLicence = () => licence('businessLicence', '营业执照', 'BUSINESS_LICENCE');
export const applicationForm = (name: string) =>
  material('application', name, { templateFile: 'https://zwfw.hainan.gov.cn/templates/application.docx' });

export function fee(key: string, name: string, amountFen: number, basis: string, conditional = false): Fee {
  return { key, name, amountFen, basis, ...(conditional ? { requirement: 'conditional' as const } : {}) };
}

/** 受理 → 审查 → 决定 → 送达, with the committed days spread over the middle steps. */
export function steps(committedDays: number, review = '对申请材料进行审查，必要时进行现场核查') {
  const review_days = Math.max(0, committedDays - 1);
  return [
    {
      name: '受理',
      description: '申请材料齐全、符合法定形式的，予以受理；不齐全的，一次性告知需补正的全部内容',
      days: 0,
    },
    { name: '审查', description: review, days: review_days },
    {
      name: '决定',
      description: '作出准予或不予的决定；不予的，书面说明理由',
      days: committedDays > 0 ? 1 : 0,
    },
    { name: '送达', description: '通过窗口领取、邮政快递或电子证照方式送达办理结果', days: 0 },
  ];
}

export const halls = {
  province: {
    name: '海南省政务服务中心',
    address: '海口市美兰区国兴大道 9 号',
    hours: '工作日 9:00–12:00，13:30–17:00',
  },
  haikou: {
    name: '海口市民游客中心',
    address: '海口市龙华区滨海大道 2 号',
    hours: '工作日 9:00–17:00（中午不休）',
  },
  xiuying: {
    name: '秀英区政务服务中心',
    address: '海口市秀英区长滨三路 8 号',
    hours: '工作日 9:00–12:00，14:30–17:30',
  },
  longhua: {
    name: '龙华区政务服务中心',
    address: '海口市龙华区金盘路 30 号',
    hours: '工作日 9:00–12:00，14:30–17:30',
  },
};

export function channels(phone: string) {
  return {
    consultation: [
      { kind: 'phone' as const, value: phone },
      { kind: 'online' as const, value: '海南政务服务网“我要咨询”' },
    ],
    complaint: [
      { kind: 'phone' as const, value: '12345 政务服务便民热线' },
      { kind: 'online' as const, value: '海南政务服务网“好差评”' },
    ],
  };
}

/** The elements most guides share; `guide()` callers give what is particular to the item. */
export function guide(particulars: ItemGuide & Pick<ItemGuide, 'conditions' | 'materials'>): ItemGuide {
  const committedDays = particulars.committedDays ?? 20;
  return {
    handlingType: 'promised',
    statutoryDays: 20,
    committedDays,
    charged: false,
    fees: [],
    steps: steps(committedDays),
    visits: 0,
    onlineDepth: 4,
    appointment: true,
    delivery: true,
    hallRequired: false,
    handlingScope: null,
    mode: { kind: 'ordinary' },
    ...particulars,
  };
}

// —— forms ——————————————————————————————————————————————————————————————————————————————————————————

type Field = FieldSchema;
const text = (title: string, extra: Partial<Field> = {}): Field => ({
  title,
  'x-kind': 'text',
  type: 'string',
  maxLength: 100,
  ...extra,
});
export const fields = {
  text,
  address: (title: string, extra: Partial<Field> = {}): Field => ({
    title,
    'x-kind': 'address',
    type: 'string',
    maxLength: 200,
    ...extra,
  }),
  date: (title: string, extra: Partial<Field> = {}): Field => ({
    title,
    'x-kind': 'date',
    type: 'string',
    format: 'date',
    ...extra,
  }),
  number: (title: string, extra: Partial<Field> = {}): Field => ({
    title,
    'x-kind': 'number',
    type: 'integer',
    minimum: 0,
    ...extra,
  }),
  idNumber: (title: string, extra: Partial<Field> = {}): Field => ({
    title,
    'x-kind': 'idNumber',
    type: 'string',
    ...extra,
  }),
  phone: (title: string, extra: Partial<Field> = {}): Field => ({
    title,
    'x-kind': 'phone',
    type: 'string',
    ...extra,
  }),
  select: (title: string, options: Record<string, string>, extra: Partial<Field> = {}): Field => ({
    title,
    'x-kind': 'select',
    type: 'string',
    enum: Object.keys(options),
    'x-enum-labels': Object.values(options),
    ...extra,
  }),
};

/** A form: the given fields, all required unless listed in `optional`, with optional sections. */
export function form(
  title: string,
  properties: Record<string, Field>,
  options: { optional?: string[]; sections?: { key: string; title: string }[] } = {},
): FormSchema {
  return {
    type: 'object',
    title,
    ...(options.sections ? { 'x-sections': options.sections } : {}),
    properties,
    required: Object.keys(properties).filter(
      (key) => !options.optional?.includes(key) && !properties[key]!['x-section'],
    ),
  };
}

/** 申请人 fields prefilled from the signed-in citizen. */
export function applicantFields(): Record<string, Field> {
  return {
    applicantName: text('申请人姓名', { maxLength: 50, 'x-prefill': { source: 'applicant', path: 'name' } }),
    applicantIdNumber: fields.idNumber('公民身份号码', {
      'x-prefill': { source: 'applicant', path: 'idNumber' },
    }),
    applicantPhone: fields.phone('联系电话', { 'x-prefill': { source: 'applicant', path: 'phone' } }),
  };
}

/** 申请单位 fields prefilled from the enterprise the applicant acts for. */
export function enterpriseFields(): Record<string, Field> {
  return {
    enterpriseName: text('单位名称', { maxLength: 200, 'x-prefill': { source: 'enterprise', path: 'name' } }),
    uscc: {
      title: '统一社会信用代码',
      'x-kind': 'uscc',
      type: 'string',
      'x-prefill': { source: 'enterprise', path: 'uscc' },
    },
    legalRepresentative: text('法定代表人（负责人）', { maxLength: 50 }),
    contactPhone: fields.phone('联系电话'),
    address: fields.address('经营（执业）地址'),
  };
}

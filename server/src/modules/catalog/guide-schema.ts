import { type Static, Type } from 'typebox';

/**
 * 办事指南 — every element of an implementation list version, as one JSON document. The schema checks
 * shapes only, so a draft may be saved half-written; `guide-rules.ts` checks completeness and
 * consistency on submit and publish and names every problem.
 */
const obj = { additionalProperties: false } as const;
const Text = (maxLength: number, description: string) => Type.String({ maxLength, description });
const Key = Type.String({
  pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,63}$',
  description: 'Stable key, referenced by situations, forms and diffs',
});
const Days = (description: string) => Type.Integer({ minimum: 0, maximum: 3650, description });

/** A file reference: a file id of the file store (uuid) or an http(s) URL. */
export const FileRef = Type.String({
  pattern: '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|https?://\\S{1,480})$',
  description: 'File id (uuid) of the file store, or an http(s) URL',
});

export const LicenceTypeCode = Type.String({
  pattern: '^[0-9A-Za-z_.-]{2,64}$',
  description: '电子证照类型代码 (e-licence type code)',
});

/** 申请材料 */
export const Material = Type.Object(
  {
    key: Key,
    name: Type.String({ minLength: 1, maxLength: 200, description: '材料名称' }),
    source: Type.Union([Type.Literal('applicant'), Type.Literal('government'), Type.Literal('licence')], {
      description:
        '来源: applicant 申请人自备 / government 政府部门核发 / licence 可复用电子证照 (免提交 when the applicant holds one of licenceTypeCode)',
    }),
    licenceTypeCode: Type.Optional(LicenceTypeCode),
    issuer: Type.Optional(Text(100, '出具单位')),
    form: Type.Union([Type.Literal('original'), Type.Literal('copy'), Type.Literal('originalAndCopy')], {
      description: '原件 / 复印件 / 原件和复印件',
    }),
    copies: Type.Integer({ minimum: 0, maximum: 99, description: '份数 (0: electronic only)' }),
    requirement: Type.Union(
      [Type.Literal('required'), Type.Literal('conditional'), Type.Literal('optional')],
      {
        description:
          '必要性: required 必须 / conditional 情形必须 (selected by situations) / optional 容缺或非必须',
      },
    ),
    media: Type.Union([Type.Literal('paper'), Type.Literal('electronic'), Type.Literal('both')], {
      description: '介质: 纸质 / 电子 / 纸质和电子',
    }),
    templateFile: Type.Optional(FileRef),
    sampleFile: Type.Optional(FileRef),
    fileTypes: Type.Array(Type.String({ pattern: '^[a-z0-9]{1,10}$' }), {
      maxItems: 20,
      description: 'Accepted file extensions, e.g. pdf, jpg',
    }),
    maxSizeKb: Type.Integer({ minimum: 1, maximum: 1_048_576, description: 'Size limit per file (KiB)' }),
    commitmentWaivable: Type.Optional(Type.Boolean({ description: '可告知承诺减免' })),
    notes: Type.Optional(Text(1000, '填报说明 / 备注')),
  },
  { ...obj, description: 'A material (申请材料)' },
);
export type Material = Static<typeof Material>;

/** 收费项目 */
export const Fee = Type.Object(
  {
    key: Key,
    name: Type.String({ minLength: 1, maxLength: 200, description: '收费项目名称' }),
    amountFen: Type.Integer({ minimum: 0, maximum: 10_000_000_000, description: 'Amount in fen (分)' }),
    basis: Type.String({ maxLength: 1000, description: '收费依据' }),
    requirement: Type.Optional(
      Type.Union([Type.Literal('required'), Type.Literal('conditional')], {
        description: 'conditional: charged only when the situations select it (default required)',
      }),
    ),
  },
  { ...obj, description: 'A fee (收费项目)' },
);
export type Fee = Static<typeof Fee>;

/** 办理流程 — one step */
export const Step = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: '环节名称, e.g. 受理' }),
    description: Text(1000, '办理内容与标准'),
    days: Type.Optional(Days('环节时限 (working days)')),
  },
  { ...obj, description: 'A process step (办理环节)' },
);

/** 咨询 / 投诉 channel */
export const Channel = Type.Object(
  {
    kind: Type.Union(
      [Type.Literal('phone'), Type.Literal('address'), Type.Literal('online'), Type.Literal('email')],
      { description: '电话 / 窗口地址 / 网上 / 邮箱' },
    ),
    value: Type.String({ minLength: 1, maxLength: 300 }),
  },
  obj,
);

/** 办理地点与时间 */
export const Place = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: '办理地点名称, e.g. 海口市民游客中心' }),
    address: Type.String({ minLength: 1, maxLength: 300 }),
    hours: Type.String({ minLength: 1, maxLength: 300, description: '办理时间' }),
  },
  obj,
);

/** 审批结果 */
export const Result = Type.Object(
  {
    type: Type.Union([Type.Literal('licence'), Type.Literal('approval'), Type.Literal('other')], {
      description: 'licence 证照 (of licenceTypeCode) / approval 批文 / other 其他',
    }),
    name: Type.String({ minLength: 1, maxLength: 200, description: '结果名称' }),
    licenceTypeCode: Type.Optional(LicenceTypeCode),
    sampleFile: Type.Optional(FileRef),
  },
  obj,
);

/** 办理模式 */
export const HandlingMode = Type.Union(
  [
    Type.Object({ kind: Type.Literal('ordinary') }, obj),
    Type.Object(
      {
        kind: Type.Literal('commitment'),
        commitmentText: Type.String({ maxLength: 5000, description: '告知承诺书 text' }),
        publicationDays: Type.Integer({ minimum: 0, maximum: 365, description: '承诺公示期 (days)' }),
      },
      obj,
    ),
    Type.Object(
      {
        kind: Type.Literal('instant'),
        rules: Type.Unknown({
          description:
            '秒批 rule set: JSON Logic over { form, verified, applicant }; true approves, anything else routes to manual review',
        }),
        autonomy: Type.Union([Type.Literal('auto'), Type.Literal('assisted')], {
          description: 'auto 自动审批 / assisted 机审人核 (a person confirms)',
        }),
      },
      obj,
    ),
  ],
  { description: 'ordinary 一般 / commitment 告知承诺制 / instant 秒批' },
);

export const ItemGuide = Type.Object(
  {
    name: Type.Optional(
      Type.String({ maxLength: 200, description: '事项名称 (defaults to the basic item)' }),
    ),
    aliases: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
    implementingBody: Type.Optional(Text(200, '实施主体')),
    objectType: Type.Optional(
      Type.Union([Type.Literal('person'), Type.Literal('enterprise'), Type.Literal('both')], {
        description: '服务对象: 自然人 / 法人 / 两者',
      }),
    ),
    handlingType: Type.Optional(
      Type.Union([Type.Literal('immediate'), Type.Literal('promised')], { description: '即办件 / 承诺件' }),
    ),
    statutoryDays: Type.Optional(Days('法定办结时限 (working days)')),
    committedDays: Type.Optional(Days('承诺办结时限 (working days)')),
    legalBasis: Type.Optional(Text(5000, '设定依据 (this list; the basic item has its own)')),
    conditions: Type.Optional(Text(5000, '受理条件')),
    materials: Type.Optional(Type.Array(Material, { maxItems: 200 })),
    steps: Type.Optional(Type.Array(Step, { maxItems: 50 })),
    charged: Type.Optional(Type.Boolean({ description: '是否收费 (false: free, fees empty)' })),
    fees: Type.Optional(Type.Array(Fee, { maxItems: 50 })),
    places: Type.Optional(Type.Array(Place, { maxItems: 20 })),
    visits: Type.Optional(Type.Integer({ minimum: 0, maximum: 10, description: '到现场次数 (跑动次数)' })),
    onlineDepth: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: '网办深度 一级…四级' })),
    appointment: Type.Optional(Type.Boolean({ description: '支持预约办理' })),
    delivery: Type.Optional(Type.Boolean({ description: '支持物流快递送达' })),
    hallRequired: Type.Optional(Type.Boolean({ description: '必须到办事大厅' })),
    result: Type.Optional(Result),
    consultation: Type.Optional(Type.Array(Channel, { maxItems: 10, description: '咨询方式' })),
    complaint: Type.Optional(Type.Array(Channel, { maxItems: 10, description: '投诉方式' })),
    handlingScope: Type.Optional(
      Type.Union(
        [
          Type.Literal('national'),
          Type.Literal('crossProvince'),
          Type.Literal('province'),
          Type.Literal('city'),
          Type.Literal('county'),
          Type.Null(),
        ],
        { description: '通办范围: 全国 / 跨省 / 全省 / 全市 / 全县通办; null: only at the place' },
      ),
    ),
    themes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10, description: '主题' })),
    mode: Type.Optional(HandlingMode),
    form: Type.Optional(
      Type.Union([Type.Unknown(), Type.Null()], { description: 'FormSchema (shared/catalog/forms.ts)' }),
    ),
    situations: Type.Optional(
      Type.Union([Type.Unknown(), Type.Null()], {
        description: 'SituationTree (shared/catalog/situations.ts)',
      }),
    ),
    notes: Type.Optional(Text(5000, '其他说明')),
  },
  { ...obj, description: '办事指南: every element of an implementation list version' },
);
export type ItemGuide = Static<typeof ItemGuide>;

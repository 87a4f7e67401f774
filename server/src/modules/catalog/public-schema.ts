import { type Static, Type } from 'typebox';
import { Cursor } from '../../platform/http/paging.js';
import { Fee, ItemGuide, Material } from './guide-schema.js';
import { ItemTypeSchema } from './schema.js';

/** Requests and replies of the public catalogue: search, browse, guides and situation answers. */
const Id = Type.String({ format: 'uuid' });
const obj = { additionalProperties: false } as const;

export const IdOrCodeParams = Type.Object(
  {
    idOrCode: Type.String({
      pattern: '^[0-9A-Za-z-]{1,64}$',
      description: 'Item id (uuid) or implementation code (实施编码)',
    }),
  },
  obj,
);

const RegionCode = Type.String({
  pattern: '^\\d{6}(\\d{3}(\\d{3})?)?$',
  description: 'Where the applicant is: items of this region and of every region above it',
});
const ObjectFilter = Type.Union([Type.Literal('person'), Type.Literal('enterprise')], {
  description: 'person 个人办事 / enterprise 法人办事 (items for both match either)',
});

export const SearchItemsQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'Words in Chinese, e.g. 护士注册; empty: browse' }),
    ),
    regionCode: Type.Optional(RegionCode),
    objectType: Type.Optional(ObjectFilter),
    departmentId: Type.Optional(Id),
    theme: Type.Optional(Type.String({ maxLength: 40, description: 'Theme code (catalog.listCategories)' })),
    itemType: Type.Optional(ItemTypeSchema),
    onlineDepth: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'At least this depth' })),
    scope: Type.Optional(
      Type.Union(
        [
          Type.Literal('national'),
          Type.Literal('crossProvince'),
          Type.Literal('province'),
          Type.Literal('city'),
          Type.Literal('county'),
        ],
        { description: '通办范围' },
      ),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size' }),
    cursor: Cursor,
  },
  obj,
);
export type SearchItemsQuery = Static<typeof SearchItemsQuery>;

export const ItemHit = Type.Object(
  {
    id: Id,
    code: Type.String({ description: '实施编码' }),
    name: Type.String(),
    itemType: Type.String(),
    itemTypeName: Type.String(),
    objectType: Type.String(),
    departmentId: Id,
    departmentName: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
    themes: Type.Array(Type.String()),
    onlineDepth: Type.Integer(),
    handlingScope: Type.Union([Type.String(), Type.Null()]),
    handlingType: Type.String(),
    mode: Type.String({ description: 'ordinary / commitment 告知承诺 / instant 秒批' }),
    committedDays: Type.Integer(),
    visits: Type.Integer(),
    score: Type.Optional(Type.Number({ description: 'Relevance (search only)' })),
    views: Type.Optional(Type.Integer({ description: 'Guide views in the last 30 days (hot items only)' })),
  },
  { description: 'A published item as lists show it' },
);
export type ItemHit = Static<typeof ItemHit>;

export const HotItemsQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    objectType: Type.Optional(ObjectFilter),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  },
  obj,
);
export type HotItemsQuery = Static<typeof HotItemsQuery>;

export const CategoriesQuery = Type.Object(
  { regionCode: Type.Optional(RegionCode), objectType: Type.Optional(ObjectFilter) },
  obj,
);
export type CategoriesQuery = Static<typeof CategoriesQuery>;

const Count = Type.Integer({ description: 'Published items visible with these filters' });
export const CategoriesView = Type.Object(
  {
    itemTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), count: Count })),
    themes: Type.Array(
      Type.Object({ code: Type.String(), name: Type.String(), objectType: Type.String(), count: Count }),
    ),
    departments: Type.Array(
      Type.Object({
        id: Id,
        name: Type.String(),
        regionCode: Type.String(),
        regionName: Type.String(),
        count: Count,
      }),
    ),
    objectTypes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
    handlingScopes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
    onlineDepths: Type.Array(Type.Object({ code: Type.Integer(), name: Type.String() })),
  },
  { description: '分类浏览: the vocabularies with the number of published items in each' },
);

export const GuideView = Type.Object(
  {
    id: Id,
    code: Type.String(),
    versionId: Id,
    versionNumber: Type.Integer(),
    status: Type.Union([Type.Literal('published'), Type.Literal('suspended')]),
    acceptingApplications: Type.Boolean({ description: 'False while suspended (暂停办理)' }),
    publishedAt: Type.String({ format: 'date-time' }),
    basic: Type.Object({
      id: Id,
      code: Type.String({ description: '基本编码' }),
      name: Type.String(),
      itemType: Type.String(),
      itemTypeName: Type.String(),
      legalBasis: Type.String(),
    }),
    departmentId: Id,
    departmentName: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
    guide: ItemGuide,
  },
  { description: '办事指南: the published version of an item' },
);
export type GuideView = Static<typeof GuideView>;

export const EvaluateSituationRequest = Type.Object(
  {
    answers: Type.Record(Type.String(), Type.Unknown(), {
      description: 'SituationAnswers: question key → chosen option key(s)',
    }),
  },
  obj,
);

export const ApplicableMaterial = Type.Object({
  ...Material.properties,
  reusableLicence: Type.Boolean({
    description: '免提交 when the applicant holds a valid e-licence of licenceTypeCode',
  }),
});

export const SituationEvaluation = Type.Object(
  {
    versionId: Id,
    complete: Type.Boolean({ description: 'Every question on the path is answered' }),
    nextQuestion: Type.Union([Type.String(), Type.Null()], { description: 'Id of the next question to ask' }),
    question: Type.Union(
      [
        Type.Object({
          id: Type.String(),
          text: Type.String(),
          multiple: Type.Boolean(),
          options: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
        }),
        Type.Null(),
      ],
      { description: 'The next question itself, for clients that do not evaluate the tree' },
    ),
    path: Type.Array(Type.String(), { description: 'Question ids visited, in order' }),
    answers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]), {
      description: 'The answers used (on the path and valid): what a case stores',
    }),
    problems: Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() })),
    materials: Type.Array(ApplicableMaterial),
    formSections: Type.Array(Type.String()),
    fees: Type.Array(Fee),
    totalFeeFen: Type.Integer(),
  },
  { description: '情形引导: what this applicant’s situation needs' },
);
export type SituationEvaluation = Static<typeof SituationEvaluation>;

const RuleProblemView = Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() });

export const CheckApplicationFormRequest = Type.Object(
  {
    answers: Type.Record(Type.String(), Type.Unknown(), {
      description: 'Situation answers: they decide which conditional form sections apply',
    }),
    data: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The filled-in form, field key → value',
    }),
  },
  obj,
);

export const ApplicationFormCheck = Type.Object(
  {
    versionId: Id,
    valid: Type.Boolean({ description: 'The answers are complete and the data passes every field rule' }),
    formSections: Type.Array(Type.String(), { description: 'The form sections these answers make apply' }),
    problems: Type.Array(RuleProblemView, {
      description: 'Every problem: situation answers (`answers.…`) and form fields (`data.…`)',
    }),
  },
  { description: 'The server-side check of an application form against the published version' },
);

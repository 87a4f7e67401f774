import { type Static, Type } from 'typebox';
import { Cursor, Limit } from '../../platform/http/paging.js';
import { ItemGuide } from './guide-schema.js';
import { VERSION_STATUSES } from './migrations.js';
import { itemTypes } from './vocabulary.js';

/** Requests and replies of the back office: basic items, implementation lists and their versions. */
const Id = Type.String({ format: 'uuid' });
const Time = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const obj = { additionalProperties: false } as const;

export const IdParams = Type.Object({ id: Id }, obj);
export const VersionParams = Type.Object({ versionId: Id }, obj);

export const ItemTypeSchema = Type.Enum(
  itemTypes.map((t) => t.code),
  { description: itemTypes.map((t) => `${t.code} ${t.name}`).join(' / ') },
);
export const ObjectTypeSchema = Type.Union(
  [Type.Literal('person'), Type.Literal('enterprise'), Type.Literal('both')],
  { description: '服务对象: person 自然人 / enterprise 法人 / both 两者' },
);
export const VersionStatusSchema = Type.Enum(VERSION_STATUSES, {
  description:
    'draft 草稿 / submitted 已提交 / reviewed 已审核 / published 已发布 / suspended 已暂停 / superseded 已被替代 / cancelled 已取消',
});
const Level = Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]);
const Aliases = Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 });

export const CreateBasicItemRequest = Type.Object(
  {
    code: Type.Optional(
      Type.String({
        pattern: '^\\d{9}$',
        description: '基本编码; assigned (type digits + next serial) if absent',
      }),
    ),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    aliases: Type.Optional(Aliases),
    itemType: ItemTypeSchema,
    objectType: ObjectTypeSchema,
    legalBasis: Type.Optional(Type.String({ maxLength: 5000, description: '设定依据' })),
    departmentType: Type.Optional(
      Type.String({ maxLength: 100, description: '主管部门类型, e.g. 卫生健康' }),
    ),
    levels: Type.Optional(Type.Array(Level, { maxItems: 3, description: '行使层级' })),
  },
  obj,
);
export type CreateBasicItemRequest = Static<typeof CreateBasicItemRequest>;

export const UpdateBasicItemRequest = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    aliases: Type.Optional(Aliases),
    legalBasis: Type.Optional(Type.String({ maxLength: 5000 })),
    departmentType: Type.Optional(Type.String({ maxLength: 100 })),
    levels: Type.Optional(Type.Array(Level, { maxItems: 3 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  },
  obj,
);
export type UpdateBasicItemRequest = Static<typeof UpdateBasicItemRequest>;

export const BasicItemView = Type.Object(
  {
    id: Id,
    code: Type.String({ description: '基本编码' }),
    name: Type.String(),
    aliases: Type.Array(Type.String()),
    itemType: Type.String(),
    itemTypeName: Type.String(),
    objectType: ObjectTypeSchema,
    legalBasis: Type.String(),
    departmentType: Type.String(),
    levels: Type.Array(Type.String()),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    createdAt: Time,
    updatedAt: Time,
  },
  { description: 'A basic catalogue item (基本目录事项)' },
);
export type BasicItemView = Static<typeof BasicItemView>;

export const ListBasicItemsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name or the code' })),
    itemType: Type.Optional(ItemTypeSchema),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    limit: Limit,
    cursor: Cursor,
  },
  obj,
);
export type ListBasicItemsQuery = Static<typeof ListBasicItemsQuery>;

export const CreateItemDraftRequest = Type.Object(
  {
    basicItemId: Id,
    departmentId: Type.String({ format: 'uuid', description: '实施部门 (must be in your data scope)' }),
    guide: ItemGuide,
  },
  obj,
);
export type CreateItemDraftRequest = Static<typeof CreateItemDraftRequest>;

const VersionRef = Type.Object({ id: Id, number: Type.Integer(), status: VersionStatusSchema });

export const ItemSummary = Type.Object(
  {
    id: Id,
    code: Type.String({ description: '实施编码' }),
    name: Type.String({ description: 'Name in the latest version' }),
    basicItemId: Id,
    basicCode: Type.String(),
    itemType: Type.String(),
    departmentId: Id,
    departmentName: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
    cancelledAt: Nullable(Time),
    live: Nullable(VersionRef),
    open: Nullable(VersionRef),
  },
  {
    description:
      'An implementation list with its live (published/suspended) and open (in the works) versions',
  },
);
export type ItemSummary = Static<typeof ItemSummary>;

export const ListManagedItemsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name or the code' })),
    status: Type.Optional(VersionStatusSchema),
    departmentId: Type.Optional(Id),
    basicItemId: Type.Optional(Id),
    limit: Limit,
    cursor: Cursor,
  },
  obj,
);
export type ListManagedItemsQuery = Static<typeof ListManagedItemsQuery>;

export const VersionSummary = Type.Object({
  id: Id,
  itemId: Id,
  number: Type.Integer(),
  status: VersionStatusSchema,
  createdBy: Nullable(Type.String()),
  createdAt: Time,
  updatedAt: Time,
  submittedAt: Nullable(Time),
  reviewedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Time),
  reviewComment: Nullable(Type.String()),
  publishedAt: Nullable(Time),
  endedAt: Nullable(Time),
});
export type VersionSummary = Static<typeof VersionSummary>;

export const ItemDetail = Type.Object(
  { ...ItemSummary.properties, cancelReason: Nullable(Type.String()), versions: Type.Array(VersionSummary) },
  { description: 'An implementation list with all its versions, newest first' },
);

export const VersionEvent = Type.Object({
  action: Type.String(),
  actorName: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  at: Time,
});

export const VersionView = Type.Object(
  {
    ...VersionSummary.properties,
    itemCode: Type.String(),
    guide: ItemGuide,
    actions: Type.Array(Type.String(), { description: 'What the version’s status allows next' }),
    events: Type.Array(VersionEvent),
  },
  { description: 'One version of an implementation list, with its whole guide' },
);
export type VersionView = Static<typeof VersionView>;

export const ReviewRequest = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    comment: Type.Optional(Type.String({ maxLength: 2000, description: 'Required when rejecting' })),
  },
  obj,
);
export type ReviewRequest = Static<typeof ReviewRequest>;

export const ReasonRequest = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, obj);

export const DiffQuery = Type.Object(
  {
    from: Type.Integer({ minimum: 1, description: 'Version number' }),
    to: Type.Integer({ minimum: 1, description: 'Version number' }),
  },
  obj,
);

const Keyed = Type.Object({
  added: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
  removed: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
  changed: Type.Array(
    Type.Object({ key: Type.String(), name: Type.String(), fields: Type.Array(Type.String()) }),
  ),
});

export const DiffView = Type.Object(
  {
    from: VersionRef,
    to: VersionRef,
    changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
    materials: Keyed,
    fees: Keyed,
  },
  { description: 'Field-level differences between two versions' },
);

export const ValidationView = Type.Object(
  {
    valid: Type.Boolean(),
    errors: Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
  },
  { description: 'What submit and publish would refuse, without changing anything' },
);

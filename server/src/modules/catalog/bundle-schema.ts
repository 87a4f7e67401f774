import { type Static, Type } from 'typebox';
import { Cursor, Limit } from '../../platform/http/paging.js';
import { ObjectTypeSchema } from './schema.js';

/** 一件事 — requests and replies for bundles of items handled as one application. */
const Id = Type.String({ format: 'uuid' });
const obj = { additionalProperties: false } as const;
const FieldKey = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.]{0,127}$' });

export const BundleMember = Type.Object(
  {
    itemId: Type.String({ format: 'uuid', description: 'A published implementation list' }),
    fieldMap: Type.Record(FieldKey, FieldKey, {
      description: 'Shared form field → the member item’s form field it fills',
    }),
  },
  obj,
);

const BundleBody = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  objectType: ObjectTypeSchema,
  departmentId: Type.String({
    format: 'uuid',
    description: '牵头部门 (lead department, in your data scope)',
  }),
  themes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
  form: Type.Unknown({ description: 'The shared FormSchema (shared/catalog/forms.ts)' }),
  members: Type.Array(BundleMember, {
    minItems: 2,
    maxItems: 20,
    description: 'Member items in dispatch order (前后置关系: each is sent after the ones before it)',
  }),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
};

export const CreateBundleRequest = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z][A-Z0-9-]{2,39}$', description: 'e.g. YJS-460100-XSECS' }),
    ...BundleBody,
  },
  obj,
);
export type CreateBundleRequest = Static<typeof CreateBundleRequest>;

export const UpdateBundleRequest = Type.Object(BundleBody, obj);
export type UpdateBundleRequest = Static<typeof UpdateBundleRequest>;

export const BundleView = Type.Object(
  {
    id: Id,
    code: Type.String(),
    name: Type.String(),
    description: Type.String(),
    objectType: Type.String(),
    departmentId: Id,
    departmentName: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
    themes: Type.Array(Type.String()),
    form: Type.Unknown(),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    members: Type.Array(
      Type.Object({
        position: Type.Integer({ description: 'Dispatch order, from 1' }),
        itemId: Id,
        itemCode: Type.String(),
        itemName: Type.String(),
        departmentName: Type.String(),
        acceptingApplications: Type.Boolean({ description: 'The item is published and not cancelled' }),
        fieldMap: Type.Record(Type.String(), Type.String()),
      }),
    ),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { description: '一件事: member items across departments with one shared form' },
);
export type BundleView = Static<typeof BundleView>;

export const ListBundlesQuery = Type.Object(
  {
    regionCode: Type.Optional(
      Type.String({ pattern: '^\\d{6}(\\d{3}(\\d{3})?)?$', description: 'Bundles of this region and above' }),
    ),
    objectType: Type.Optional(Type.Union([Type.Literal('person'), Type.Literal('enterprise')])),
    limit: Limit,
    cursor: Cursor,
  },
  obj,
);
export type ListBundlesQuery = Static<typeof ListBundlesQuery>;

export const BundleIdOrCodeParams = Type.Object(
  { idOrCode: Type.String({ pattern: '^[0-9A-Za-z-]{1,64}$', description: 'Bundle id or code' }) },
  obj,
);

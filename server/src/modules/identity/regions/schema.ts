import { type Static, Type } from 'typebox';
import { Cursor, Limit } from '../../../platform/http/paging.js';

const CODE_PATTERN = '^\\d{6}(\\d{3}(\\d{3})?)?$';

export const RegionCode = Type.String({
  pattern: CODE_PATTERN,
  description:
    'Division code: 6 digits (province 460000, city 460100, county 460105), 9 (town), 12 (village)',
});

export const RegionLevel = Type.Union(
  [
    Type.Literal('province'),
    Type.Literal('city'),
    Type.Literal('county'),
    Type.Literal('town'),
    Type.Literal('village'),
  ],
  { description: '省 / 市 / 县 / 乡镇街道 / 村社区' },
);

export const RegionView = Type.Object(
  {
    code: RegionCode,
    name: Type.String({ description: 'Name, e.g. 海口市' }),
    level: RegionLevel,
    parentCode: Type.Union([Type.String(), Type.Null()], { description: 'Null for a province' }),
    hasChildren: Type.Boolean({ description: 'Whether lower regions are loaded under it' }),
  },
  { description: 'A region (行政区划)' },
);
export type RegionView = Static<typeof RegionView>;

export const RegionDetail = Type.Object(
  {
    code: RegionCode,
    name: Type.String(),
    level: RegionLevel,
    parentCode: Type.Union([Type.String(), Type.Null()]),
    path: Type.String({ description: 'Codes from the province down, joined by `.`' }),
    ancestors: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: RegionLevel }), {
      description: 'Higher regions, the province first',
    }),
    childCount: Type.Integer({ description: 'Regions directly below it' }),
  },
  { description: 'A region with its ancestors' },
);
export type RegionDetail = Static<typeof RegionDetail>;

export const ListRegionsQuery = Type.Object(
  {
    parentCode: Type.Optional(
      Type.String({ pattern: CODE_PATTERN, description: 'List its children; the provinces when absent' }),
    ),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 32, description: 'Only names containing this text' }),
    ),
    limit: Limit,
    cursor: Cursor,
  },
  { additionalProperties: false },
);
export type ListRegionsQuery = Static<typeof ListRegionsQuery>;

export const RegionParams = Type.Object({ code: RegionCode }, { additionalProperties: false });

export const ImportRegionsRequest = Type.Object(
  {
    provinceCodes: Type.Array(Type.String({ pattern: '^\\d{2}$' }), {
      maxItems: 34,
      description: '2-digit province codes (46 = 海南省); empty imports every province',
    }),
    depth: Type.Union([Type.Literal('county'), Type.Literal('town')], {
      description: 'Lowest level to import: county (区县) or town (乡镇街道)',
    }),
  },
  { additionalProperties: false, description: 'Import from the national division data' },
);
export type ImportRegionsRequest = Static<typeof ImportRegionsRequest>;

export const ImportRegionsReply = Type.Object(
  {
    inserted: Type.Integer({ description: 'New regions' }),
    updated: Type.Integer({ description: 'Regions whose name or place changed' }),
    total: Type.Integer({ description: 'Regions now loaded' }),
  },
  { description: 'What the import changed' },
);

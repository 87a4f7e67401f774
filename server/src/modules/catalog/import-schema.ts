import { type Static, Type } from 'typebox';
import { ProblemSchema } from '../../platform/http/openapi.js';

/** Requests and replies of the Excel import and export (导入导出). */
const obj = { additionalProperties: false } as const;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const ImportQuery = Type.Object(
  {
    mode: Type.Optional(
      Type.Union([Type.Literal('all-or-nothing'), Type.Literal('validate')], {
        default: 'all-or-nothing',
        description:
          'all-or-nothing (default): import the whole file as drafts, or nothing when any row has a problem (422); validate: the same checks as a report, nothing written',
      }),
    ),
  },
  obj,
);
export type ImportQuery = Static<typeof ImportQuery>;

export const ImportError = Type.Object({
  sheet: Type.String({ description: 'Worksheet: 实施清单, 申请材料 or 收费项目' }),
  row: Type.Integer({ description: 'Excel row number (the header is row 1)' }),
  column: Type.Union([Type.String(), Type.Null()], { description: 'Column header; null: the whole row' }),
  cell: Type.Union([Type.String(), Type.Null()], { description: 'Cell reference, e.g. H5' }),
  code: Type.String({
    description: 'Stable code, e.g. REQUIRED, INVALID_VALUE, UNKNOWN_DEPARTMENT, MISSING',
  }),
  message: Type.String({ description: 'What is wrong, in Chinese' }),
});

export const ImportedItem = Type.Object({
  row: Type.Integer(),
  rowKey: Type.String({ description: '序号 of the row' }),
  action: Type.Union([Type.Literal('create'), Type.Literal('revise')], {
    description: 'create: a new implementation list; revise: a new draft version of the list with that code',
  }),
  name: Type.String(),
  code: Type.Union([Type.String(), Type.Null()], { description: '实施编码 (null until created)' }),
  itemId: Type.Union([Type.String(), Type.Null()]),
  versionId: Type.Union([Type.String(), Type.Null()], {
    description: 'The new draft (null in validate mode)',
  }),
  versionNumber: Type.Union([Type.Integer(), Type.Null()]),
});

export const ImportReport = Type.Object(
  {
    mode: Type.Union([Type.Literal('all-or-nothing'), Type.Literal('validate')]),
    valid: Type.Boolean({ description: 'No problem in the file' }),
    file: Type.Object({ sm3: Type.String({ description: 'SM3 of the file' }), bytes: Type.Integer() }),
    counts: Type.Object({ items: Type.Integer(), materials: Type.Integer(), fees: Type.Integer() }),
    items: Type.Array(ImportedItem, { description: 'The rows that import (validate) or were imported' }),
    errors: Type.Array(ImportError, { description: 'Every problem (validate mode; empty after an import)' }),
  },
  { description: 'What an import did or would do' },
);

/** problem+json of CATALOG_IMPORT_INVALID: each entry of `errors` also says sheet, row, column and code. */
export const ImportProblem = Type.Object(
  {
    ...ProblemSchema.properties,
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: '<sheet>!<cell>, e.g. 实施清单!H5' }),
          message: Type.String(),
          sheet: Type.Optional(Type.String()),
          row: Type.Optional(Type.Integer()),
          column: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          cell: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          code: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  { description: 'RFC 9457 problem details; for CATALOG_IMPORT_INVALID every problem of the file' },
);

export const ExportQuery = Type.Object(
  {
    departmentId: Type.Optional(Type.String({ format: 'uuid', description: 'Only this department’s items' })),
    regionCode: Type.Optional(
      Type.String({
        pattern: '^\\d{6}(\\d{3}(\\d{3})?)?$',
        description: 'Only the items an applicant in this region sees (this region and those above)',
      }),
    ),
    version: Type.Optional(
      Type.Union([Type.Literal('live'), Type.Literal('latest')], {
        default: 'live',
        description: 'live (default): the published version; latest: the version in the works if any',
      }),
    ),
  },
  obj,
);

/** The body of an import: the .xlsx bytes, hashed so Idempotency-Key compares files by their SM3. */
export class Upload {
  readonly bytes: number;
  readonly sm3: string;
  readonly #data: Buffer;

  constructor(data: Buffer, sm3: string) {
    this.#data = data;
    this.bytes = data.length;
    this.sm3 = sm3;
  }

  get data(): Buffer {
    return this.#data;
  }
}

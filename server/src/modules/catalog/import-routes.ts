import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sm3Hex } from '../../platform/crypto/sm3.js';
import type { App } from '../../platform/http/app-type.js';
import { requirePermission } from '../../platform/http/auth.js';
import { DomainError } from '../../platform/http/errors.js';
import { problemResponses } from '../../platform/http/openapi.js';
import { Permissions } from '../identity/permissions.js';
import { ExportQuery, ImportProblem, ImportQuery, ImportReport, Upload, XLSX_TYPE } from './import-schema.js';
import { IMPORT_LIMITS } from './import-workbook.js';
import type { CatalogServices } from './service.js';

const tags = ['catalog'];
const security = [{ bearer: [] }];
const BASE = '/api/v1/catalog/admin';
const workbook = (description: string) => ({
  description,
  content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
});

/** `attachment; filename*=UTF-8''…` (RFC 6266 / 5987): the Chinese file name survives every browser. */
function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');

/**
 * 导入导出: the template, the import and the export. Registered in their own scope, whose only body
 * parser takes the .xlsx bytes (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`, or
 * `application/octet-stream`) up to 10 MiB; anything else answers 415.
 */
export function importExportRoutes(app: App, { imports, exports }: CatalogServices): void {
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      [XLSX_TYPE, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: IMPORT_LIMITS.bytes },
      (_request, body, done) => done(null, new Upload(body as Buffer, sm3Hex(body as Buffer))),
    );

    scope.get(
      `${BASE}/import-template`,
      {
        schema: {
          operationId: 'catalog.downloadImportTemplate',
          tags,
          summary:
            '导入模板 The Excel template for importing implementation lists, with notes and drop-downs',
          security,
          response: { 200: workbook('The empty template (.xlsx)'), ...problemResponses(401, 403) },
        },
        preHandler: requirePermission(Permissions.catalogItemManage),
      },
      async (_request, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('事项实施清单导入模板.xlsx'))
          .send(await exports.template()),
    );

    scope.post(
      `${BASE}/import`,
      {
        bodyLimit: IMPORT_LIMITS.bytes,
        schema: {
          operationId: 'catalog.importItems',
          tags,
          summary: '批量导入 Import implementation lists from the Excel template as drafts, all or nothing',
          description:
            'The raw .xlsx file is the request body. Rows without 实施编码 become new implementation lists, rows with one a new draft version of that list; every row must pass the publication checks. Any problem: 422 CATALOG_IMPORT_INVALID listing every problem with sheet, row, column and code, nothing written. mode=validate: the same checks as a 200 report. At most 2,000 items per file.',
          security,
          consumes: [XLSX_TYPE, 'application/octet-stream'],
          querystring: ImportQuery,
          body: Type.Unsafe<Upload>({ description: 'The .xlsx workbook (binary)' }),
          response: {
            200: ImportReport,
            201: ImportReport,
            ...problemResponses(400, 401, 403, 409, 413, 415),
            422: {
              description: 'Unprocessable',
              content: { 'application/problem+json': { schema: ImportProblem } },
            },
          },
        },
        preHandler: requirePermission(Permissions.catalogItemManage),
      },
      async (request, reply) => {
        if (!(request.body instanceof Upload)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
        const mode = request.query.mode ?? 'all-or-nothing';
        const report = await imports.importFile(request.ctx, request.body.data, mode);
        return reply.code(mode === 'validate' ? 200 : 201).send(report);
      },
    );

    scope.get(
      `${BASE}/export`,
      {
        schema: {
          operationId: 'catalog.exportItems',
          tags,
          summary: '导出 Implementation lists in my data scope as the import template (.xlsx)',
          security,
          querystring: ExportQuery,
          response: {
            200: workbook('The implementation lists (.xlsx)'),
            ...problemResponses(400, 401, 403, 404, 422),
          },
        },
        preHandler: requirePermission(Permissions.catalogItemRead),
      },
      async (request, reply) => {
        const { file, count } = await exports.exportItems(request.ctx, {
          ...request.query,
          version: request.query.version ?? 'live',
        });
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(`事项实施清单-${today()}.xlsx`))
          .header('x-item-count', String(count))
          .send(file);
      },
    );
  });
}

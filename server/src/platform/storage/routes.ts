import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError } from 'fastify';
import { type Static, Type } from 'typebox';
import { sm3Hex } from '../crypto/sm3.js';
import type { App } from '../http/app-type.js';
import { requireAuth } from '../http/auth.js';
import { DomainError } from '../http/errors.js';
import { problemResponses } from '../http/openapi.js';
import { replyWithFile } from './download.js';
import { MAX_FILE_NAME_LENGTH } from './file-name.js';
import { type FileService, PURPOSE_PATTERN, type StoredFile } from './file-service.js';

const tags = ['files'];
const security = [{ bearer: [] }];

export const FileView = Type.Object(
  {
    id: Type.String({
      format: 'uuid',
      description: 'File id, what other requests (e.g. a case submission) refer to',
    }),
    name: Type.String({ description: 'The sanitised original file name' }),
    mediaType: Type.String({ description: 'Media type recognised from the content, e.g. `application/pdf`' }),
    extension: Type.String({ description: 'Lower-case extension of the name; it agrees with the content' }),
    sizeBytes: Type.Integer({ description: 'Size in bytes' }),
    sm3: Type.String({ description: 'SM3 digest of the content (hex)' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'An uploaded file (文件)' },
);
export type FileView = Static<typeof FileView>;

const UploadQuery = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 1000,
      description: `Original file name with its extension, e.g. 身份证正面.jpg; sanitised (path, control characters) and cut to ${MAX_FILE_NAME_LENGTH} characters`,
    }),
    purpose: Type.String({
      pattern: PURPOSE_PATTERN.source,
      description: 'What the file is for, e.g. `case-material`',
    }),
  },
  { additionalProperties: false },
);

const FileIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** The raw request body; hashed once so idempotency keys compare uploads without walking every byte. */
class UploadedBytes {
  readonly bytes: number;
  readonly sm3: string;
  readonly #data: Buffer;

  constructor(data: Buffer) {
    this.#data = data;
    this.bytes = data.length;
    this.sm3 = sm3Hex(data);
  }

  get data(): Buffer {
    return this.#data;
  }
}

function view(file: StoredFile): FileView {
  return {
    id: file.id,
    name: file.name,
    mediaType: file.mediaType,
    extension: file.extension,
    sizeBytes: file.sizeBytes,
    sm3: file.sm3,
    createdAt: file.createdAt.toISOString(),
  };
}

/**
 * 文件上传下载 — a signed-in user uploads a file (the raw bytes are the body, any content type) and reads
 * back their own files; anyone else's file answers 404 as if it did not exist. Registered in its own scope,
 * whose one body parser takes any content up to FILE_MAX_BYTES; larger bodies answer 413 FILE_TOO_LARGE.
 * Staff reach case materials through the case engine's routes, not these.
 */
export function fileRoutes(app: App, files: FileService): void {
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: files.maxBytes },
      (_request, body, done) => done(null, new UploadedBytes(body as Buffer)),
    );
    scope.setErrorHandler((error: FastifyError) => {
      // thrown on to the application's handler, which renders problem+json
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        throw new DomainError(
          'FILE_TOO_LARGE',
          { maxBytes: files.maxBytes },
          `Files may have at most ${files.maxBytes} bytes`,
        );
      }
      throw error;
    });

    scope.post(
      '/api/v1/files',
      {
        bodyLimit: files.maxBytes,
        schema: {
          operationId: 'files.upload',
          tags,
          summary: '上传文件 Upload a file (申请材料, scans)',
          description:
            'The raw file is the request body (any content type; `application/octet-stream` is typical), its name and purpose are in the query. The type is recognised from the content (pdf, ofd, jpg/jpeg, png, gif, bmp, tif/tiff, doc, xls, docx, xlsx, mp4) and must agree with the name’s extension, else 415 FILE_TYPE_NOT_ALLOWED. Empty: 400 FILE_EMPTY; over FILE_MAX_BYTES (default 20 MiB): 413 FILE_TOO_LARGE; flagged by the virus scan: 422 FILE_INFECTED. A refused upload stores nothing. Stored SM4-encrypted; only the uploader reads it back here.',
          security,
          consumes: ['application/octet-stream'],
          querystring: UploadQuery,
          body: Type.Unsafe<UploadedBytes>({ description: 'The file (binary)' }),
          response: { 201: FileView, ...problemResponses(400, 401, 413, 415, 422) },
        },
        // before the body is read: nobody without a session makes the node buffer FILE_MAX_BYTES
        onRequest: requireAuth(),
      },
      async (request, reply) => {
        if (!(request.body instanceof UploadedBytes)) throw new DomainError('FILE_EMPTY');
        const file = await files.upload(request.ctx, {
          name: request.query.name,
          purpose: request.query.purpose,
          bytes: request.body.data,
        });
        return reply.code(201).send(view(file));
      },
    );

    scope.get(
      '/api/v1/files/:id',
      {
        schema: {
          operationId: 'files.getFile',
          tags,
          summary: '文件信息 One of my files',
          security,
          params: FileIdParams,
          response: { 200: FileView, ...problemResponses(400, 401, 404) },
        },
        preHandler: requireAuth(),
      },
      async (request) => view(await ownFile(files, request.params.id, request.ctx.actor!.userId)),
    );

    scope.get(
      '/api/v1/files/:id/content',
      {
        schema: {
          operationId: 'files.downloadFile',
          tags,
          summary: '下载文件 The content of one of my files',
          description:
            'The verified bytes as an attachment with the recognised content type; a stored file that fails its SM3 check is never sent (500 FILE_INTEGRITY_FAILED).',
          security,
          params: FileIdParams,
          response: {
            200: {
              description: 'The file',
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
            ...problemResponses(400, 401, 404),
          },
        },
        preHandler: requireAuth(),
      },
      async (request, reply) => {
        const file = await ownFile(files, request.params.id, request.ctx.actor!.userId);
        return replyWithFile(reply, file, await files.read(file.id));
      },
    );
  });
}

/** The caller's own file; anybody else's answers FILE_NOT_FOUND, exactly like a missing one. */
async function ownFile(files: FileService, id: string, userId: string): Promise<StoredFile> {
  const file = await files.get(id);
  if (!file || file.ownerUserId !== userId) throw new DomainError('FILE_NOT_FOUND');
  return file;
}

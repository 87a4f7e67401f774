import type { FastifyReply } from 'fastify';
import type { StoredFile } from './file-service.js';

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266, RFC 5987): an ASCII fallback for old clients,
 * and the exact name, Chinese included, for every current browser.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends a file's verified bytes as a download: its sniffed media type, `nosniff`, always an attachment (a
 * PDF or image is never rendered inside Tongban's origin), never cached by shared caches. For routes that
 * give access to files, e.g. the case engine's case materials.
 */
export function replyWithFile(reply: FastifyReply, file: StoredFile, bytes: Buffer): FastifyReply {
  return replyWithBytes(reply, { name: file.name, mediaType: file.mediaType }, bytes);
}

/** Sends bytes made on the fly (a generated PDF …) the same way: attachment, exact type, never cached. */
export function replyWithBytes(
  reply: FastifyReply,
  document: { name: string; mediaType: string },
  bytes: Uint8Array,
): FastifyReply {
  return reply
    .type(document.mediaType)
    .header('content-disposition', contentDisposition(document.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-length', String(bytes.length))
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

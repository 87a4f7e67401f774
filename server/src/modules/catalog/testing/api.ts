import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/tables.js';
import type { ItemGuide } from '../guide-schema.js';
import { aGuide } from './builders.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A tiny client of the catalogue API for tests: `as(headers).post('/admin/items', body)`. */
export function catalogClient(app: Pick<FastifyInstance, 'inject'>, headers: Record<string, string> = {}) {
  const call = (method: Method, url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1/catalog${url}`, headers, ...(payload ? { payload } : {}) });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: object) => call('POST', url, payload),
    put: (url: string, payload: object) => call('PUT', url, payload),
    patch: (url: string, payload: object) => call('PATCH', url, payload),
    delete: (url: string) => call('DELETE', url),
  };
}
export type CatalogClient = ReturnType<typeof catalogClient>;

/** The id of a department by its code (demo departments). */
export async function departmentId(db: Kysely<Tables>, code: string): Promise<string> {
  const row = await db
    .selectFrom('departments')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

let serial = 0;

/** A fresh basic item (created by `author`, who needs catalog:basic:manage). */
export async function aBasicItem(author: CatalogClient, name = `测试基本事项${++serial}`) {
  const response = await author.post('/admin/basic-items', {
    name,
    itemType: 'licence',
    objectType: 'person',
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json() as { id: string; code: string };
}

export interface VersionReply {
  id: string;
  itemId: string;
  itemCode: string;
  number: number;
  status: string;
  guide: ItemGuide;
  actions: string[];
}

/** A new implementation list with version 1 as a draft. */
export async function aDraft(
  author: CatalogClient,
  basicItemId: string,
  departmentId: string,
  guide: Partial<ItemGuide> = {},
): Promise<VersionReply> {
  const response = await author.post('/admin/items', { basicItemId, departmentId, guide: aGuide(guide) });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

/** Submit (author), approve and publish (reviewer): the happy path. */
export async function publish(author: CatalogClient, reviewer: CatalogClient, versionId: string) {
  for (const [who, url, body] of [
    [author, `/admin/versions/${versionId}/submit`, undefined],
    [reviewer, `/admin/versions/${versionId}/review`, { decision: 'approve' }],
    [reviewer, `/admin/versions/${versionId}/publish`, undefined],
  ] as const) {
    const response = await who.post(url, body);
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.body}`);
  }
}

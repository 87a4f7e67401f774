import { type TSchema, Type } from 'typebox';

export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 20, description: 'Page size' });
export const Cursor = Type.Optional(
  Type.String({ pattern: '^[0-9A-Za-z_-]{1,64}$', description: 'nextCursor of the previous page' }),
);

/** `{ items, nextCursor }`, the shape of every list in the API. */
export function page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page',
    }),
  });
}

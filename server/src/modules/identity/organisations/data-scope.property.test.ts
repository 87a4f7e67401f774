import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../platform/db/ids.js';
import type { DataScope } from '../../../platform/http/context.js';
import { client, listAll, makeRole, makeStaff, sessionFor } from '../../../test/organisations.js';
import { startTestApp } from '../../../test/test-app.js';
import { Permissions as P } from '../permissions.js';
import { regionCovers } from '../regions/scope.js';
import { type ActorScope, canSee } from './data-scope.js';

const { app, db } = await startTestApp();
const REGIONS = ['460000', '460100', '460105', '460106', '460200', '460202', '460400'];
const regionPaths = new Map(
  (await db.selectFrom('regions').select(['code', 'path']).where('code', 'in', REGIONS).execute()).map(
    (r) => [r.code, r.path],
  ),
);
const SCOPES: DataScope[] = ['self', 'department', 'departmentTree', 'regionTree', 'all'];
const PERMS = [P.departmentRead, P.staffRead];

const tree = fc.array(fc.record({ parent: fc.nat(), region: fc.nat() }), { minLength: 1, maxLength: 7 });
const role = fc.array(fc.tuple(fc.constantFrom(...PERMS), fc.constantFrom(...SCOPES)), { maxLength: 2 });
const user = fc.record({ home: fc.option(fc.nat(), { nil: null }), roles: fc.subarray([0, 1, 2]) });
const world = fc.record({
  tree,
  roles: fc.tuple(role, role, role),
  users: fc.array(user, { minLength: 1, maxLength: 4 }),
});
let serial = 0;

/** Inserts a random department tree: each node under an earlier one (or a root), in a region its parent covers. */
async function plant(nodes: { parent: number; region: number }[]) {
  const made: { id: string; path: string; regionPath: string }[] = [];
  for (const node of nodes) {
    const parent =
      node.parent % (made.length + 1) === 0 ? null : made[(node.parent % (made.length + 1)) - 1]!;
    const regions = REGIONS.filter((c) => !parent || regionCovers(parent.regionPath, regionPaths.get(c)!));
    const code = regions[node.region % regions.length]!;
    const id = uuidv7();
    const path = parent ? `${parent.path}.${id}` : id;
    await db
      .insertInto('departments')
      .values({
        id,
        name: `D${id.slice(-6)}`,
        code: null,
        region_code: code,
        parent_id: parent?.id ?? null,
        path,
      })
      .execute();
    made.push({ id, path, regionPath: regionPaths.get(code)! });
  }
  return made;
}

async function everything() {
  const departments = await db
    .selectFrom('departments as d')
    .innerJoin('regions as r', 'r.code', 'd.region_code')
    .select(['d.id', 'd.path', 'r.path as region_path'])
    .execute();
  const staff = await db
    .selectFrom('staff as s')
    .innerJoin('departments as d', 'd.id', 's.department_id')
    .innerJoin('regions as r', 'r.code', 'd.region_code')
    .select(['s.user_id', 'd.path', 'r.path as region_path'])
    .execute();
  return { departments, staff };
}

describe('data scope: the SQL filter and canSee agree', () => {
  it('lists exactly the departments and staff inside each caller’s scope, under concurrent requests', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const made = await plant(w.tree);
        const roleIds = await Promise.all(
          w.roles.map((grants) => {
            const unique = new Map(grants);
            return makeRole(db, `r${++serial}`, [...unique.entries()]);
          }),
        );
        const callers = await Promise.all(
          w.users.map(async (u) => {
            const home = u.home === null ? null : made[u.home % made.length]!;
            const held = u.roles.map((i) => roleIds[i]!);
            const userId = home ? await makeStaff(db, home.id, held) : await makeStaff(db, made[0]!.id, held);
            if (!home) await db.deleteFrom('staff').where('user_id', '=', userId).execute();
            const permissions = new Map<string, DataScope>();
            for (const i of u.roles)
              for (const [perm, scope] of new Map(w.roles[i]!)) {
                const prev = permissions.get(perm);
                permissions.set(perm, prev && SCOPES.indexOf(prev) > SCOPES.indexOf(scope) ? prev : scope);
              }
            const actor: ActorScope = {
              userId,
              permissions,
              home: home
                ? { departmentId: home.id, departmentPath: home.path, regionPath: home.regionPath }
                : null,
            };
            return { actor, api: client(app, await sessionFor(db, userId)) };
          }),
        );
        const all = await everything();
        await Promise.all(
          callers.map(async ({ actor, api }) => {
            const want = <R extends { path: string; region_path: string; owner?: string }>(
              perm: string,
              rows: R[],
              id: (r: R) => string,
            ) =>
              rows
                .filter((r) =>
                  canSee(actor, perm, {
                    ownerUserId: r.owner,
                    departmentPath: r.path,
                    regionPath: r.region_path,
                  }),
                )
                .map(id)
                .sort();
            const [departments, staff] = await Promise.all([
              actor.permissions.has(P.departmentRead)
                ? listAll<{ id: string }>(api.get, '/departments')
                : null,
              actor.permissions.has(P.staffRead) ? listAll<{ userId: string }>(api.get, '/staff') : null,
            ]);
            if (departments)
              expect(departments.map((d) => d.id).sort()).toEqual(
                want(P.departmentRead, all.departments, (r) => r.id),
              );
            const staffRows = all.staff.map((s) => ({ ...s, owner: s.user_id }));
            if (staff)
              expect(staff.map((s) => s.userId).sort()).toEqual(
                want(P.staffRead, staffRows, (r) => r.user_id),
              );
          }),
        );
      }),
      { numRuns: 25 },
    );
  });
});

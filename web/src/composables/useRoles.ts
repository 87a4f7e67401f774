import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { rolesApi } from '../api/resources';
import type {
  DataScope,
  Resource,
  Role,
  RoleCreate,
  RoleGrantsUpdate,
  RoleGroup,
  RoleUpdate,
} from '../api/types';
import { allPages, MAX_PAGE } from './allPages';
import { useSaving } from './useSaving';

/** Narrow to wide; a grant may never exceed the grantor's own scope. */
export const DATA_SCOPES: readonly DataScope[] = [
  'self',
  'department',
  'departmentTree',
  'regionTree',
  'all',
];

export function narrowestScope(scopes: readonly DataScope[]): DataScope | null {
  if (!scopes.length) return null;
  return scopes.reduce((a, b) => (DATA_SCOPES.indexOf(a) <= DATA_SCOPES.indexOf(b) ? a : b));
}

/** A resource's name in the UI language, else the name the server gives (zh-CN). */
export function useResourceName() {
  const { t, te } = useI18n();
  return (code: string, fallback: string): string => {
    const key = `admin.org.resources.${code.replaceAll(':', '_')}`;
    return te(key) ? t(key) : fallback;
  };
}

/** One grant of a role: a resource code and the data scope it is granted with. */
export interface Grant {
  permission: string;
  scope: DataScope;
}

/** What the permission tree of the role form exposes to the form. */
export interface PermissionTreeApi {
  /** The grants ticked: checked nodes under no checked parent, each with its data scope. */
  grants(): Grant[];
  /** Gives every current grant this data scope. */
  applyToAll(scope: DataScope): void;
}

export interface ResourceNode extends Resource {
  children: ResourceNode[];
}

/** The flat resource list (parents first) as a tree. */
export function resourceTree(resources: readonly Resource[]): ResourceNode[] {
  const nodes = new Map(resources.map((r) => [r.code, { ...r, children: [] as ResourceNode[] }]));
  const roots: ResourceNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentCode ? nodes.get(node.parentCode) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** 角色管理: role groups, the roles of the selected group, the resource tree, and changes to them. */
export function useRoles() {
  const groups = shallowRef<RoleGroup[]>([]);
  const roles = shallowRef<Role[]>([]);
  const resources = shallowRef<Resource[]>([]);
  const groupsLoading = ref(false);
  const rolesLoading = ref(false);
  const resourceNames = computed(() => new Map(resources.value.map((r) => [r.code, r.name])));
  const tree = computed(() => resourceTree(resources.value));
  const { saving, errors, save } = useSaving();

  async function loadGroups(): Promise<void> {
    groupsLoading.value = true;
    try {
      groups.value = await allPages((cursor) => rolesApi.groups(MAX_PAGE, cursor));
    } catch {
      // the client already told the user
    } finally {
      groupsLoading.value = false;
    }
  }

  /** The roles of a group, or of every group when null. */
  async function loadRoles(groupId: string | null): Promise<void> {
    rolesLoading.value = true;
    try {
      roles.value = await allPages((cursor) => rolesApi.list(MAX_PAGE, cursor, groupId));
    } catch {
      roles.value = [];
    } finally {
      rolesLoading.value = false;
    }
  }

  async function loadResources(): Promise<void> {
    try {
      resources.value = (await rolesApi.resources()).items;
    } catch {
      // the client already told the user
    }
  }

  return {
    groups,
    roles,
    resources,
    resourceNames,
    tree,
    groupsLoading,
    rolesLoading,
    saving,
    errors,
    loadGroups,
    loadRoles,
    loadResources,
    createGroup: (name: string) => save(() => rolesApi.createGroup(name)),
    create: (role: RoleCreate) => save(() => rolesApi.create(role)),
    update: (roleId: string, changes: RoleUpdate) => save(() => rolesApi.update(roleId, changes)),
    setGrants: (roleId: string, grants: RoleGrantsUpdate) => save(() => rolesApi.setGrants(roleId, grants)),
    move: (roleId: string, groupId: string) => save(() => rolesApi.move(roleId, groupId)),
    remove: (roleId: string) => save(() => rolesApi.remove(roleId).then(() => true)),
  };
}

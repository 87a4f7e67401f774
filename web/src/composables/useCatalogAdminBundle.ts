import { pinFieldOrder } from '@shared/catalog/forms';
import { computed, reactive, ref, shallowRef } from 'vue';
import {
  type Bundle,
  bundlesApi,
  itemVersionsApi,
  type ManagedItem,
  managedItemsApi,
  type ObjectType,
} from '../api/catalog-admin';
import { formFieldKeys, jsonText, parseJson } from './catalogAdminGuide';
import { useCursorPager } from './useCursorPager';
import { useSaving } from './useSaving';

/** 一件事: one page of the bundles led by departments in the user's scope. */
export function useBundleList(pageSize = 20) {
  return useCursorPager((cursor) => bundlesApi.list(pageSize, cursor));
}

/** One row of a member's field map: shared form field → the member's form field. */
export interface FieldMapping {
  from: string;
  to: string;
}

export interface MemberDraft {
  itemId: string;
  itemCode: string;
  itemName: string;
  departmentName: string;
  mappings: FieldMapping[];
}

/** A field a member's published form offers to the shared form. */
export interface MemberField {
  key: string;
  title: string;
}

function fieldsOf(form: unknown): MemberField[] {
  const properties = (form as { properties?: Record<string, { title?: unknown }> } | null)?.properties ?? {};
  return formFieldKeys(form).map((key) => ({
    key,
    title: typeof properties[key]?.title === 'string' ? (properties[key].title as string) : key,
  }));
}

/**
 * 一件事 editor: the bundle's details, its members in dispatch order with their field maps, the shared
 * form as JSON text, the published items that can join and the fields of their forms. Saving replaces
 * the whole definition; the server names every problem (`members.1.fieldMap.babyName` …).
 */
export function useBundleEditor() {
  const details = reactive({
    code: '',
    name: '',
    description: '',
    objectType: 'person' as ObjectType,
    departmentId: '',
    departmentName: '',
    themes: [] as string[],
    status: 'active' as 'active' | 'disabled',
  });
  const formText = ref('');
  const members = ref<MemberDraft[]>([]);
  const candidates = shallowRef<ManagedItem[]>([]);
  const memberFields = ref<Record<string, MemberField[]>>({});
  const loading = ref(false);
  const { saving, errors, save } = useSaving();

  const parsedForm = computed(() => parseJson(formText.value));
  const sharedFields = computed(() => (parsedForm.value.ok ? fieldsOf(parsedForm.value.value) : []));

  async function loadFieldsOf(item: Pick<ManagedItem, 'id' | 'live'>): Promise<void> {
    if (memberFields.value[item.id] || !item.live) return;
    try {
      const version = await itemVersionsApi.get(item.live.id);
      memberFields.value = { ...memberFields.value, [item.id]: fieldsOf(version.guide.form) };
    } catch {
      memberFields.value = { ...memberFields.value, [item.id]: [] };
    }
  }

  const searching = ref(false);
  /** Published items in scope matching a search on name or code (a bundle's members must be published). */
  async function searchCandidates(q = ''): Promise<void> {
    searching.value = true;
    try {
      const page = await managedItemsApi.list(50, null, { q: q.trim() || undefined, status: 'published' });
      candidates.value = page.items.filter((i) => i.live?.status === 'published' && !i.cancelledAt);
    } catch {
      candidates.value = [];
    } finally {
      searching.value = false;
    }
  }

  /** Loads the bundle to edit (none: a new one) and the items that can join. */
  async function load(bundleId: string | null): Promise<void> {
    loading.value = true;
    try {
      if (bundleId) fill(await bundlesApi.get(bundleId));
      else reset();
      await Promise.all([
        searchCandidates(),
        ...members.value.map(async (m) => loadFieldsOf(await managedItemsApi.get(m.itemId))),
      ]);
    } catch {
      // the client already told the user
    } finally {
      loading.value = false;
    }
  }

  function reset(): void {
    Object.assign(details, {
      code: '',
      name: '',
      description: '',
      objectType: 'person',
      departmentId: '',
      departmentName: '',
      themes: [],
      status: 'active',
    });
    formText.value = '';
    members.value = [];
  }

  function fill(bundle: Bundle): void {
    Object.assign(details, {
      code: bundle.code,
      name: bundle.name,
      description: bundle.description,
      objectType: bundle.objectType as ObjectType,
      departmentId: bundle.departmentId,
      departmentName: bundle.departmentName,
      themes: [...bundle.themes],
      status: bundle.status,
    });
    formText.value = jsonText(bundle.form);
    members.value = bundle.members.map((m) => ({
      itemId: m.itemId,
      itemCode: m.itemCode,
      itemName: m.itemName,
      departmentName: m.departmentName,
      mappings: Object.entries(m.fieldMap).map(([from, to]) => ({ from, to })),
    }));
  }

  async function addMember(itemId: string): Promise<void> {
    const item = candidates.value.find((c) => c.id === itemId);
    if (!item || members.value.some((m) => m.itemId === itemId)) return;
    members.value.push({
      itemId,
      itemCode: item.code,
      itemName: item.name,
      departmentName: item.departmentName,
      mappings: [],
    });
    await loadFieldsOf(item);
  }

  /** Moves a member up (-1) or down (+1) in the dispatch order. */
  function moveMember(index: number, by: -1 | 1): void {
    const target = index + by;
    if (target < 0 || target >= members.value.length) return;
    const list = [...members.value];
    [list[index], list[target]] = [list[target]!, list[index]!];
    members.value = list;
  }

  /** Maps every shared field to the member field of the same key, where the member's form has one. */
  function mapSameNames(index: number): void {
    const member = members.value[index];
    if (!member) return;
    const own = new Set((memberFields.value[member.itemId] ?? []).map((f) => f.key));
    const mapped = new Set(member.mappings.map((m) => m.from));
    for (const { key } of sharedFields.value)
      if (own.has(key) && !mapped.has(key)) member.mappings.push({ from: key, to: key });
  }

  function body() {
    const form = parsedForm.value.ok ? pinFieldOrder(parsedForm.value.value) : null;
    return {
      name: details.name.trim(),
      description: details.description.trim(),
      objectType: details.objectType,
      departmentId: details.departmentId,
      themes: details.themes,
      status: details.status,
      form,
      members: members.value.map((m) => ({
        itemId: m.itemId,
        fieldMap: Object.fromEntries(m.mappings.filter((r) => r.from && r.to).map((r) => [r.from, r.to])),
      })),
    };
  }

  const create = () => save(() => bundlesApi.create({ code: details.code.trim(), ...body() }));
  const update = (bundleId: string) => save(() => bundlesApi.update(bundleId, body()));
  const remove = (bundleId: string) => save(() => bundlesApi.remove(bundleId).then(() => true));

  return {
    details,
    formText,
    parsedForm,
    sharedFields,
    members,
    candidates,
    searching,
    searchCandidates,
    memberFields,
    loading,
    saving,
    errors,
    load,
    addMember,
    moveMember,
    mapSameNames,
    create,
    update,
    remove,
  };
}

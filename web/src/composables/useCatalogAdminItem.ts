import { pinFieldOrder } from '@shared/catalog/forms';
import { computed, type Ref, reactive, ref, shallowRef, watch } from 'vue';
import {
  type ItemGuide,
  type ItemVersion,
  itemVersionsApi,
  type ManagedItemDetail,
  managedItemsApi,
  type ReviewRequest,
  type VersionDiff,
  type VersionSummary,
} from '../api/catalog-admin';
import { ApiError } from '../api/client';
import { cloneJson, type GuideProblem, guidePath, jsonText, parseJson, tidyGuide } from './catalogAdminGuide';
import { useCatalogPermissions } from './useCatalogAdmin';

/** The rule documents edited as JSON text: the form, the situation tree and the 秒批 rule set. */
export type JsonDocument = 'form' | 'situations' | 'rules';

/** The version an item opens at: the one in the works, else the live one, else the newest. */
export function defaultVersion(item: ManagedItemDetail): string | null {
  return item.open?.id ?? item.live?.id ?? item.versions[0]?.id ?? null;
}

const head = (path: string) => path.split('.')[0] ?? '';

/**
 * What is sent for a guide: tidied, with the form's field order pinned in `x-order` (pinFieldOrder: jsonb
 * sorts object keys, so the declaration order would otherwise be lost).
 */
function outgoing(guide: ItemGuide): ItemGuide {
  const tidy = tidyGuide(guide);
  if (tidy.form) tidy.form = pinFieldOrder(tidy.form);
  return tidy;
}

/**
 * 实施清单 editor: the item with its versions, the version on screen and a working copy of its guide,
 * the JSON texts of its rule documents, the problems the server named, and every transition the
 * version's status and the user's permissions allow. Pages show the results; nothing here talks to
 * the user.
 */
export function useItemEditor(itemId: Ref<string>) {
  const { canManage, canReview } = useCatalogPermissions();
  const item = shallowRef<ManagedItemDetail | null>(null);
  const version = shallowRef<ItemVersion | null>(null);
  const guide = ref<ItemGuide>({});
  const json = reactive<Record<JsonDocument, string>>({ form: '', situations: '', rules: '' });
  const saved = ref('');
  const loading = ref(false);
  const busy = ref(false);
  /** Every problem the server named at the last save, validation or submission. */
  const named = ref<GuideProblem[]>([]);
  /** The guide's elements (JSON) when the problems were named: an element edited since has its problems hidden. */
  const namedAgainst = ref<Record<string, string>>({});
  /** Set once the problems come from a validation or a refused submission (not just a save). */
  const checked = ref<'valid' | 'invalid' | null>(null);

  const status = computed(() => version.value?.status ?? null);
  const cancelled = computed(() => Boolean(item.value?.cancelledAt));
  const editable = computed(() => status.value === 'draft' && canManage.value && !cancelled.value);
  const allows = (action: string) => Boolean(version.value?.actions.includes(action));

  /** JSON texts that do not parse, by document. */
  const jsonErrors = computed(() => {
    const errors: Partial<Record<JsonDocument, string>> = {};
    for (const doc of ['form', 'situations', 'rules'] as const) {
      const parsed = parseJson(json[doc]);
      if (!parsed.ok) errors[doc] = parsed.error;
    }
    return errors;
  });
  const dirty = computed(
    () =>
      editable.value &&
      (JSON.stringify(outgoing(guide.value)) !== saved.value || Object.keys(jsonErrors.value).length > 0),
  );

  const elementJson = (key: string) => JSON.stringify((guide.value as Record<string, unknown>)[key] ?? null);
  function setProblems(list: GuideProblem[]): void {
    named.value = list;
    namedAgainst.value = Object.fromEntries(list.map((p) => [head(p.path), elementJson(head(p.path))]));
  }
  /** The problems still to fix: those of elements not edited since they were named. */
  const problems = computed(() =>
    named.value.filter((p) => namedAgainst.value[head(p.path)] === elementJson(head(p.path))),
  );

  function show(next: ItemVersion): void {
    version.value = next;
    const copy = cloneJson(next.guide);
    // no form / no situations: the key is left out, as the JSON editors leave it when their text is blank
    if (copy.form == null) delete copy.form;
    if (copy.situations == null) delete copy.situations;
    guide.value = copy;
    json.form = jsonText(next.guide.form);
    json.situations = jsonText(next.guide.situations);
    json.rules = next.guide.mode?.kind === 'instant' ? jsonText(next.guide.mode.rules) : '';
    saved.value = JSON.stringify(outgoing(guide.value));
    setProblems([]);
    checked.value = null;
  }

  // the JSON texts feed the guide whenever they parse
  watch(
    () => json.form,
    (text) => {
      const parsed = parseJson(text);
      if (parsed.ok) guide.value.form = parsed.value ?? undefined;
    },
  );
  watch(
    () => json.situations,
    (text) => {
      const parsed = parseJson(text);
      if (parsed.ok) guide.value.situations = parsed.value ?? undefined;
    },
  );
  watch(
    () => json.rules,
    (text) => {
      const parsed = parseJson(text);
      const mode = guide.value.mode;
      if (parsed.ok && mode?.kind === 'instant') mode.rules = parsed.value;
    },
  );

  async function load(versionId?: string | null): Promise<void> {
    loading.value = true;
    try {
      item.value = await managedItemsApi.get(itemId.value);
      const target = versionId ?? defaultVersion(item.value);
      if (target) show(await itemVersionsApi.get(target));
    } catch {
      // the client already told the user
    } finally {
      loading.value = false;
    }
  }

  /** Shows another version (read-only unless it is the draft). */
  async function open(versionId: string): Promise<void> {
    if (versionId === version.value?.id) return;
    await load(versionId);
  }

  function fromError(error: unknown): GuideProblem[] {
    if (!(error instanceof ApiError)) return [];
    return (error.problem.errors ?? []).map((e) => ({ path: guidePath(e.field), message: e.message }));
  }

  /** Runs a call that returns the version, then shows it and reloads the item (statuses changed). */
  async function transition(work: () => Promise<ItemVersion>): Promise<ItemVersion | null> {
    busy.value = true;
    try {
      const next = await work();
      item.value = await managedItemsApi.get(itemId.value);
      show(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length) setProblems(fromError(error));
      return null;
    } finally {
      busy.value = false;
    }
  }

  /** Saves the draft; false when nothing could be saved (a JSON text does not parse, or the server refused). */
  async function save(): Promise<boolean> {
    const current = version.value;
    if (!current || !editable.value) return false;
    if (Object.keys(jsonErrors.value).length > 0) return false;
    busy.value = true;
    try {
      const body = outgoing(guide.value);
      version.value = await itemVersionsApi.update(current.id, body);
      saved.value = JSON.stringify(body);
      setProblems([]);
      checked.value = null;
      return true;
    } catch (error) {
      setProblems(fromError(error));
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Saves a dirty draft, then lists every problem submit and publish would refuse. */
  async function validate(): Promise<boolean> {
    const current = version.value;
    if (!current) return false;
    if (dirty.value && !(await save())) return false;
    busy.value = true;
    try {
      const result = await itemVersionsApi.validate(current.id);
      setProblems(result.errors.map((e) => ({ path: guidePath(e.field), code: e.code, message: e.message })));
      checked.value = result.valid ? 'valid' : 'invalid';
      return result.valid;
    } catch {
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Saves a dirty draft and submits it; a refusal lists the problems (with their codes). */
  async function submit(): Promise<ItemVersion | null> {
    const current = version.value;
    if (!current || (dirty.value && !(await save()))) return null;
    const next = await transition(() => itemVersionsApi.submit(current.id));
    if (!next && named.value.length > 0) await validate();
    return next;
  }

  const review = (request: ReviewRequest) =>
    version.value
      ? transition(() => itemVersionsApi.review(version.value!.id, request))
      : Promise.resolve(null);
  const publish = () =>
    version.value ? transition(() => itemVersionsApi.publish(version.value!.id)) : Promise.resolve(null);
  const revise = () => transition(() => managedItemsApi.revise(itemId.value));
  const suspend = (reason: string) => transition(() => managedItemsApi.suspend(itemId.value, reason));
  const resume = () => transition(() => managedItemsApi.resume(itemId.value));
  const cancel = (reason: string) => transition(() => managedItemsApi.cancel(itemId.value, reason));

  /** Which buttons apply: the version's next actions narrowed by the user's permissions. */
  const can = computed(() => ({
    save: editable.value,
    submit: editable.value && allows('submit'),
    approve: canReview.value && allows('approve'),
    publish: canReview.value && allows('publish'),
    revise: canManage.value && !cancelled.value && item.value?.open === null && item.value?.live !== null,
    suspend: canReview.value && item.value?.live?.status === 'published' && !cancelled.value,
    resume: canReview.value && item.value?.live?.status === 'suspended' && !cancelled.value,
    cancel: canReview.value && !cancelled.value && item.value !== null,
  }));

  return {
    item,
    version,
    guide,
    json,
    jsonErrors,
    loading,
    busy,
    named,
    problems,
    checked,
    status,
    editable,
    dirty,
    can,
    load,
    open,
    save,
    validate,
    submit,
    review,
    publish,
    revise,
    suspend,
    resume,
    cancel,
  };
}

export interface DiffResult {
  diff: VersionDiff;
  before: ItemVersion;
  after: ItemVersion;
}

/** 版本比对 between two versions of an item: the server's diff plus both guides (for the values). */
export function useVersionDiff(itemId: Ref<string>) {
  const result = shallowRef<DiffResult | null>(null);
  const loading = ref(false);

  async function compare(from: VersionSummary, to: VersionSummary): Promise<void> {
    loading.value = true;
    try {
      const [diff, before, after] = await Promise.all([
        managedItemsApi.diff(itemId.value, from.number, to.number),
        itemVersionsApi.get(from.id),
        itemVersionsApi.get(to.id),
      ]);
      result.value = { diff, before, after };
    } catch {
      result.value = null;
    } finally {
      loading.value = false;
    }
  }

  function clear(): void {
    result.value = null;
  }

  return { result, loading, compare, clear };
}

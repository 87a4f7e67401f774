import type { FieldSchema, FormSchema } from '@shared/catalog/forms';
import { computed, onScopeDispose, type Ref, ref, shallowRef, watch } from 'vue';
import {
  type CaseIntegrity,
  type CaseMaterial,
  type CaseView,
  caseNoticeUrl,
  casesApi,
  type NoticeKind,
  verifyCaseHistory,
} from '../api/cases';
import { catalogPublicApi } from '../api/catalog-public';
import { ApiError } from '../api/client';
import { displayOrder } from './useCatalogGuide';

/** 办件详情 — one case as the signed-in member of staff may see it; `set` takes the view an action returned. */
export function useCase(id: Ref<string>) {
  const view = shallowRef<CaseView | null>(null);
  const loading = ref(false);
  const notFound = ref(false);
  /** The problem title of a failed load other than 404 (the call is quiet). */
  const failure = ref<string | null>(null);

  async function load(): Promise<void> {
    const wanted = id.value;
    loading.value = true;
    failure.value = null;
    try {
      const result = await casesApi.get(wanted);
      if (wanted !== id.value) return;
      view.value = result;
      notFound.value = false;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
        view.value = null;
        notFound.value = true;
      } else failure.value = error instanceof ApiError ? error.problem.title : String(error);
    } finally {
      loading.value = false;
    }
  }

  watch(id, () => void load(), { immediate: true });

  const integrity = shallowRef<CaseIntegrity | null>(null);
  const verifying = ref(false);
  async function verify(): Promise<CaseIntegrity | null> {
    verifying.value = true;
    try {
      integrity.value = await verifyCaseHistory(id.value);
      return integrity.value;
    } catch {
      return null;
    } finally {
      verifying.value = false;
    }
  }
  watch(id, () => {
    integrity.value = null;
  });

  return {
    view,
    loading,
    notFound,
    failure,
    load,
    set: (next: CaseView) => {
      view.value = next;
    },
    integrity,
    verifying,
    verify,
  };
}

/** The form of a case split by what the viewer may do with each field. */
export interface CaseFormParts {
  /** Fields shown read-only (hidden ones are left out). */
  readonly: FormSchema | null;
  /** Fields the viewer may change now (the step's editable ones, when they may approve). */
  editable: FormSchema | null;
}

function pick(schema: FormSchema, keys: readonly string[]): FormSchema | null {
  if (keys.length === 0) return null;
  const properties: Record<string, FieldSchema> = {};
  for (const key of keys) {
    const field = schema.properties[key];
    if (field) properties[key] = field;
  }
  return {
    ...schema,
    properties,
    required: (schema.required ?? []).filter((key) => keys.includes(key)),
    'x-order': (schema['x-order'] ?? Object.keys(schema.properties)).filter((key) => keys.includes(key)),
  };
}

/**
 * 申请表 on the case page: the visible fields (hidden ones are absent), those the viewer may edit (access
 * `editable` and `approve` open to them), the edited values and the patch for approve's `formPatch` (only
 * the values that differ from the case's). Sections that no data falls in are left out: they belong to
 * situations the applicant did not choose.
 */
export function useCaseForm(view: Ref<CaseView | null>) {
  const schema = computed(() => {
    const raw = view.value?.form.schema as FormSchema | null | undefined;
    return raw && typeof raw === 'object' && raw.type === 'object' ? displayOrder(raw) : null;
  });
  const canEdit = computed(() => view.value?.actions.includes('approve') ?? false);

  const visibleKeys = computed(() => {
    const form = schema.value;
    const data = view.value?.form.data ?? {};
    const access = view.value?.form.access ?? {};
    if (!form) return [];
    const usedSections = new Set(
      Object.entries(form.properties)
        .filter(([key]) => data[key] !== undefined && data[key] !== null && data[key] !== '')
        .map(([, field]) => field['x-section']),
    );
    return Object.entries(form.properties)
      .filter(
        ([key, field]) =>
          access[key] !== 'hidden' && (!field['x-section'] || usedSections.has(field['x-section'])),
      )
      .map(([key]) => key);
  });
  const editableKeys = computed(() =>
    canEdit.value ? visibleKeys.value.filter((key) => view.value?.form.access[key] === 'editable') : [],
  );

  const parts = computed<CaseFormParts>(() => {
    const form = schema.value;
    if (!form) return { readonly: null, editable: null };
    const editable = new Set(editableKeys.value);
    return {
      readonly: pick(
        form,
        visibleKeys.value.filter((key) => !editable.has(key)),
      ),
      editable: pick(form, editableKeys.value),
    };
  });

  const values = ref<Record<string, unknown>>({});
  watch(
    () => view.value?.form.data,
    (data) => {
      values.value = { ...(data ?? {}) };
    },
    { immediate: true },
  );

  /** The editable values that differ from the case's (approve's `formPatch`). */
  const patch = computed<Record<string, unknown>>(() => {
    const original = view.value?.form.data ?? {};
    const out: Record<string, unknown> = {};
    for (const key of editableKeys.value)
      if (JSON.stringify(values.value[key] ?? null) !== JSON.stringify(original[key] ?? null))
        out[key] = values.value[key] ?? null;
    return out;
  });

  /** Field key → title, for the history's changed fields and the supplement picker. */
  const titles = computed(
    () => new Map(Object.entries(schema.value?.properties ?? {}).map(([key, field]) => [key, field.title])),
  );

  return { schema, parts, values, patch, titles, visibleKeys };
}

/** Whether the browser can show a file inline: images in an <img>, PDF in an <iframe>. */
export function previewKind(mediaType: string): 'image' | 'pdf' | null {
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType === 'application/pdf') return 'pdf';
  return null;
}

/** 材料查看 — the material picked for preview as an object URL (revoked when another is picked or on leave). */
export function useMaterialPreview(caseId: Ref<string>) {
  const selected = shallowRef<CaseMaterial | null>(null);
  const url = ref<string | null>(null);
  const loading = ref(false);
  let sequence = 0;

  function release(): void {
    if (url.value) URL.revokeObjectURL(url.value);
    url.value = null;
  }

  async function show(material: CaseMaterial): Promise<void> {
    const own = ++sequence;
    selected.value = material;
    release();
    if (!previewKind(material.mediaType)) return;
    loading.value = true;
    try {
      const objectUrl = await casesApi.materialUrl(caseId.value, material.fileId);
      if (own === sequence) url.value = objectUrl;
      else URL.revokeObjectURL(objectUrl);
    } catch {
      // the preview stays empty; the download button still works
    } finally {
      if (own === sequence) loading.value = false;
    }
  }

  const download = (material: CaseMaterial) =>
    casesApi.downloadMaterial(caseId.value, material.fileId, material.fileName).catch(() => undefined);

  watch(caseId, () => {
    selected.value = null;
    release();
  });
  onScopeDispose(release);
  return { selected, url, loading, show, download };
}

/**
 * What a supplement request may name: the materials of the case and of the item's published guide
 * (loaded on first use), and the visible form fields.
 */
export function useSupplementOptions(
  view: Ref<CaseView | null>,
  fieldTitles: Ref<Map<string, string>>,
  fieldKeys: Ref<string[]>,
) {
  const guideMaterials = shallowRef<{ key: string; name: string }[]>([]);
  let loadedFor: string | null = null;

  async function load(): Promise<void> {
    const itemId = view.value?.itemId;
    if (!itemId || loadedFor === itemId) return;
    loadedFor = itemId;
    try {
      const guide = await catalogPublicApi.guide(itemId);
      guideMaterials.value = (guide.guide.materials ?? []).map((m) => ({ key: m.key, name: m.name }));
    } catch {
      guideMaterials.value = [];
    }
  }

  const materials = computed(() => {
    const out = new Map<string, string>();
    for (const m of view.value?.materials ?? []) out.set(m.materialKey, m.name);
    for (const m of guideMaterials.value) if (!out.has(m.key)) out.set(m.key, m.name);
    return [...out].map(([key, name]) => ({ key, name }));
  });
  const fields = computed(() =>
    fieldKeys.value.map((key) => ({ key, title: fieldTitles.value.get(key) ?? key })),
  );
  return { materials, fields, load };
}

/**
 * 打印文书 — opens a notice PDF in a new tab for printing (the tab is opened at the click, so no pop-up
 * blocker stops it); without a tab, the PDF downloads. Resolves to the problem title on failure.
 */
export async function printNotice(caseId: string, kind: NoticeKind): Promise<string | null> {
  const tab = window.open('', '_blank');
  try {
    const url = await caseNoticeUrl(caseId, kind);
    if (tab) {
      tab.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } else {
      URL.revokeObjectURL(url);
      await casesApi.downloadNotice(caseId, kind);
    }
    return null;
  } catch (error) {
    tab?.close();
    return error instanceof ApiError ? error.problem.title : String(error);
  }
}

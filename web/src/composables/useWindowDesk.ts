import { type FormSchema, validateFormData } from '@shared/catalog/forms';
import { validateIdCard } from '@shared/validation/id-card';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { type CaseView, casesApi, type RegisterAtWindowRequest } from '../api/cases';
import {
  catalogPublicApi,
  type Guide,
  type GuideMaterial,
  guideForm,
  type ItemHit,
} from '../api/catalog-public';
import { ApiError, fieldErrorsOf } from '../api/client';
import { i18n } from '../i18n';
import { displayOrder, useCatalogSituation } from './useCatalogGuide';
import { useMaterialUploads } from './useMaterialUploads';

const REGION_KEY = 'tongban.windowDesk.region';

function storedRegion(): string | undefined {
  try {
    return localStorage.getItem(REGION_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * A material the clerk must scan and upload: asked for by these answers, not optional, not paper-only and
 * supplied by the applicant (licences and shared data come from elsewhere). The server's rule, as in
 * `materialsToUpload` of the case module.
 */
export function mustUpload(material: GuideMaterial): boolean {
  return material.requirement !== 'optional' && material.media !== 'paper' && material.source === 'applicant';
}

/** 事项检索 for the window: published items of the hall's region (remembered on this computer), by name or code. */
export function useWindowItemSearch() {
  const region = ref<string | undefined>(storedRegion());
  const query = ref('');
  const hits = shallowRef<ItemHit[]>([]);
  const searching = ref(false);
  let controller: AbortController | null = null;

  async function search(): Promise<void> {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    searching.value = true;
    try {
      const page = await catalogPublicApi.search(
        { q: query.value.trim() || undefined, regionCode: region.value || undefined, limit: 8 },
        own.signal,
      );
      hits.value = page.items;
    } catch {
      if (!own.signal.aborted) hits.value = [];
    } finally {
      if (controller === own) searching.value = false;
    }
  }

  watch(region, (code) => {
    try {
      if (code) localStorage.setItem(REGION_KEY, code);
      else localStorage.removeItem(REGION_KEY);
    } catch {
      // private mode: the choice lasts for this page
    }
    void search();
  });

  return { region, query, hits, searching, search };
}

/**
 * 窗口收件 — a clerk registers a walk-in applicant's case in one screen: the item (its guide, situation
 * questions, form and materials), the applicant's identity (GB 11643 checked here as on the server), the
 * form, the scans, and 当场受理. Server problems come back keyed `formData.x`, `materials.key`,
 * `applicant.idNumber`; after registration `result` holds the case.
 */
export function useWindowDesk() {
  const guide = shallowRef<Guide | null>(null);
  const loadingGuide = ref(false);
  const situation = useCatalogSituation(guide);
  const applicant = reactive({ name: '', idNumber: '', phone: '' });
  const formData = ref<Record<string, unknown>>({});
  const uploads = useMaterialUploads();
  const acceptNow = ref(true);
  const submitting = ref(false);
  const serverErrors = ref<Record<string, string>>({});
  const result = shallowRef<CaseView | null>(null);
  /** Required materials found missing at the last submit attempt (told before the server is asked). */
  const missing = ref<string[]>([]);

  async function pick(itemId: string): Promise<void> {
    loadingGuide.value = true;
    try {
      guide.value = await catalogPublicApi.guide(itemId);
      formData.value = {};
      uploads.clear();
      serverErrors.value = {};
    } catch (error) {
      serverErrors.value = { itemId: error instanceof ApiError ? error.problem.title : String(error) };
    } finally {
      loadingGuide.value = false;
    }
  }

  function unpick(): void {
    guide.value = null;
    formData.value = {};
    uploads.clear();
    serverErrors.value = {};
    missing.value = [];
  }

  const form = computed<FormSchema | null>(() =>
    guide.value ? displayOrder(guideForm(guide.value.guide)) : null,
  );
  const needsAnswers = computed(() => situation.tree.value !== null && !situation.complete.value);
  /** The form passes the shared checks (the same the server runs) for the sections these answers select. */
  const formComplete = computed(() => {
    if (!form.value || needsAnswers.value) return !needsAnswers.value;
    const sections = situation.formSections.value;
    return (
      validateFormData(form.value, formData.value, { path: '', ...(sections ? { sections } : {}) }).length ===
      0
    );
  });

  const idCheck = computed(() => (applicant.idNumber.trim() ? validateIdCard(applicant.idNumber) : null));
  const phoneValid = computed(() => !applicant.phone.trim() || /^1\d{10}$/.test(applicant.phone.trim()));
  const applicantReady = computed(
    () => applicant.name.trim() !== '' && idCheck.value?.ok === true && phoneValid.value,
  );

  const materials = computed(() => situation.materials.value);
  const required = computed(() => materials.value.filter(mustUpload));
  const uploadedRequired = computed(
    () => required.value.filter((m) => uploads.slots.value[m.key]?.file).length,
  );

  /** Server problems of the form, keyed by field path as SchemaForm shows them. */
  const formErrors = computed(() =>
    Object.fromEntries(
      Object.entries(serverErrors.value)
        .filter(([key]) => key.startsWith('formData.'))
        .map(([key, message]) => [key.slice('formData.'.length), message]),
    ),
  );
  const materialError = (key: string) =>
    missing.value.includes(key) && !uploads.slots.value[key]?.file
      ? i18n.global.t('admin.cases.window.materialMissing')
      : (serverErrors.value[`materials.${key}`] ?? '');

  /** Whether every required scan is there; marks the missing ones. */
  function checkMaterials(): boolean {
    missing.value = required.value.filter((m) => !uploads.slots.value[m.key]?.file).map((m) => m.key);
    return missing.value.length === 0;
  }

  async function submit(): Promise<CaseView | null> {
    const current = guide.value;
    if (!current || submitting.value) return null;
    submitting.value = true;
    serverErrors.value = {};
    const keys = materials.value.map((m) => m.key);
    const body: RegisterAtWindowRequest = {
      itemId: current.id,
      applicant: {
        name: applicant.name.trim(),
        idNumber: applicant.idNumber.trim(),
        ...(applicant.phone.trim() ? { phone: applicant.phone.trim() } : {}),
      },
      formData: formData.value,
      ...(situation.tree.value ? { situationAnswers: situation.answers.value } : {}),
      materials: uploads.refs(keys),
      acceptNow: acceptNow.value,
    };
    try {
      result.value = await casesApi.registerAtWindow(body);
      return result.value;
    } catch (error) {
      serverErrors.value = fieldErrorsOf(error);
      return null;
    } finally {
      submitting.value = false;
    }
  }

  /** The next applicant: everything cleared but the item search. */
  function reset(): void {
    unpick();
    Object.assign(applicant, { name: '', idNumber: '', phone: '' });
    acceptNow.value = true;
    result.value = null;
  }

  return {
    guide,
    loadingGuide,
    situation,
    applicant,
    idCheck,
    phoneValid,
    applicantReady,
    formData,
    form,
    needsAnswers,
    formComplete,
    uploads,
    materials,
    required,
    uploadedRequired,
    acceptNow,
    submitting,
    serverErrors,
    formErrors,
    materialError,
    checkMaterials,
    result,
    pick,
    unpick,
    submit,
    reset,
  };
}

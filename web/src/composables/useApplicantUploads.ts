import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { type CaseMaterial, casesApi } from '../api/cases';
import { ApiError } from '../api/client';

/** What a material accepts (the guide's `fileTypes` and `maxSizeKb`). */
export interface UploadRule {
  key: string;
  fileTypes: readonly string[];
  maxSizeKb: number;
}

/** One file of a material: uploading, or uploaded (`fileId`); `saved` once a draft or case holds it. */
export interface UploadEntry {
  uid: string;
  name: string;
  sizeBytes: number;
  uploading: boolean;
  fileId: string | null;
  saved: boolean;
}

/** A material as the API takes it. */
export interface MaterialRef {
  materialId: string;
  fileId: string;
}

export const MAX_FILES_PER_MATERIAL = 10;

/** `jpg` and `jpeg` are one type, as are `tif` and `tiff` (as on the server). */
function normalType(extension: string): string {
  const type = extension.trim().toLowerCase().replace(/^\./, '');
  if (type === 'jpeg') return 'jpg';
  return type === 'tiff' ? 'tif' : type;
}

/** The `accept` attribute of a file input for a material (both spellings of jpg / tif). */
export function acceptOf(rule: Pick<UploadRule, 'fileTypes'>): string | undefined {
  const types = rule.fileTypes.map(normalType);
  if (types.length === 0) return undefined;
  const all = new Set(
    types.flatMap((type) => (type === 'jpg' ? ['jpg', 'jpeg'] : type === 'tif' ? ['tif', 'tiff'] : [type])),
  );
  return [...all].map((type) => `.${type}`).join(',');
}

export function sizeLimitText(kb: number): string {
  return kb >= 1024 ? `${Math.round((kb / 1024) * 10) / 10} MB` : `${kb} KB`;
}

function uid(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

/**
 * 材料上传 (applicant) — the files of each material, several per material. Each picked file is checked here
 * against the material's types and size limit first (so a wrong file never leaves the browser), then
 * uploaded; the server checks the content again and its refusal (413, 415, 422 …) shows beside the material.
 */
export function useApplicantUploads() {
  const { t } = useI18n();
  const entries = ref<Record<string, UploadEntry[]>>({});
  /** A problem per material key: a refused file, a failed upload, a missing required material. */
  const errors = ref<Record<string, string>>({});

  const uploading = computed(() =>
    Object.values(entries.value).some((list) => list.some((e) => e.uploading)),
  );

  function filesOf(key: string): UploadEntry[] {
    return entries.value[key] ?? [];
  }

  function has(key: string): boolean {
    return filesOf(key).some((entry) => entry.fileId !== null);
  }

  /** Why this file cannot be a file of this material, or null. */
  function refusal(rule: UploadRule, file: File): string | null {
    const extension = file.name.includes('.') ? (file.name.split('.').pop() ?? '') : '';
    const types = rule.fileTypes.map(normalType);
    if (types.length > 0 && !types.includes(normalType(extension)))
      return t('cases.materials.wrongType', { types: rule.fileTypes.join(' / ') });
    if (rule.maxSizeKb > 0 && file.size > rule.maxSizeKb * 1024)
      return t('cases.materials.tooLarge', { size: sizeLimitText(rule.maxSizeKb) });
    if (file.size === 0) return t('cases.materials.emptyFile');
    return null;
  }

  function patch(key: string, id: string, change: Partial<UploadEntry> | null): void {
    const list = filesOf(key);
    entries.value = {
      ...entries.value,
      [key]:
        change === null
          ? list.filter((e) => e.uid !== id)
          : list.map((e) => (e.uid === id ? { ...e, ...change } : e)),
    };
  }

  function setError(key: string, message: string | null): void {
    const next = { ...errors.value };
    if (message) next[key] = message;
    else delete next[key];
    errors.value = next;
  }

  /** Checks and uploads the picked files one by one; returns whether all of them made it. */
  async function add(rule: UploadRule, files: readonly File[]): Promise<boolean> {
    setError(rule.key, null);
    let ok = true;
    for (const file of files) {
      if (filesOf(rule.key).length >= MAX_FILES_PER_MATERIAL) {
        setError(rule.key, t('cases.materials.tooMany', { n: MAX_FILES_PER_MATERIAL }));
        return false;
      }
      const problem = refusal(rule, file);
      if (problem) {
        setError(rule.key, t('cases.materials.refused', { name: file.name, reason: problem }));
        ok = false;
        continue;
      }
      const id = uid();
      const entry: UploadEntry = {
        uid: id,
        name: file.name,
        sizeBytes: file.size,
        uploading: true,
        fileId: null,
        saved: false,
      };
      entries.value = { ...entries.value, [rule.key]: [...filesOf(rule.key), entry] };
      try {
        const uploaded = await casesApi.upload(file);
        patch(rule.key, id, {
          uploading: false,
          fileId: uploaded.id,
          name: uploaded.name,
          sizeBytes: uploaded.sizeBytes,
        });
      } catch (error) {
        patch(rule.key, id, null);
        const reason = error instanceof ApiError ? error.problem.title : t('errors.network');
        setError(rule.key, t('cases.materials.refused', { name: file.name, reason }));
        ok = false;
      }
    }
    return ok;
  }

  function remove(key: string, id: string): void {
    patch(key, id, null);
    setError(key, null);
  }

  /** The files a draft or case already holds (shown as uploaded). */
  function restore(materials: readonly CaseMaterial[]): void {
    const next: Record<string, UploadEntry[]> = {};
    for (const m of materials) {
      const entry = {
        uid: m.fileId,
        name: m.fileName,
        sizeBytes: m.sizeBytes,
        uploading: false,
        fileId: m.fileId,
        saved: true,
      };
      next[m.materialKey] = [...(next[m.materialKey] ?? []), entry];
    }
    entries.value = next;
    errors.value = {};
  }

  function markSaved(): void {
    entries.value = Object.fromEntries(
      Object.entries(entries.value).map(([key, list]) => [
        key,
        list.map((e) => ({ ...e, saved: e.fileId !== null })),
      ]),
    );
  }

  /** The uploaded files as the API takes them, of the given materials only (all when none given). */
  function refs(keys?: ReadonlySet<string>): MaterialRef[] {
    return Object.entries(entries.value).flatMap(([materialId, list]) =>
      keys && !keys.has(materialId)
        ? []
        : list.flatMap((e) => (e.fileId ? [{ materialId, fileId: e.fileId }] : [])),
    );
  }

  function reset(): void {
    entries.value = {};
    errors.value = {};
  }

  return { entries, errors, uploading, filesOf, has, add, remove, restore, markSaved, refs, setError, reset };
}

import { ref } from 'vue';
import { casesApi, type UploadedFile } from '../api/cases';
import { ApiError } from '../api/client';

/** One material slot: the uploaded file, or the upload running / refused. */
export interface MaterialSlot {
  file: UploadedFile | null;
  uploading: boolean;
  error: string | null;
}

/**
 * 材料上传 — scans uploaded by a clerk, one file per material key (a new upload replaces the old one). The
 * server checks type and size against the content; a refusal stays on the slot.
 */
export function useMaterialUploads() {
  const slots = ref<Record<string, MaterialSlot>>({});

  async function upload(key: string, file: File): Promise<void> {
    slots.value[key] = { file: slots.value[key]?.file ?? null, uploading: true, error: null };
    try {
      const uploaded = await casesApi.upload(file);
      slots.value[key] = { file: uploaded, uploading: false, error: null };
    } catch (error) {
      slots.value[key] = {
        file: null,
        uploading: false,
        error: error instanceof ApiError ? error.problem.title : String(error),
      };
    }
  }

  function remove(key: string): void {
    delete slots.value[key];
  }

  function clear(): void {
    slots.value = {};
  }

  /** As the API takes them: `[{ materialId, fileId }]` for the keys given (all when none). */
  function refs(keys?: readonly string[]): { materialId: string; fileId: string }[] {
    return Object.entries(slots.value).flatMap(([materialId, slot]) =>
      slot.file && (!keys || keys.includes(materialId)) ? [{ materialId, fileId: slot.file.id }] : [],
    );
  }

  const uploading = () => Object.values(slots.value).some((s) => s.uploading);

  return { slots, upload, remove, clear, refs, uploading };
}

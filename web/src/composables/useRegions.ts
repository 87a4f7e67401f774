import { ref, shallowRef } from 'vue';
import { fieldErrorsOf } from '../api/client';
import { regionsApi } from '../api/resources';
import type { RegionDetail, RegionImportRequest, RegionImportResult, RegionNode } from '../api/types';

const PAGE = 200;

/** 行政区划: children of a node (all pages), and the details of the selected region. */
export function useRegions() {
  const selected = shallowRef<RegionDetail | null>(null);
  const detailLoading = ref(false);

  /** Children of `parentCode`, or the provinces when null. Resolves to [] on error (already shown). */
  async function children(parentCode: string | null): Promise<RegionNode[]> {
    const items: RegionNode[] = [];
    let cursor: string | null = null;
    try {
      do {
        const page = await regionsApi.children(parentCode, PAGE, cursor);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
    } catch {
      // the client already told the user
    }
    return items;
  }

  async function select(code: string): Promise<void> {
    detailLoading.value = true;
    try {
      selected.value = await regionsApi.get(code);
    } catch {
      selected.value = null;
    } finally {
      detailLoading.value = false;
    }
  }

  return { children, selected, detailLoading, select };
}

/** Imports provinces from the bundled national code table. */
export function useRegionImport() {
  const importing = ref(false);
  const result = shallowRef<RegionImportResult | null>(null);
  const errors = ref<Record<string, string>>({});

  async function run(request: RegionImportRequest): Promise<boolean> {
    importing.value = true;
    result.value = null;
    try {
      result.value = await regionsApi.import(request);
      errors.value = {};
      return true;
    } catch (error) {
      errors.value = fieldErrorsOf(error);
      return false;
    } finally {
      importing.value = false;
    }
  }

  return { importing, result, errors, run };
}

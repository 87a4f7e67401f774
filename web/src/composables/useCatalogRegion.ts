import { readonly, ref } from 'vue';

/**
 * 所在地区 — the region the visitor browses the catalogue for. Items are visible in their own region and in
 * every region below it, so searches send this code and see only what applies there. One region for the
 * whole app (portal and mobile), kept in localStorage; 海南省 until the visitor picks another.
 */
export interface CatalogRegion {
  code: string;
  /** Full name from the province down, e.g. `海南省 / 海口市`. */
  name: string;
}

const STORAGE_KEY = 'tongban.region';
export const DEFAULT_REGION: CatalogRegion = { code: '460000', name: '海南省' };

function isRegion(value: unknown): value is CatalogRegion {
  if (typeof value !== 'object' || value === null) return false;
  const { code, name } = value as Record<string, unknown>;
  return typeof code === 'string' && /^\d{6}(\d{3}(\d{3})?)?$/.test(code) && typeof name === 'string';
}

function stored(): CatalogRegion {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return isRegion(parsed) ? parsed : DEFAULT_REGION;
  } catch {
    return DEFAULT_REGION;
  }
}

const region = ref<CatalogRegion>(stored());

export function useCatalogRegion() {
  function setRegion(next: CatalogRegion): void {
    region.value = { code: next.code, name: next.name };
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(region.value));
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
  return { region: readonly(region), setRegion };
}

/** The last part of a full region name: `海南省 / 海口市` → `海口市`. */
export function shortRegionName(name: string): string {
  return name.split(' / ').at(-1) ?? name;
}

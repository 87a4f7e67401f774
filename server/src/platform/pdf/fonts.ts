import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit, { type Font } from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';
import { padGlyphRecords } from './ttf.js';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

/** The weights documents use: body text in Regular, titles in Bold (公文 titles are set in a heavy Song face). */
export type FontWeight = 'regular' | 'bold';

/**
 * Noto Serif SC (Google's build of Source Han Serif SC, 思源宋体), SIL OFL 1.1, static TTF instances shipped by
 * the npm package @expo-google-fonts/noto-serif-sc. Each file covers all 6,763 GB2312 hanzi, the whole CJK Unified
 * Ideographs block and most of Extension A; it has almost nothing of Extension B and no emoji.
 */
const FONT_FILES: Record<FontWeight, string> = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
};

/** PDF subset fonts are named TAG+PostScriptName with a six-letter tag; a fixed tag keeps output reproducible. */
const SUBSET_NAMES: Record<FontWeight, string> = {
  regular: 'TBSERR+NotoSerifSC-Regular',
  bold: 'TBSERB+NotoSerifSC-Bold',
};

export interface LoadedFont {
  weight: FontWeight;
  /** The TTF file; pdf-lib is handed these bytes and maps them back to `font` (see `cachedFontkit`). */
  bytes: Uint8Array;
  font: Font;
  subsetName: string;
  /** Milliseconds spent reading and parsing the file. */
  loadMs: number;
}

const require = createRequire(import.meta.url);
const loading = new Map<FontWeight, Promise<LoadedFont>>();
const parsedByBytes = new WeakMap<Uint8Array, Font>();

/** Absolute path of the font file, resolved through node_modules so it works from src/ and dist/ alike. */
export function fontPath(weight: FontWeight): string {
  return require.resolve(FONT_FILES[weight]);
}

async function load(weight: FontWeight): Promise<LoadedFont> {
  const started = performance.now();
  // See ttf.ts: without the padding @pdf-lib/fontkit writes subsets in which some glyphs print blank.
  const bytes = padGlyphRecords(await readFile(fontPath(weight)));
  const font = fontkit.create(bytes);
  // The first layout reads the cmap and the OpenType layout tables; do it here rather than in the first document.
  font.layout('通办 Tongban 2026');
  parsedByBytes.set(bytes, font);
  return { weight, bytes, font, subsetName: SUBSET_NAMES[weight], loadMs: performance.now() - started };
}

/**
 * The font of one weight, read and parsed once per process on first use (about 15 MB each).
 * Reading, padding (ttf.ts), parsing and a first layout take about 150 ms per
 * weight on one core. A failed load is forgotten so that the next call tries again.
 */
export function loadFont(weight: FontWeight): Promise<LoadedFont> {
  let pending = loading.get(weight);
  if (!pending) {
    pending = load(weight);
    loading.set(weight, pending);
    pending.catch(() => loading.delete(weight));
  }
  return pending;
}

/**
 * What `PDFDocument.registerFontkit` is given: pdf-lib calls `create(bytes)` on every `embedFont`, which would
 * parse the 15 MB file again for each document. Bytes we loaded map to the font already parsed; the parsed font
 * holds only caches, and pdf-lib keeps the per-document subset state in its own objects, so sharing it is safe.
 */
export const cachedFontkit: Fontkit = {
  create(bytes: Uint8Array, postscriptName?: string): Font {
    return parsedByBytes.get(bytes) ?? fontkit.create(bytes, postscriptName);
  },
};

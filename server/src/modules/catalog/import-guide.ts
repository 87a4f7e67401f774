import type { Fee, ItemGuide, Material } from './guide-schema.js';

type HandlingMode = NonNullable<ItemGuide['mode']>;

/**
 * A guide as spreadsheet cells and back: one record for the 实施清单 row (keys of `itemColumns`), one per
 * material and one per fee (keys of `materialColumns` / `feeColumns`). Absent elements stay absent both
 * ways, so `guideOf(cellsOf(g))` gives `g` back.
 */
export type Cells = Record<string, unknown>;

export interface GuideCells {
  item: Cells;
  materials: Cells[];
  fees: Cells[];
}

export function cellsOf(guide: ItemGuide): GuideCells {
  const mode = guide.mode;
  const item: Cells = {
    name: guide.name,
    aliases: guide.aliases,
    implementingBody: guide.implementingBody,
    objectType: guide.objectType,
    handlingType: guide.handlingType,
    statutoryDays: guide.statutoryDays,
    committedDays: guide.committedDays,
    legalBasis: guide.legalBasis,
    conditions: guide.conditions,
    steps: guide.steps,
    charged: guide.charged,
    places: guide.places,
    visits: guide.visits,
    onlineDepth: guide.onlineDepth,
    appointment: guide.appointment,
    delivery: guide.delivery,
    hallRequired: guide.hallRequired,
    resultType: guide.result?.type,
    resultName: guide.result?.name,
    resultLicenceType: guide.result?.licenceTypeCode,
    resultSample: guide.result?.sampleFile,
    consultation: guide.consultation,
    complaint: guide.complaint,
    handlingScope: guide.handlingScope ?? undefined,
    themes: guide.themes,
    mode: mode?.kind,
    commitmentText: mode?.kind === 'commitment' ? mode.commitmentText : undefined,
    publicationDays: mode?.kind === 'commitment' ? mode.publicationDays : undefined,
    autonomy: mode?.kind === 'instant' ? mode.autonomy : undefined,
    rules: mode?.kind === 'instant' ? mode.rules : undefined,
    form: guide.form ?? undefined,
    situations: guide.situations ?? undefined,
    notes: guide.notes,
  };
  const materials = (guide.materials ?? []).map((m): Cells => ({ ...m }));
  const fees = (guide.fees ?? []).map((f): Cells => ({ ...f, amount: f.amountFen, amountFen: undefined }));
  return { item, materials, fees };
}

/** The guide a row describes; `undefined` members are left out. Shapes are checked afterwards (schema). */
export function guideOf({ item, materials, fees }: GuideCells): ItemGuide {
  const v = item as Record<string, never>;
  const result =
    v.resultType !== undefined || v.resultName !== undefined
      ? prune({
          type: v.resultType,
          name: v.resultName ?? '',
          licenceTypeCode: v.resultLicenceType,
          sampleFile: v.resultSample,
        })
      : undefined;
  const guide = {
    name: v.name,
    aliases: v.aliases,
    implementingBody: v.implementingBody,
    objectType: v.objectType,
    handlingType: v.handlingType,
    statutoryDays: v.statutoryDays,
    committedDays: v.committedDays,
    legalBasis: v.legalBasis,
    conditions: v.conditions,
    materials: materials.map((m, i) => materialOf(m, i)),
    steps: v.steps,
    charged: v.charged,
    fees: fees.map((f, i) => feeOf(f, i)),
    places: v.places,
    visits: v.visits,
    onlineDepth: v.onlineDepth,
    appointment: v.appointment,
    delivery: v.delivery,
    hallRequired: v.hallRequired,
    result,
    consultation: v.consultation,
    complaint: v.complaint,
    handlingScope: v.handlingScope ?? null,
    themes: v.themes,
    mode: modeOf(item),
    form: v.form,
    situations: v.situations,
    notes: v.notes,
  };
  if (!materials.length) delete (guide as Partial<typeof guide>).materials;
  if (!fees.length) delete (guide as Partial<typeof guide>).fees;
  return prune(guide) as ItemGuide;
}

function modeOf(item: Cells): HandlingMode | undefined {
  switch (item.mode) {
    case 'ordinary':
      return { kind: 'ordinary' };
    case 'commitment':
      return {
        kind: 'commitment',
        commitmentText: (item.commitmentText as string | undefined) ?? '',
        publicationDays: (item.publicationDays as number | undefined) ?? 0,
      };
    case 'instant':
      return prune({
        kind: 'instant',
        rules: item.rules,
        autonomy: item.autonomy as 'auto' | 'assisted',
      }) as HandlingMode;
    default:
      return undefined;
  }
}

function materialOf(m: Cells, i: number): Material {
  return prune({
    ...m,
    key: m.key ?? `material${i + 1}`,
    fileTypes: m.fileTypes ?? [],
  }) as unknown as Material;
}

function feeOf(f: Cells, i: number): Fee {
  const { amount, ...rest } = f;
  return prune({ ...rest, key: f.key ?? `fee${i + 1}`, amountFen: amount }) as unknown as Fee;
}

/** Drops `undefined` members (and the row key, which is not part of the guide). */
function prune<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([key, member]) => member !== undefined && key !== 'rowKey'),
  ) as T;
}

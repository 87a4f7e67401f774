import { basicCode } from '../modules/catalog/codes.js';
import type { ItemGuide } from '../modules/catalog/guide-schema.js';
import type { ItemType, ObjectType } from '../modules/catalog/vocabulary.js';

/** A basic catalogue item of the demo, with a fixed code so reloading finds it again. */
export interface DemoBasic {
  code: string;
  name: string;
  itemType: ItemType;
  objectType: ObjectType;
  legalBasis: string;
  departmentType: string;
  levels: ('province' | 'city' | 'county')[];
  aliases?: string[];
}

/** An implementation list of the demo: a basic item published by a demo department (by its code). */
export interface DemoItem {
  basic: DemoBasic;
  department: string;
  guide: ItemGuide;
}

export function basic(
  itemType: ItemType,
  serial: number,
  name: string,
  rest: Omit<DemoBasic, 'code' | 'name' | 'itemType'>,
): DemoBasic {
  return { code: basicCode(itemType, serial), name, itemType, ...rest };
}

import { describe, expect, it } from 'vitest';
import { demoItems } from '../../demo/catalog-demo.js';
import { newbornBundle } from '../../demo/catalog-demo-bundle.js';
import { checkBundle } from './bundle-rules.js';
import { checkGuide } from './guide-rules.js';

describe('demo catalogue', () => {
  it('has at least 30 complete guides that pass publication', () => {
    expect(demoItems.length).toBeGreaterThanOrEqual(30);
    for (const item of demoItems)
      expect(
        checkGuide({ name: item.basic.name, implementingBody: item.department, ...item.guide }),
        item.basic.name,
      ).toEqual([]);
  });

  it('has situations, a 秒批 item, a 告知承诺 item and unique basic codes', () => {
    expect(demoItems.filter((i) => i.guide.situations).length).toBeGreaterThanOrEqual(5);
    expect(demoItems.filter((i) => i.guide.mode?.kind === 'instant').map((i) => i.basic.name)).toEqual([
      '护士执业注册',
    ]);
    expect(demoItems.filter((i) => i.guide.mode?.kind === 'commitment').map((i) => i.basic.name)).toEqual([
      '公共场所卫生许可',
    ]);
    const byCode = new Map(demoItems.map((i) => [i.basic.code, i.basic.name]));
    for (const item of demoItems) expect(byCode.get(item.basic.code)).toBe(item.basic.name);
  });

  it('maps the newborn bundle onto fields its members have', () => {
    const facts = new Map(
      newbornBundle.members.map((m) => {
        const item = demoItems.find((i) => i.basic.code === m.basicCode && i.department === m.department)!;
        return [m.basicCode, { published: true, form: item.guide.form }];
      }),
    );
    const members = newbornBundle.members.map((m) => ({ itemId: m.basicCode, fieldMap: m.fieldMap }));
    expect(checkBundle({ ...newbornBundle, members }, facts)).toEqual([]);
  });
});

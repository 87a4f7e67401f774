import { describe, expect, it } from 'vitest';
import { diffGuides } from './diff.js';
import { aGuide } from './testing/builders.js';

describe('diffGuides', () => {
  it('names changed elements and materials and fees added, removed or changed by key', () => {
    const before = aGuide();
    const after = aGuide({
      committedDays: 2,
      themes: ['certificates', 'household'],
      materials: [{ ...before.materials![0]!, copies: 3, notes: '原件' }],
      fees: [...before.fees!, { key: 'post', name: '邮费', amountFen: 1200, basis: '快递' }],
    });
    expect(diffGuides(before, after)).toEqual({
      changes: [
        { field: 'committedDays', before: 5, after: 2 },
        { field: 'themes', before: ['certificates'], after: ['certificates', 'household'] },
      ],
      materials: {
        added: [],
        removed: [{ key: 'proof', name: '证明材料' }],
        changed: [{ key: 'idCard', name: '居民身份证', fields: ['copies', 'notes'] }],
      },
      fees: { added: [{ key: 'post', name: '邮费' }], removed: [], changed: [] },
    });
  });

  it('finds nothing between equal guides, whatever the key order', () => {
    const guide = aGuide();
    const reordered = Object.fromEntries(Object.entries(guide).reverse());
    expect(diffGuides(guide, reordered)).toEqual({
      changes: [],
      materials: { added: [], removed: [], changed: [] },
      fees: { added: [], removed: [], changed: [] },
    });
  });
});

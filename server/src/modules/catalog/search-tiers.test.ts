import { describe, expect, it } from 'vitest';
import { loadCatalogDemoNow } from '../../demo/catalog-demo.js';
import { startTestApp } from '../../test/test-app.js';
import { catalogClient } from './testing/api.js';

const { app, db, services } = await startTestApp();
await loadCatalogDemoNow(db, services);
const citizen = catalogClient(app);

interface Hit {
  id: string;
  name: string;
}

async function allPages(q: string, limit: number, regionCode?: string): Promise<Hit[]> {
  const hits: Hit[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ q, limit: String(limit), ...(regionCode ? { regionCode } : {}) });
    if (cursor) query.set('cursor', cursor);
    const response = await citizen.get(`/items?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: Hit[]; nextCursor: string | null };
    hits.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return hits;
}

describe('search tiers', () => {
  it('lists names starting with the words first and matches outside the name and aliases last', async () => {
    const hits = await allPages('登记', 100);
    const starts = hits.map((hit) => hit.name.startsWith('登记'));
    expect(starts).toEqual([...starts].sort((a, b) => Number(b) - Number(a)));
    expect(hits.findIndex((hit) => hit.name.includes('登记'))).toBeLessThan(hits.length - 1);
    // the last hit carries the word outside its name and aliases (materials, steps, conditions …)
    expect(hits.at(-1)!.name).not.toContain('登记');
  });

  it('pages across tiers without losing or repeating an item, nationwide and in a region', async () => {
    for (const [q, region] of [
      ['登记', undefined],
      ['证明', undefined],
      ['护士', '460105'],
      ['登记', '460106'],
    ] as const) {
      const whole = await allPages(q, 100, region);
      const paged = await allPages(q, 3, region);
      expect(paged.map((h) => h.id)).toEqual(whole.map((h) => h.id));
      expect(new Set(paged.map((h) => h.id)).size).toBe(paged.length);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { loadCatalogDemoNow } from '../../demo/catalog-demo.js';
import { startTestApp } from '../../test/test-app.js';
import { catalogClient } from './testing/api.js';

const { app, db, services } = await startTestApp();
await loadCatalogDemoNow(db, services);
const anonymous = catalogClient(app);

async function itemCode(name: string): Promise<string> {
  const hits = (await anonymous.get(`/items?q=${encodeURIComponent(name)}`)).json().items;
  return hits.find((hit: { name: string }) => hit.name === name).code;
}

async function evaluate(name: string, answers: Record<string, unknown>) {
  const response = await anonymous.post(`/items/${await itemCode(name)}/situation`, { answers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const keys = (list: { key: string }[]) => list.map((entry) => entry.key);

describe('情形引导 (public)', () => {
  it('asks the first question and lists only what always applies', async () => {
    const outcome = await evaluate('居民身份证换领、补领', {});
    expect(outcome).toMatchObject({
      complete: false,
      nextQuestion: 'reason',
      path: ['reason'],
      totalFeeFen: 0,
    });
    expect(outcome.question.options.map((o: { value: string }) => o.value)).toEqual([
      'expired',
      'damaged',
      'lost',
    ]);
    expect(keys(outcome.materials)).toEqual(['household']);
    expect(outcome.fees).toEqual([]);
  });

  it('selects the materials and fees of the answers: a lost card needs a statement and costs 40 yuan', async () => {
    const lost = await evaluate('居民身份证换领、补领', { reason: 'lost' });
    expect(lost).toMatchObject({ complete: true, nextQuestion: null, problems: [], totalFeeFen: 4000 });
    expect(keys(lost.materials)).toEqual(['household', 'lossStatement']);
    expect(keys(lost.fees)).toEqual(['reissueFee']);
    expect(lost.materials[0]).toMatchObject({ source: 'licence', reusableLicence: true });
    const expired = await evaluate('居民身份证换领、补领', { reason: 'expired' });
    expect(expired.totalFeeFen).toBe(2000);
    expect(keys(expired.materials)).toEqual(['household', 'oldCard']);
  });

  it('follows a two-question path and selects form sections', async () => {
    const food = await evaluate('食品经营许可', { kind: 'catering', cold: 'yes' });
    expect(food.path).toEqual(['kind', 'cold']);
    expect(keys(food.materials)).toEqual(expect.arrayContaining(['catering', 'coldChain']));
    const company = await evaluate('企业设立登记', { type: 'llc' });
    expect(company.formSections).toEqual(['shareholders']);
    const sole = await evaluate('企业设立登记', { type: 'sole' });
    expect(sole.formSections).toEqual([]);
    expect(keys(sole.materials)).toContain('investorDeclaration');
  });

  it('reports wrong answers as problems and keeps asking', async () => {
    const wrong = await evaluate('居民身份证换领、补领', { reason: 'stolen', other: 'x' });
    expect(wrong.complete).toBe(false);
    expect(wrong.nextQuestion).toBe('reason');
    expect(wrong.problems.map((p: { code: string }) => p.code)).toEqual(
      expect.arrayContaining(['SITUATION_UNKNOWN_OPTION', 'SITUATION_UNKNOWN_QUESTION']),
    );
  });

  it('answers an item without situations with every material that is not conditional', async () => {
    const marriage = await evaluate('结婚登记', {});
    expect(marriage).toMatchObject({ complete: true, nextQuestion: null, question: null });
    expect(keys(marriage.materials)).toEqual(['idCards', 'household', 'photos']);
  });

  it('404s an unknown item', async () => {
    const response = await anonymous.post('/items/NOPE/situation', { answers: {} });
    expect(response.json().code).toBe('CATALOG_ITEM_NOT_FOUND');
  });
});

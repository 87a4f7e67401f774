import { describe, expect, it } from 'vitest';
import { loadCatalogDemoNow } from '../../demo/catalog-demo.js';
import { idCardCheckChar } from '../../shared/validation/id-card.js';
import { startTestApp } from '../../test/test-app.js';
import { catalogClient } from './testing/api.js';

const { app, db, services } = await startTestApp();
await loadCatalogDemoNow(db, services);
const anonymous = catalogClient(app);
const code = (
  await db
    .selectFrom('catalog_search_entries')
    .select('code')
    .where('name', '=', '医师执业注册')
    .executeTakeFirstOrThrow()
).code;

const idBody = '46010019900101001';
const application = {
  applicantName: '张三',
  applicantIdNumber: `${idBody}${idCardCheckChar(idBody)}`,
  applicantPhone: '13800000001',
  registrationKind: 'change',
  qualificationNumber: '110460100000001',
  practiceCategory: 'clinical',
  institution: '海口市人民医院',
};

async function check(answers: Record<string, unknown>, data: Record<string, unknown>) {
  const response = await anonymous.post(`/items/${code}/form-check`, { answers, data });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('server-side check of an application form (the validator the browser runs)', () => {
  it('accepts a complete application for the sections the answers select', async () => {
    const result = await check({ kind: 'first' }, application);
    expect(result).toMatchObject({ valid: true, problems: [], formSections: [] });
  });

  it('requires the questionnaire first, and checks the fields of a section an answer selects', async () => {
    const incomplete = await check({}, application);
    expect(incomplete.valid).toBe(false);
    expect(incomplete.problems.map((p: { code: string }) => p.code)).toContain('SITUATION_INCOMPLETE');

    // 变更注册 selects the 变更信息 section: its field is accepted there, refused without it (next test)
    const change = await check({ kind: 'change' }, { ...application, previousInstitution: '原医院' });
    expect(change).toMatchObject({ valid: true, formSections: ['change'] });
    const tooLong = await check(
      { kind: 'change' },
      { ...application, previousInstitution: '院'.repeat(201) },
    );
    expect(tooLong.problems).toEqual([
      expect.objectContaining({ path: 'data.previousInstitution', code: 'FIELD_TOO_LONG' }),
    ]);
  });

  it('names every bad field: a wrong ID check digit, an unknown option, a field of an unselected section', async () => {
    const result = await check(
      { kind: 'first' },
      {
        ...application,
        applicantIdNumber: `${idBody}${idCardCheckChar(idBody) === '0' ? '1' : '0'}`,
        practiceCategory: 'surgery',
        previousInstitution: '原医院',
      },
    );
    expect(result.valid).toBe(false);
    expect(result.problems.map((p: { path: string; code: string }) => `${p.path} ${p.code}`).sort()).toEqual([
      'data.applicantIdNumber FIELD_ID_NUMBER_INVALID',
      'data.practiceCategory FIELD_NOT_IN_OPTIONS',
      'data.previousInstitution FIELD_NOT_APPLICABLE',
    ]);
  });

  it('answers 404 for an item that is not published', async () => {
    const response = await anonymous.post('/items/NOPE/form-check', { answers: {}, data: {} });
    expect(response.statusCode).toBe(404);
  });
});

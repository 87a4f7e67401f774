import { describe, expect, it } from 'vitest';
import { loadCatalogDemoNow } from '../../demo/catalog-demo.js';
import { DEMO_PASSWORD } from '../../demo/demo-data.js';
import { type FormSchema, formFields, pinFieldOrder } from '../../shared/catalog/forms.js';
import { signIn, startTestApp } from '../../test/test-app.js';
import { aBasicItem, aDraft, catalogClient, departmentId } from './testing/api.js';

const { app, db, services } = await startTestApp();
await loadCatalogDemoNow(db, services);
const author = catalogClient(app, await signIn(app, 'itemadmin', DEMO_PASSWORD));

// keys deliberately not in alphabetical order: jsonb would store them as "age, name, zeta"
const form: FormSchema = {
  type: 'object',
  properties: {
    zeta: { title: '最后的问题', 'x-kind': 'text', type: 'string' },
    name: { title: '姓名', 'x-kind': 'text', type: 'string' },
    members: {
      title: '家庭成员',
      'x-kind': 'table',
      type: 'array',
      items: {
        type: 'object',
        properties: {
          relation: { title: '关系', 'x-kind': 'text', type: 'string' },
          age: { title: '年龄', 'x-kind': 'number', type: 'integer' },
        },
      },
    },
  },
  required: ['zeta'],
};

describe('form field order', () => {
  it('pins the declaration order, also of table rows, and keeps a given order', () => {
    const pinned = pinFieldOrder(form);
    expect(pinned['x-order']).toEqual(['zeta', 'name', 'members']);
    expect((pinned.properties.members!.items as FormSchema)['x-order']).toEqual(['relation', 'age']);
    expect(pinFieldOrder({ ...form, 'x-order': ['name'] })['x-order']).toEqual(['name']);
    expect(pinFieldOrder('not a form')).toBe('not a form');
  });

  it('survives storage in jsonb: the stored draft renders fields in the order they were written', async () => {
    const basic = await aBasicItem(author);
    const draft = await aDraft(author, basic.id, await departmentId(db, 'HK-WJW'), {
      form,
      situations: undefined,
    });
    const stored = await author.get(`/admin/versions/${draft.id}`);
    expect(stored.statusCode, stored.body).toBe(200);
    const keys = formFields(stored.json().guide.form as FormSchema).map((f) => f.key);
    expect(keys).toEqual(['zeta', 'name', 'members']);
  });
});

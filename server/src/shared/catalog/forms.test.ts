import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../validation/id-card.js';
import { USCC_ALPHABET, usccCheckChar } from '../validation/uscc.js';
import {
  type FieldSchema,
  type FormSchema,
  fieldOptions,
  formFields,
  isEmptyValue,
  prefillValues,
  validateFormData,
  validateFormDefinition,
} from './forms.js';

const TODAY = new Date('2026-11-23T04:00:00Z');

// —— builders ———————————————————————————————————————————————————————————————————————————————————————————

const text = (title: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({
  title,
  'x-kind': 'text',
  type: 'string',
  ...extra,
});
const aFile = (name = 'certificate.pdf', extra: Record<string, unknown> = {}) => ({
  fileId: `file-${name}`,
  name,
  sizeKb: 300,
  type: name.endsWith('.pdf') ? 'application/pdf' : 'image/jpeg',
  ...extra,
});

/** The form of 新生儿出生"一件事": the child, the parents, then sections the situation answers select. */
const newbornForm: FormSchema = {
  type: 'object',
  title: '新生儿出生一件事',
  'x-sections': [
    { key: 'child', title: '新生儿信息' },
    { key: 'insurance', title: '医保参保' },
    { key: 'card', title: '社保卡申领' },
    { key: 'delivery', title: '证件邮寄' },
  ],
  properties: {
    childName: text('新生儿姓名', {
      'x-section': 'child',
      minLength: 2,
      maxLength: 10,
      pattern: '^\\p{Script=Han}+$',
    }),
    birthDate: {
      title: '出生日期',
      'x-kind': 'date',
      'x-section': 'child',
      type: 'string',
      format: 'date',
      formatMinimum: '2025-01-01',
      formatMaximum: '2026-12-31',
    },
    sex: {
      title: '性别',
      'x-kind': 'select',
      type: 'string',
      enum: ['male', 'female'],
      'x-enum-labels': ['男', '女'],
    },
    weightKg: { title: '出生体重（千克）', 'x-kind': 'number', type: 'number', minimum: 0.5, maximum: 8 },
    birthPlace: { title: '出生地', 'x-kind': 'region', type: 'string' },
    motherName: text('母亲姓名', { 'x-prefill': { source: 'applicant', path: 'name' } }),
    motherIdNumber: {
      title: '母亲身份证号',
      'x-kind': 'idNumber',
      type: 'string',
      'x-prefill': { source: 'applicant', path: 'idNumber' },
    },
    phone: {
      title: '联系电话',
      'x-kind': 'phone',
      type: 'string',
      'x-prefill': { source: 'applicant', path: 'phone' },
    },
    guardians: {
      title: '监护人',
      'x-kind': 'table',
      type: 'array',
      minItems: 1,
      maxItems: 2,
      items: {
        type: 'object',
        properties: {
          name: text('姓名', { maxLength: 20 }),
          idNumber: { title: '身份证号', 'x-kind': 'idNumber', type: 'string' },
          relation: {
            title: '关系',
            'x-kind': 'select',
            type: 'string',
            enum: ['father', 'mother', 'other'],
          },
        },
        required: ['name', 'idNumber'],
      },
    },
    birthCertificate: {
      title: '出生医学证明',
      'x-kind': 'attachment',
      type: 'array',
      'x-accept': ['.pdf', 'image/*'],
      'x-max-size-kb': 2048,
      'x-max-files': 2,
    },
    insuranceType: {
      title: '参保类型',
      'x-kind': 'select',
      'x-section': 'insurance',
      type: 'string',
      enum: ['resident', 'dependent'],
    },
    services: {
      title: '同时办理',
      'x-kind': 'multiselect',
      'x-section': 'card',
      type: 'array',
      items: { type: 'string', enum: ['bankCard', 'transitCard'] },
      'x-enum-labels': ['金融功能', '交通功能'],
      maxItems: 2,
    },
    deliveryAddress: {
      title: '邮寄地址',
      'x-kind': 'address',
      'x-section': 'delivery',
      type: 'string',
      maxLength: 100,
      'x-prefill': { source: 'applicant', path: 'address.detail' },
    },
  },
  required: [
    'childName',
    'birthDate',
    'sex',
    'motherName',
    'motherIdNumber',
    'phone',
    'guardians',
    'insuranceType',
  ],
  'x-order': ['motherName', 'motherIdNumber', 'phone'],
};

const validNewborn = () => ({
  childName: '王小明',
  birthDate: '2026-10-01',
  sex: 'male',
  weightKg: 3.4,
  birthPlace: '460106',
  motherName: '李芳',
  motherIdNumber: '11010519491231002X',
  phone: '13800138000',
  guardians: [{ name: '王强', idNumber: '460106199001010017', relation: 'father' }],
  birthCertificate: [aFile()],
  insuranceType: 'resident',
  services: ['bankCard'],
  deliveryAddress: '海南省海口市龙华区滨海大道 1 号',
});

const codesAt = (problems: { path: string; code: string }[]) =>
  problems.map(({ path, code }) => [path, code]);

// —— definitions ———————————————————————————————————————————————————————————————————————————————————————

describe('form definitions', () => {
  it('accepts the newborn form', () => {
    expect(validateFormDefinition(newbornForm)).toEqual([]);
  });

  it('lists every problem of a broken definition', () => {
    const broken = {
      type: 'object',
      'x-sections': [
        { key: 'a', title: 'A' },
        { key: 'a', title: '' },
      ],
      properties: {
        name: {
          title: 'Name',
          'x-kind': 'text',
          type: 'string',
          minLength: 5,
          maxLength: 2,
          pattern: '([a-z',
        },
        age: { title: 'Age', 'x-kind': 'number', type: 'string', maxlength: 3 },
        colour: { title: 'Colour', 'x-kind': 'select', type: 'string', 'x-section': 'b' },
        size: {
          title: 'Size',
          'x-kind': 'select',
          type: 'string',
          enum: ['s', 'm', 's'],
          'x-enum-labels': ['S'],
        },
        rows: {
          title: 'Rows',
          'x-kind': 'table',
          type: 'array',
          items: {
            type: 'object',
            properties: {
              inner: {
                title: 'Inner',
                'x-kind': 'table',
                type: 'array',
                items: { type: 'object', properties: {} },
              },
              cell: text('Cell', { 'x-section': 'a' }),
            },
          },
        },
        list: { title: 'List', 'x-kind': 'table', type: 'array' },
        gadget: { title: '', 'x-kind': 'slider', type: 'number' },
        born: { title: 'Born', 'x-kind': 'date', type: 'string', formatMinimum: '2024-02-30', enum: ['x'] },
        licence: text('Licence no.', { 'x-prefill': { source: 'licence', path: '' } }),
        ref: text('Ref', { 'x-prefill': { source: 'registry', path: 'a..b' } as never }),
        scan: { title: 'Scan', 'x-kind': 'attachment', type: 'array', 'x-accept': ['pdf'], 'x-max-files': 0 },
        'bad-key': text('Bad'),
      },
      required: ['name', 'ghost', 'name'],
      'x-order': ['size', 7],
      colour: 'blue',
    };
    expect(codesAt(validateFormDefinition(broken))).toEqual([
      ['form.colour', 'FORM_UNKNOWN_KEYWORD'],
      ['form.x-sections.1.key', 'FORM_DUPLICATE_SECTION'],
      ['form.x-sections.1.title', 'FORM_EMPTY_TITLE'],
      ['form.properties.name.pattern', 'FORM_INVALID_PATTERN'],
      ['form.properties.name.maxLength', 'FORM_MIN_GREATER_THAN_MAX'],
      ['form.properties.age.maxlength', 'FORM_UNKNOWN_KEYWORD'],
      ['form.properties.age.type', 'FORM_KIND_TYPE_MISMATCH'],
      ['form.properties.colour.x-section', 'FORM_UNKNOWN_SECTION'],
      ['form.properties.colour.enum', 'FORM_ENUM_REQUIRED'],
      ['form.properties.size.enum.2', 'FORM_DUPLICATE_OPTION'],
      ['form.properties.size.x-enum-labels', 'FORM_ENUM_LABELS_LENGTH'],
      ['form.properties.rows.items.properties.inner.x-kind', 'FORM_NESTED_TABLE'],
      ['form.properties.rows.items.properties.cell.x-section', 'FORM_KEYWORD_NOT_APPLICABLE'],
      ['form.properties.list.items', 'FORM_TABLE_ITEMS_REQUIRED'],
      ['form.properties.gadget.title', 'FORM_EMPTY_TITLE'],
      ['form.properties.gadget.x-kind', 'FORM_UNKNOWN_FIELD_TYPE'],
      ['form.properties.born.enum', 'FORM_KEYWORD_NOT_APPLICABLE'],
      ['form.properties.born.formatMinimum', 'FORM_INVALID_DATE'],
      ['form.properties.licence.x-prefill.path', 'FORM_PREFILL_PATH_EMPTY'],
      ['form.properties.licence.x-prefill.licenceType', 'FORM_PREFILL_LICENCE_TYPE_REQUIRED'],
      ['form.properties.ref.x-prefill.source', 'FORM_INVALID_PREFILL'],
      ['form.properties.ref.x-prefill.path', 'FORM_PREFILL_PATH_EMPTY'],
      ['form.properties.scan.x-max-files', 'FORM_INVALID_BOUND'],
      ['form.properties.scan.x-accept.0', 'FORM_INVALID_ACCEPT'],
      ['form.properties.bad-key', 'FORM_INVALID_KEY'],
      ['form.required.1', 'FORM_UNKNOWN_FIELD'],
      ['form.required.2', 'FORM_DUPLICATE_KEY'],
      ['form.x-order.1', 'FORM_MALFORMED'],
    ]);
  });

  it('checks multiselect options wherever they are written', () => {
    const multiselect = (extra: Partial<FieldSchema>): FormSchema => ({
      type: 'object',
      properties: { pick: { title: 'Pick', 'x-kind': 'multiselect', type: 'array', ...extra } },
    });
    expect(validateFormDefinition(multiselect({ enum: ['a', 'b'] }))).toEqual([]);
    expect(validateFormDefinition(multiselect({ items: { type: 'string', enum: ['a', 'b'] } }))).toEqual([]);
    expect(codesAt(validateFormDefinition(multiselect({})))).toEqual([
      ['form.properties.pick.enum', 'FORM_ENUM_REQUIRED'],
    ]);
    expect(
      codesAt(
        validateFormDefinition(multiselect({ enum: ['a'], items: { type: 'string', enum: ['b', ''] } })),
      ),
    ).toEqual([
      ['form.properties.pick.enum', 'FORM_ENUM_CONFLICT'],
      ['form.properties.pick.items.enum.1', 'FORM_EMPTY_OPTION'],
    ]);
  });

  it('never throws on any value, and reports a non-object', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true }), (value) => {
        expect(Array.isArray(validateFormDefinition(value))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(codesAt(validateFormDefinition(null, { path: '' }))).toEqual([['', 'FORM_MALFORMED']]);
  });
});

// —— data ———————————————————————————————————————————————————————————————————————————————————————————————

describe('form data', () => {
  it('accepts a complete newborn application', () => {
    expect(validateFormData(newbornForm, validNewborn(), { today: TODAY })).toEqual([]);
  });

  it('lists every problem of a wrong application, with field, row and column paths', () => {
    const data = {
      ...validNewborn(),
      childName: 'Tom',
      birthDate: '2026-02-29',
      sex: 'unknown',
      weightKg: 12,
      birthPlace: '4601',
      motherName: '   ',
      motherIdNumber: '110105194912310021',
      phone: '12800138000',
      guardians: [{ name: '王强', relation: 'uncle', age: 40 }, 'mother'],
      birthCertificate: [
        aFile('a.docx', { type: 'application/msword' }),
        aFile('b.png', { sizeKb: 4096 }),
        { name: 'c' },
      ],
      services: ['bankCard', 'bankCard', 'lottery'],
      nickname: '小明',
    };
    expect(validateFormData(newbornForm, data, { today: TODAY })).toEqual([
      { path: 'data.motherName', code: 'FIELD_REQUIRED', message: 'This field is required.' },
      {
        path: 'data.motherIdNumber',
        code: 'FIELD_ID_NUMBER_INVALID',
        message: 'The ID number has a wrong check digit.',
      },
      {
        path: 'data.phone',
        code: 'FIELD_PHONE_INVALID',
        message: 'Use an 11-digit mainland mobile number starting with 13–19.',
      },
      { path: 'data.childName', code: 'FIELD_PATTERN', message: 'The text does not have the required form.' },
      {
        path: 'data.birthDate',
        code: 'FIELD_DATE_INVALID',
        message: 'Use a real date in the form YYYY-MM-DD.',
      },
      { path: 'data.sex', code: 'FIELD_NOT_IN_OPTIONS', message: '"unknown" is not one of the options.' },
      { path: 'data.weightKg', code: 'FIELD_TOO_LARGE', message: 'Use 8 or less.' },
      {
        path: 'data.birthPlace',
        code: 'FIELD_REGION_INVALID',
        message: 'A region code has 6, 9 or 12 digits.',
      },
      { path: 'data.guardians.0.idNumber', code: 'FIELD_REQUIRED', message: 'This field is required.' },
      {
        path: 'data.guardians.0.relation',
        code: 'FIELD_NOT_IN_OPTIONS',
        message: '"uncle" is not one of the options.',
      },
      { path: 'data.guardians.0.age', code: 'FIELD_UNKNOWN', message: 'The form has no field "age".' },
      { path: 'data.guardians.1', code: 'FIELD_TYPE', message: 'A table row must be an object.' },
      { path: 'data.birthCertificate', code: 'FIELD_TOO_MANY', message: 'Attach at most 2 files.' },
      {
        path: 'data.birthCertificate.0',
        code: 'FIELD_ATTACHMENT_TYPE',
        message: 'a.docx is not of an accepted type (.pdf, image/*).',
      },
      {
        path: 'data.birthCertificate.1',
        code: 'FIELD_ATTACHMENT_TOO_LARGE',
        message: 'b.png is larger than 2048 KB.',
      },
      {
        path: 'data.birthCertificate.2',
        code: 'FIELD_ATTACHMENT_INVALID',
        message: 'An attachment has fileId, name, sizeKb and type.',
      },
      { path: 'data.services.1', code: 'FIELD_DUPLICATE_VALUE', message: '"bankCard" is chosen twice.' },
      {
        path: 'data.services.2',
        code: 'FIELD_NOT_IN_OPTIONS',
        message: '"lottery" is not one of the options.',
      },
      { path: 'data.services', code: 'FIELD_TOO_MANY', message: 'Give at most 2.' },
      { path: 'data.nickname', code: 'FIELD_UNKNOWN', message: 'The form has no field "nickname".' },
    ]);
  });

  it('applies only the sections the situation selected', () => {
    const { insuranceType: _, services: __, ...withoutInsurance } = validNewborn();
    // Only the child and delivery sections apply: insurance is not required, a card choice is out of place.
    const sections = ['child', 'delivery'];
    expect(validateFormData(newbornForm, withoutInsurance, { sections, today: TODAY })).toEqual([]);
    expect(codesAt(validateFormData(newbornForm, withoutInsurance, { today: TODAY }))).toEqual([
      ['data.insuranceType', 'FIELD_REQUIRED'],
    ]);
    expect(
      codesAt(
        validateFormData(
          newbornForm,
          { ...withoutInsurance, services: ['bankCard'] },
          { sections, today: TODAY },
        ),
      ),
    ).toEqual([['data.services', 'FIELD_NOT_APPLICABLE']]);
    // An empty value for a field that does not apply is no problem: the browser may keep it.
    expect(
      validateFormData(newbornForm, { ...withoutInsurance, services: [] }, { sections, today: TODAY }),
    ).toEqual([]);
  });

  it('counts characters, not UTF-16 units', () => {
    const schema: FormSchema = { type: 'object', properties: { name: text('Name', { maxLength: 3 }) } };
    // 𠀀 (U+20000) is one character but two UTF-16 units.
    expect(validateFormData(schema, { name: '𠀀𠀀𠀀' })).toEqual([]);
    expect(codesAt(validateFormData(schema, { name: '𠀀𠀀𠀀a' }))).toEqual([['data.name', 'FIELD_TOO_LONG']]);
  });

  it('checks dates against the calendar and the bounds', () => {
    const at = (value: unknown) =>
      codesAt(validateFormData(newbornForm, { ...validNewborn(), birthDate: value }, { today: TODAY }));
    expect(at('2024-02-29')).toEqual([['data.birthDate', 'FIELD_DATE_TOO_EARLY']]);
    expect(at('2027-01-01')).toEqual([['data.birthDate', 'FIELD_DATE_TOO_LATE']]);
    expect(at('2026-13-01')).toEqual([['data.birthDate', 'FIELD_DATE_INVALID']]);
    expect(at('2026-1-1')).toEqual([['data.birthDate', 'FIELD_DATE_INVALID']]);
    expect(at(20260101)).toEqual([['data.birthDate', 'FIELD_TYPE']]);
    expect(at('2025-01-01')).toEqual([]);
    expect(at('2026-12-31')).toEqual([]);
  });

  it('checks integers, credit codes and normalised identifiers', () => {
    const schema: FormSchema = {
      type: 'object',
      properties: {
        staff: { title: 'Staff', 'x-kind': 'number', type: 'integer', minimum: 1 },
        code: { title: 'USCC', 'x-kind': 'uscc', type: 'string' },
        id: { title: 'ID', 'x-kind': 'idNumber', type: 'string' },
        phone: { title: 'Phone', 'x-kind': 'phone', type: 'string' },
      },
    };
    expect(
      validateFormData(schema, {
        staff: 12,
        code: '91350100M000100Y43',
        id: ' 11010519491231002x',
        phone: '+86 138-0013-8000',
      }),
    ).toEqual([]);
    expect(
      codesAt(
        validateFormData(schema, { staff: 0.5, code: '91350100M000100Y44', id: 42, phone: 13800138000 }),
      ),
    ).toEqual([
      ['data.staff', 'FIELD_NOT_INTEGER'],
      ['data.staff', 'FIELD_TOO_SMALL'],
      ['data.code', 'FIELD_USCC_INVALID'],
      ['data.id', 'FIELD_TYPE'],
      ['data.phone', 'FIELD_TYPE'],
    ]);
  });

  it('refuses data that is not an object, and unknown keys even named like prototype members', () => {
    expect(codesAt(validateFormData(newbornForm, ['a']))).toEqual([['data', 'DATA_NOT_OBJECT']]);
    expect(codesAt(validateFormData(newbornForm, null, { path: 'body.data' }))).toEqual([
      ['body.data', 'DATA_NOT_OBJECT'],
    ]);
    const schema: FormSchema = { type: 'object', properties: { name: text('Name') } };
    expect(
      codesAt(
        validateFormData(schema, JSON.parse('{"__proto__": {"x": 1}, "constructor": "x", "name": "A"}')),
      ),
    ).toEqual([
      ['data.__proto__', 'FIELD_UNKNOWN'],
      ['data.constructor', 'FIELD_UNKNOWN'],
    ]);
  });
});

// —— renderers and prefill ——————————————————————————————————————————————————————————————————————————————

describe('fields for renderers', () => {
  it('lists fields in x-order, then declaration order, with required flags, filtered by section', () => {
    expect(formFields(newbornForm).map(({ key, required }) => [key, required])).toEqual([
      ['motherName', true],
      ['motherIdNumber', true],
      ['phone', true],
      ['childName', true],
      ['birthDate', true],
      ['sex', true],
      ['weightKg', false],
      ['birthPlace', false],
      ['guardians', true],
      ['birthCertificate', false],
      ['insuranceType', true],
      ['services', false],
      ['deliveryAddress', false],
    ]);
    expect(formFields(newbornForm, { sections: ['card'] }).map(({ key }) => key)).toEqual([
      'motherName',
      'motherIdNumber',
      'phone',
      'sex',
      'weightKg',
      'birthPlace',
      'guardians',
      'birthCertificate',
      'services',
    ]);
  });

  it('gives options with their labels', () => {
    expect(fieldOptions(newbornForm.properties.sex!)).toEqual([
      { value: 'male', label: '男' },
      { value: 'female', label: '女' },
    ]);
    expect(fieldOptions(newbornForm.properties.services!)).toEqual([
      { value: 'bankCard', label: '金融功能' },
      { value: 'transitCard', label: '交通功能' },
    ]);
    expect(
      fieldOptions((newbornForm.properties.guardians!.items as FormSchema).properties.relation!)[2],
    ).toEqual({
      value: 'other',
      label: 'other',
    });
  });

  it('knows what counts as empty', () => {
    for (const empty of [undefined, null, '', '  \n', []]) expect(isEmptyValue(empty)).toBe(true);
    for (const filled of [0, false, 'a', ['a'], {}]) expect(isEmptyValue(filled)).toBe(false);
  });
});

describe('prefill', () => {
  const applicant = {
    name: '李芳',
    idNumber: '11010519491231002X',
    phone: null,
    address: { detail: '海口市龙华区滨海大道 1 号', region: '460106' },
  };

  it('looks up dotted paths in the applicant, leaving out what is missing', () => {
    expect(prefillValues(newbornForm, { applicant })).toEqual({
      motherName: '李芳',
      motherIdNumber: '11010519491231002X',
      deliveryAddress: '海口市龙华区滨海大道 1 号',
    });
    expect(prefillValues(newbornForm, { applicant }, { sections: ['child'] })).not.toHaveProperty(
      'deliveryAddress',
    );
    expect(prefillValues(newbornForm, {})).toEqual({});
  });

  it('reads enterprises and licences by type, and copies values', () => {
    const schema: FormSchema = {
      type: 'object',
      properties: {
        code: {
          title: 'USCC',
          'x-kind': 'uscc',
          type: 'string',
          'x-prefill': { source: 'enterprise', path: 'uscc' },
        },
        scope: text('经营范围', {
          'x-prefill': { source: 'licence', licenceType: 'businessLicence', path: 'scope.0' },
        }),
        holders: {
          title: 'Holders',
          'x-kind': 'multiselect',
          type: 'array',
          enum: ['a', 'b'],
          'x-prefill': { source: 'licence', licenceType: 'businessLicence', path: 'holders' },
        },
        food: text('食品经营许可证号', {
          'x-prefill': { source: 'licence', licenceType: 'foodLicence', path: 'number' },
        }),
        proto: text('Proto', { 'x-prefill': { source: 'applicant', path: 'constructor.name' } }),
      },
    };
    const licence = { scope: ['餐饮服务', '食品销售'], holders: ['a'] };
    const values = prefillValues(schema, {
      applicant: {},
      enterprise: { uscc: '91460100TB2026DM5G' },
      licences: { businessLicence: licence },
    });
    expect(values).toEqual({ code: '91460100TB2026DM5G', scope: '餐饮服务', holders: ['a'] });
    (values.holders as string[]).push('b');
    expect(licence.holders).toEqual(['a']);
  });
});

// —— properties ————————————————————————————————————————————————————————————————————————————————————————

/** A field with an arbitrary of values that satisfy it, and a value that counts as empty. */
interface FieldCase {
  field: FieldSchema;
  valid: fc.Arbitrary<unknown>;
  empty: unknown;
}

const digit = fc.constantFrom(...'0123456789');
const digits = (length: number) => fc.string({ unit: digit, minLength: length, maxLength: length });
const characters = fc.constantFrom('a', 'b', '张', '𠀀', '1', '-');

const textCase: fc.Arbitrary<FieldCase> = fc
  .record({
    kind: fc.constantFrom('text', 'textarea', 'address') as fc.Arbitrary<'text' | 'textarea' | 'address'>,
    min: fc.integer({ min: 0, max: 4 }),
    extra: fc.integer({ min: 0, max: 6 }),
    withPattern: fc.boolean(),
    empty: fc.constantFrom('', '  ', null),
  })
  .map(({ kind, min, extra, withPattern, empty }) => ({
    field: {
      title: 'Text',
      'x-kind': kind,
      type: 'string',
      minLength: min,
      maxLength: Math.max(1, min + extra),
      ...(withPattern ? { pattern: '^[ab张𠀀1-]+$' } : {}),
    },
    valid: fc.string({ unit: characters, minLength: Math.max(1, min), maxLength: Math.max(1, min + extra) }),
    empty,
  }));

const numberCase: fc.Arbitrary<FieldCase> = fc
  .record({
    integer: fc.boolean(),
    min: fc.integer({ min: -1000, max: 1000 }),
    span: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ integer, min, span }) => ({
    field: {
      title: 'Number',
      'x-kind': 'number',
      type: integer ? 'integer' : 'number',
      minimum: min,
      maximum: min + span,
    },
    valid: integer
      ? fc.integer({ min, max: min + span })
      : fc.double({ min, max: min + span, noNaN: true, noDefaultInfinity: true }),
    empty: null,
  }));

const DAY = 86_400_000;
const dateCase: fc.Arbitrary<FieldCase> = fc
  .record({ from: fc.integer({ min: -20_000, max: 30_000 }), span: fc.integer({ min: 0, max: 4000 }) })
  .map(({ from, span }) => {
    const date = (days: number) => new Date(days * DAY).toISOString().slice(0, 10);
    return {
      field: {
        title: 'Date',
        'x-kind': 'date',
        type: 'string',
        format: 'date',
        formatMinimum: date(from),
        formatMaximum: date(from + span),
      },
      valid: fc.integer({ min: from, max: from + span }).map(date),
      empty: '',
    };
  });

const choiceCase: fc.Arbitrary<FieldCase> = fc
  .record({
    values: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', '甲', 'd d'), { minLength: 1, maxLength: 5 }),
    multiple: fc.boolean(),
    labelled: fc.boolean(),
    bounds: fc.tuple(fc.nat(), fc.nat()),
  })
  .map(({ values, multiple, labelled, bounds }) => {
    const labels = labelled ? { 'x-enum-labels': values.map((value) => value.toUpperCase()) } : {};
    if (!multiple) {
      return {
        field: { title: 'Choice', 'x-kind': 'select', type: 'string', enum: values, ...labels },
        valid: fc.constantFrom(...values),
        empty: '',
      };
    }
    const minItems = bounds[0] % (values.length + 1);
    const maxItems = Math.max(1, minItems + (bounds[1] % (values.length - minItems + 1)));
    return {
      field: {
        title: 'Choices',
        'x-kind': 'multiselect',
        type: 'array',
        items: { type: 'string', enum: values },
        minItems,
        maxItems,
        ...labels,
      },
      valid: fc.shuffledSubarray(values, { minLength: Math.max(1, minItems), maxLength: maxItems }),
      empty: [],
    };
  });

const idNumber = fc
  .record({
    province: fc.constantFrom(11, 31, 44, 46, 65),
    county: fc.integer({ min: 0, max: 9999 }),
    birth: fc.integer({ min: -25_000, max: 20_000 }).map((days) => new Date(days * DAY)),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, county, birth, sequence }) => {
    const first17 = `${province}${String(county).padStart(4, '0')}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
    return first17 + idCardCheckChar(first17);
  });
const uscc = fc
  .array(fc.constantFrom(...USCC_ALPHABET), { minLength: 17, maxLength: 17 })
  .chain((chars) =>
    digits(6).map((division) => [...chars.slice(0, 2), ...division, ...chars.slice(8)].join('')),
  )
  .map((first17) => first17 + usccCheckChar(first17));

const codeCase: fc.Arbitrary<FieldCase> = fc.constantFrom(
  {
    field: { title: 'Region', 'x-kind': 'region', type: 'string' },
    valid: fc.constantFrom(6, 9, 12).chain(digits),
    empty: '',
  },
  { field: { title: 'ID', 'x-kind': 'idNumber', type: 'string' }, valid: idNumber, empty: '' },
  { field: { title: 'USCC', 'x-kind': 'uscc', type: 'string' }, valid: uscc, empty: null },
  {
    field: { title: 'Phone', 'x-kind': 'phone', type: 'string' },
    valid: fc.tuple(fc.constantFrom(...'3456789'), digits(9)).map(([second, rest]) => `1${second}${rest}`),
    empty: ' ',
  },
);

const attachmentCase: fc.Arbitrary<FieldCase> = fc
  .record({ maxSize: fc.integer({ min: 1, max: 10_000 }), maxFiles: fc.integer({ min: 1, max: 4 }) })
  .map(({ maxSize, maxFiles }) => ({
    field: {
      title: 'Files',
      'x-kind': 'attachment',
      type: 'array',
      'x-accept': ['.pdf', 'image/*'],
      'x-max-size-kb': maxSize,
      'x-max-files': maxFiles,
    },
    valid: fc.array(
      fc
        .record({
          fileId: fc.uuid(),
          sizeKb: fc.integer({ min: 0, max: maxSize }),
          kind: fc.constantFrom(
            { name: 'scan.PDF', type: 'application/octet-stream' },
            { name: 'photo', type: 'image/jpeg' },
          ),
        })
        .map(({ fileId, sizeKb, kind }) => ({ fileId, sizeKb, ...kind })),
      { minLength: 1, maxLength: maxFiles },
    ),
    empty: [],
  }));

const simpleCase = fc.oneof(textCase, numberCase, dateCase, choiceCase, codeCase, attachmentCase);

/** An object schema of simple fields; keys are f0, f1, …; some required, some in sections. */
const objectCase = (fieldCase: fc.Arbitrary<FieldCase>, withSections: boolean) =>
  fc
    .array(
      fc.record({ case: fieldCase, required: fc.boolean(), section: fc.constantFrom(undefined, 's1', 's2') }),
      { minLength: 1, maxLength: 6 },
    )
    .map((entries) => {
      const properties: Record<string, FieldSchema> = {};
      entries.forEach((entry, index) => {
        properties[`f${index}`] = {
          ...entry.case.field,
          ...(withSections && entry.section ? { 'x-section': entry.section } : {}),
        };
      });
      const schema: FormSchema = {
        type: 'object',
        ...(withSections
          ? {
              'x-sections': [
                { key: 's1', title: 'One' },
                { key: 's2', title: 'Two' },
              ],
            }
          : {}),
        properties,
        required: entries.flatMap((entry, index) => (entry.required ? [`f${index}`] : [])),
        'x-order': Object.keys(properties).reverse(),
      };
      return { schema, entries };
    });

const tableCase: fc.Arbitrary<FieldCase> = fc
  .record({
    rows: objectCase(simpleCase, false),
    minItems: fc.integer({ min: 0, max: 2 }),
    extra: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ rows, minItems, extra }) => ({
    field: {
      title: 'Table',
      'x-kind': 'table',
      type: 'array',
      items: rows.schema,
      minItems,
      maxItems: Math.max(1, minItems + extra),
    },
    valid: fc.array(validObject(rows.entries), {
      minLength: Math.max(1, minItems),
      maxLength: Math.max(1, minItems + extra),
    }),
    empty: [],
  }));

/** Data for an object schema: every required field filled, each optional one maybe. */
function validObject(
  entries: readonly { case: FieldCase; required: boolean }[],
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      ...entries.map((entry) =>
        fc.record({ include: entry.required ? fc.constant(true) : fc.boolean(), value: entry.case.valid }),
      ),
    )
    .map((values) =>
      Object.fromEntries(
        values.flatMap(({ include, value }, index) => (include ? [[`f${index}`, value]] : [])),
      ),
    );
}

const formCase = objectCase(
  fc.oneof({ weight: 6, arbitrary: simpleCase }, { weight: 1, arbitrary: tableCase }),
  true,
).chain(({ schema, entries }) =>
  fc.record({ schema: fc.constant(schema), entries: fc.constant(entries), data: validObject(entries) }),
);

describe('form data: properties', () => {
  it('never throws on arbitrary data', () => {
    const keys = Object.keys(newbornForm.properties);
    const data = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.constantFrom(...keys, '__proto__', 'constructor'), fc.jsonValue()),
      fc.dictionary(
        fc.constantFrom(...keys),
        fc.anything({
          withNullPrototype: true,
          withBoxedValues: true,
          withMap: true,
          withDate: true,
          withSparseArray: true,
        }),
      ),
    );
    fc.assert(
      fc.property(data, (value) => {
        expect(Array.isArray(validateFormData(newbornForm, value, { today: TODAY }))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on an arbitrary schema either', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true }), fc.jsonValue(), (schema, data) => {
        validateFormData(schema as FormSchema, data);
        formFields(schema as FormSchema);
        prefillValues(schema as FormSchema, { applicant: {} });
      }),
      { numRuns: 1000 },
    );
  });

  it('generated schemas are valid, and data generated to satisfy them passes', () => {
    fc.assert(
      fc.property(formCase, ({ schema, data }) => {
        expect(validateFormDefinition(schema)).toEqual([]);
        expect(validateFormData(schema, data)).toEqual([]);
        // Through JSON, as the server receives it.
        expect(
          validateFormData(JSON.parse(JSON.stringify(schema)), JSON.parse(JSON.stringify(data))),
        ).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('emptying one required field yields exactly one FIELD_REQUIRED at its path', () => {
    fc.assert(
      fc.property(formCase, fc.nat(), fc.boolean(), ({ schema, entries, data }, pick, remove) => {
        const required = schema.required ?? [];
        fc.pre(required.length > 0);
        const key = required[pick % required.length]!;
        const entry = entries[Number(key.slice(1))]!;
        const mutated: Record<string, unknown> = { ...data };
        if (remove) delete mutated[key];
        else mutated[key] = entry.case.empty;
        expect(validateFormData(schema, mutated)).toEqual([
          { path: `data.${key}`, code: 'FIELD_REQUIRED', message: 'This field is required.' },
        ]);
      }),
      { numRuns: 500 },
    );
  });

  it('a section left out makes its fields optional and their values not applicable', () => {
    fc.assert(
      fc.property(formCase, ({ schema, data }) => {
        const inS2 = Object.keys(schema.properties).filter(
          (key) => schema.properties[key]!['x-section'] === 's2',
        );
        const withoutS2 = Object.fromEntries(Object.entries(data).filter(([key]) => !inS2.includes(key)));
        expect(validateFormData(schema, withoutS2, { sections: ['s1'] })).toEqual([]);
        const problems = validateFormData(schema, data, { sections: ['s1'] });
        expect(problems.map((p) => p.path).sort()).toEqual(
          inS2
            .filter((key) => key in data)
            .map((key) => `data.${key}`)
            .sort(),
        );
        expect(problems.every((p) => p.code === 'FIELD_NOT_APPLICABLE')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

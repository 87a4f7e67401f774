import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applicableElements,
  evaluateSituation,
  type SituationAnswers,
  type SituationOption,
  type SituationQuestion,
  type SituationTree,
  validateSituationTree,
} from './situations.js';

// —— builders ———————————————————————————————————————————————————————————————————————————————————————————

const yes = (effects: SituationOption['effects'] = {}, next?: string | null): SituationOption => ({
  value: 'yes',
  label: '是',
  effects,
  ...(next === undefined ? {} : { next }),
});
const no = (effects: SituationOption['effects'] = {}, next?: string | null): SituationOption => ({
  value: 'no',
  label: '否',
  effects,
  ...(next === undefined ? {} : { next }),
});
const aQuestion = (id: string, fields: Partial<SituationQuestion> = {}): SituationQuestion => ({
  id,
  text: `${id}?`,
  options: [yes(), no()],
  ...fields,
});

/** 新生儿出生"一件事": birth certificate, hukou, medical insurance, social security card, in one application. */
const newborn: SituationTree = {
  start: 'bornInProvince',
  questions: [
    aQuestion('bornInProvince', {
      text: '孩子是否在本省出生？',
      // Born in the province, the birth certificate is fetched from the hospital; otherwise it is uploaded.
      options: [yes(), no({ materials: ['birthCertificate'] })],
      next: 'enrolInsurance',
    }),
    aQuestion('enrolInsurance', {
      text: '是否同时办理城乡居民医保参保登记？',
      options: [yes({ materials: ['insuranceForm'], formSections: ['insurance'] }, 'applyCard'), no()],
      next: 'extras',
    }),
    aQuestion('applyCard', {
      text: '是否同时申领社会保障卡？',
      options: [yes({ materials: ['photo'], formSections: ['card'] }), no()],
      next: 'extras',
    }),
    aQuestion('extras', {
      text: '还需要哪些服务？',
      multiple: true,
      options: [
        { value: 'vaccination', label: '预防接种证', effects: { materials: ['vaccinationBooklet'] } },
        {
          value: 'postal',
          label: '证件邮寄到家',
          effects: { fees: ['postage'], formSections: ['delivery'] },
        },
      ],
      next: null,
    }),
  ],
};
const newbornRefs = {
  materials: [
    'parentIdCards',
    'hukouBooklet',
    'birthCertificate',
    'insuranceForm',
    'photo',
    'vaccinationBooklet',
  ],
  formSections: ['child', 'insurance', 'card', 'delivery'],
  fees: ['postage'],
};

describe('situation trees (情形引导): the newborn questionnaire', () => {
  it('is a valid tree', () => {
    expect(validateSituationTree(newborn, newbornRefs)).toEqual([]);
  });

  it('selects the materials, sections and fees of the options chosen along the path', () => {
    const outcome = evaluateSituation(newborn, {
      bornInProvince: 'yes',
      enrolInsurance: 'yes',
      applyCard: 'yes',
      extras: ['postal'],
    });
    expect(outcome).toEqual({
      complete: true,
      nextQuestion: null,
      path: ['bornInProvince', 'enrolInsurance', 'applyCard', 'extras'],
      selected: {
        materials: ['insuranceForm', 'photo'],
        formSections: ['card', 'delivery', 'insurance'],
        fees: ['postage'],
      },
      answers: { bornInProvince: 'yes', enrolInsurance: 'yes', applyCard: 'yes', extras: ['postal'] },
      problems: [],
    });
  });

  it('skips the card question when there is no insurance, and an empty list answers "none"', () => {
    const outcome = evaluateSituation(newborn, { bornInProvince: 'no', enrolInsurance: 'no', extras: [] });
    expect(outcome).toMatchObject({
      complete: true,
      path: ['bornInProvince', 'enrolInsurance', 'extras'],
      selected: { materials: ['birthCertificate'], formSections: [], fees: [] },
      problems: [],
    });
  });

  it('asks the first unanswered question on the path', () => {
    expect(evaluateSituation(newborn, {})).toMatchObject({
      complete: false,
      nextQuestion: 'bornInProvince',
      path: ['bornInProvince'],
    });
    expect(
      evaluateSituation(newborn, { bornInProvince: 'yes', enrolInsurance: 'yes', applyCard: '' }),
    ).toMatchObject({
      complete: false,
      nextQuestion: 'applyCard',
      path: ['bornInProvince', 'enrolInsurance', 'applyCard'],
      selected: { materials: ['insuranceForm'], formSections: ['insurance'], fees: [] },
      problems: [],
    });
  });

  it('does not complain about answers a later answer may still reach', () => {
    // enrolInsurance is unanswered, yet applyCard and extras may still be asked.
    const outcome = evaluateSituation(newborn, {
      bornInProvince: 'yes',
      applyCard: 'no',
      extras: ['postal'],
    });
    expect(outcome).toMatchObject({ complete: false, nextQuestion: 'enrolInsurance', problems: [] });
    expect(outcome.answers).toEqual({ bornInProvince: 'yes' });
  });

  it('reports answers the path no longer reaches, and leaves them out of the stored answers', () => {
    // The applicant first chose insurance and a card, then changed their mind about insurance.
    const outcome = evaluateSituation(newborn, {
      bornInProvince: 'yes',
      enrolInsurance: 'no',
      applyCard: 'yes',
      extras: ['vaccination'],
    });
    expect(outcome.complete).toBe(true);
    expect(outcome.selected.materials).toEqual(['vaccinationBooklet']);
    expect(outcome.answers).toEqual({ bornInProvince: 'yes', enrolInsurance: 'no', extras: ['vaccination'] });
    expect(outcome.problems).toEqual([
      { path: 'answers.applyCard', code: 'SITUATION_ANSWER_OFF_PATH', message: expect.any(String) },
    ]);
  });

  it('lists every problem with the answers', () => {
    const outcome = evaluateSituation(newborn, {
      bornInProvince: ['yes'],
      unknownQuestion: 'yes',
      applyCard: 'perhaps',
    } as unknown as SituationAnswers);
    expect(outcome.complete).toBe(false);
    expect(outcome.nextQuestion).toBe('bornInProvince');
    expect(outcome.problems.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'answers.bornInProvince', code: 'SITUATION_ANSWER_NOT_SINGLE' },
      { path: 'answers.unknownQuestion', code: 'SITUATION_UNKNOWN_QUESTION' },
    ]);
    // applyCard may still be reached, so its wrong value is only reported once the path gets there.
    expect(
      evaluateSituation(newborn, { bornInProvince: 'yes', enrolInsurance: 'yes', applyCard: 'perhaps' })
        .problems,
    ).toEqual([
      {
        path: 'answers.applyCard',
        code: 'SITUATION_UNKNOWN_OPTION',
        message: '"perhaps" is not an option of "applyCard".',
      },
    ]);
    expect(
      evaluateSituation(newborn, {
        bornInProvince: 'no',
        enrolInsurance: 'no',
        extras: 'postal',
      } as unknown as SituationAnswers).problems.map((p) => [p.path, p.code]),
    ).toEqual([['answers.extras', 'SITUATION_ANSWER_NOT_LIST']]);
    expect(
      evaluateSituation(newborn, {
        bornInProvince: 'no',
        enrolInsurance: 'no',
        extras: ['postal', 'flowers', 'postal'],
      }).problems.map((p) => [p.path, p.code]),
    ).toEqual([['answers.extras.1', 'SITUATION_UNKNOWN_OPTION']]);
  });

  it('stores a multiple choice without repeats', () => {
    const outcome = evaluateSituation(newborn, {
      bornInProvince: 'no',
      enrolInsurance: 'no',
      extras: ['postal', 'postal'],
    });
    expect(outcome.answers.extras).toEqual(['postal']);
    expect(outcome.selected.fees).toEqual(['postage']);
  });
});

describe('situation trees: what validation finds', () => {
  it('finds a loop and an unreachable question', () => {
    const tree: SituationTree = {
      start: 'a',
      questions: [
        aQuestion('a', { next: 'b' }),
        aQuestion('b', { options: [yes({}, 'a'), no({}, null)] }),
        aQuestion('orphan'),
      ],
    };
    expect(validateSituationTree(tree, newbornRefs)).toEqual([
      {
        path: 'situations.questions.1.options.0.next',
        code: 'SITUATION_LOOP',
        message: 'The questions loop: a → b → a.',
      },
      {
        path: 'situations.questions.2',
        code: 'SITUATION_UNREACHABLE_QUESTION',
        message: 'No path from the start reaches question "orphan".',
      },
    ]);
    // Evaluation still terminates on the invalid tree.
    expect(evaluateSituation(tree, { a: 'yes', b: 'yes' })).toMatchObject({
      complete: false,
      nextQuestion: null,
      path: ['a', 'b'],
      problems: [{ path: 'situations.questions.1.options.0.next', code: 'SITUATION_LOOP' }],
    });
  });

  it('lists every problem, not just the first', () => {
    const tree = {
      start: 'q1',
      questions: [
        {
          id: 'q1',
          text: ' ',
          options: [
            {
              value: 'a',
              label: 'A',
              next: 'nowhere',
              effects: { materials: ['passport'], fees: ['stampDuty'] },
            },
            { value: 'a', label: '', effects: { formSections: ['ghost'] } },
          ],
          next: 'q1',
        },
        { id: 'q1', text: 'Again?', options: [{ value: 'only', label: 'Only' }] },
        {
          id: 'many',
          text: 'Which?',
          multiple: true,
          options: [
            { value: 'x', label: 'X', next: 'q1' },
            { value: '', label: 'Y' },
          ],
        },
        { id: '2bad', text: 'Bad id', options: 'none' },
      ],
    } as unknown as SituationTree;
    expect(validateSituationTree(tree, newbornRefs).map(({ path, code }) => [path, code])).toEqual([
      ['situations.questions.3.options', 'SITUATION_MALFORMED'],
      ['situations.questions.0.text', 'SITUATION_EMPTY_LABEL'],
      ['situations.questions.0.options.0.next', 'SITUATION_UNKNOWN_REFERENCE'],
      ['situations.questions.0.options.0.effects.materials.0', 'SITUATION_UNKNOWN_MATERIAL'],
      ['situations.questions.0.options.0.effects.fees.0', 'SITUATION_UNKNOWN_FEE'],
      ['situations.questions.0.options.1.value', 'SITUATION_DUPLICATE_OPTION'],
      ['situations.questions.0.options.1.label', 'SITUATION_EMPTY_LABEL'],
      ['situations.questions.0.options.1.effects.formSections.0', 'SITUATION_UNKNOWN_FORM_SECTION'],
      ['situations.questions.1.id', 'SITUATION_DUPLICATE_QUESTION'],
      ['situations.questions.1.options', 'SITUATION_TOO_FEW_OPTIONS'],
      ['situations.questions.2.options.0.next', 'SITUATION_MULTIPLE_OPTION_NEXT'],
      ['situations.questions.2.options.1.value', 'SITUATION_EMPTY_VALUE'],
      ['situations.questions.3.id', 'SITUATION_INVALID_ID'],
      ['situations.questions.3.options', 'SITUATION_TOO_FEW_OPTIONS'],
      ['situations.questions.0.next', 'SITUATION_LOOP'],
      ['situations.questions.2', 'SITUATION_UNREACHABLE_QUESTION'],
      ['situations.questions.3', 'SITUATION_UNREACHABLE_QUESTION'],
    ]);
  });

  it('needs a known start unless there are no questions', () => {
    expect(validateSituationTree({ start: null, questions: [] }, newbornRefs)).toEqual([]);
    expect(evaluateSituation({ start: null, questions: [] }, {})).toMatchObject({ complete: true, path: [] });
    expect(validateSituationTree({ start: null, questions: [aQuestion('a')] }, newbornRefs)).toEqual([
      { path: 'situations.start', code: 'SITUATION_START_MISSING', message: expect.any(String) },
    ]);
    expect(validateSituationTree({ start: 'b', questions: [aQuestion('a')] }, newbornRefs)).toEqual([
      { path: 'situations.start', code: 'SITUATION_UNKNOWN_REFERENCE', message: 'There is no question "b".' },
    ]);
    expect(evaluateSituation({ start: 'b', questions: [aQuestion('a')] }, {})).toMatchObject({
      complete: false,
      nextQuestion: null,
      problems: [{ path: 'situations.start', code: 'SITUATION_UNKNOWN_REFERENCE' }],
    });
  });

  it('reads any value without throwing, and takes a path prefix', () => {
    for (const tree of [
      null,
      42,
      'tree',
      [],
      { start: 3, questions: {} },
      { questions: [null, { id: 1 }] },
    ]) {
      expect(validateSituationTree(tree as unknown as SituationTree, newbornRefs).length).toBeGreaterThan(0);
      expect(evaluateSituation(tree as unknown as SituationTree, {}).path).toEqual([]);
    }
    expect(validateSituationTree({ start: 'x', questions: [] }, newbornRefs, { path: '' })[0]?.path).toBe(
      'start',
    );
  });

  it('does not take answers or options from the prototype', () => {
    const tree: SituationTree = { start: 'constructor', questions: [aQuestion('constructor')] };
    expect(evaluateSituation(tree, {})).toMatchObject({ nextQuestion: 'constructor', problems: [] });
    expect(
      evaluateSituation(tree, JSON.parse('{"__proto__": "yes", "constructor": "toString"}')),
    ).toMatchObject({
      nextQuestion: 'constructor',
      problems: [
        { path: 'answers.constructor', code: 'SITUATION_UNKNOWN_OPTION' },
        { path: 'answers.__proto__', code: 'SITUATION_UNKNOWN_QUESTION' },
      ],
    });
  });
});

describe('applicable elements', () => {
  const materials = [
    { key: 'parentIdCards', requirement: 'required' as const, name: '父母身份证' },
    { key: 'birthCertificate', requirement: 'conditional' as const, name: '出生医学证明' },
    { key: 'insuranceForm', requirement: 'conditional' as const, name: '参保登记表' },
    { key: 'hukouBooklet', requirement: 'optional' as const, name: '户口簿' },
  ];

  it('keeps every unconditional element and the conditional ones selected, in order', () => {
    expect(applicableElements(materials, ['insuranceForm', 'somethingElse']).map((m) => m.key)).toEqual([
      'parentIdCards',
      'insuranceForm',
      'hukouBooklet',
    ]);
    expect(applicableElements(materials, []).map((m) => m.key)).toEqual(['parentIdCards', 'hukouBooklet']);
  });

  it('applies the newborn outcome to the item materials', () => {
    const { selected } = evaluateSituation(newborn, {
      bornInProvince: 'no',
      enrolInsurance: 'no',
      extras: [],
    });
    expect(applicableElements(materials, selected.materials).map((m) => m.name)).toEqual([
      '父母身份证',
      '出生医学证明',
      '户口簿',
    ]);
  });
});

// —— properties ————————————————————————————————————————————————————————————————————————————————————————

const REF_KEYS = { materials: ['m1', 'm2', 'm3'], formSections: ['s1', 's2'], fees: ['f1', 'f2'] };
const effectsArb = fc.record(
  {
    materials: fc.subarray(REF_KEYS.materials),
    formSections: fc.subarray(REF_KEYS.formSections),
    fees: fc.subarray(REF_KEYS.fees),
  },
  { requiredKeys: [] },
);

/** Any tree over a few ids: loops, dangling references, duplicates and odd answers included. */
const anyTree = fc.record({
  start: fc.option(fc.constantFrom('q0', 'q1', 'q2', 'q3', 'zz'), { nil: null }),
  questions: fc.array(
    fc.record(
      {
        id: fc.constantFrom('q0', 'q1', 'q2', 'q3'),
        text: fc.constant('?'),
        multiple: fc.boolean(),
        next: fc.option(fc.constantFrom('q0', 'q1', 'q2', 'q3', 'zz'), { nil: null }),
        options: fc.array(
          fc.record(
            {
              value: fc.constantFrom('a', 'b', 'c'),
              label: fc.constant('!'),
              next: fc.option(fc.constantFrom('q0', 'q1', 'q2', 'q3', 'zz'), { nil: null }),
              effects: effectsArb,
            },
            { requiredKeys: ['value', 'label'] },
          ),
          { maxLength: 4 },
        ),
      },
      { requiredKeys: ['id', 'text', 'options'] },
    ),
    { maxLength: 6 },
  ),
}) as fc.Arbitrary<SituationTree>;

const anyAnswers = fc.dictionary(
  fc.constantFrom('q0', 'q1', 'q2', 'q3', 'zz'),
  fc.oneof(
    fc.constantFrom('a', 'b', 'c', 'd', ''),
    fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 }),
  ),
);

/**
 * A valid tree: questions q0…qn-1, every `next` pointing forward (so no loops), then only the questions
 * reachable from q0 kept. With it, a choice per question to walk a path.
 */
const validTree = fc
  .integer({ min: 1, max: 7 })
  .chain((count) =>
    fc.tuple(
      ...Array.from({ length: count }, (_, index) => {
        const forward =
          index + 1 < count
            ? fc.integer({ min: index + 1, max: count - 1 }).map((k) => `q${k}`)
            : fc.constant(null);
        const target = fc.option(forward, { nil: null });
        return fc.record({
          multiple: fc.boolean(),
          next: target,
          options: fc.array(fc.record({ next: fc.option(target, { nil: undefined }), effects: effectsArb }), {
            minLength: 2,
            maxLength: 4,
          }),
        });
      }),
    ),
  )
  .map((specs) => {
    const questions: SituationQuestion[] = specs.map((spec, index) => ({
      id: `q${index}`,
      text: `Question ${index}?`,
      multiple: spec.multiple,
      next: spec.next,
      options: spec.options.map((option, position) => ({
        value: `o${position}`,
        label: `Option ${position}`,
        effects: option.effects,
        ...(spec.multiple || option.next === undefined ? {} : { next: option.next }),
      })),
    }));
    const reachable = new Set<string>();
    const visit = (id: string) => {
      if (reachable.has(id)) return;
      reachable.add(id);
      const question = questions.find((q) => q.id === id)!;
      const targets = question.multiple
        ? [question.next]
        : question.options.map((option) => (option.next === undefined ? question.next : option.next));
      for (const target of targets) if (target) visit(target);
    };
    visit('q0');
    const kept = questions
      .filter((q) => reachable.has(q.id))
      // A default next that no option falls through to may name a question dropped as unreachable.
      .map((q) => (q.next && !reachable.has(q.next) ? { ...q, next: null } : q));
    return { start: 'q0', questions: kept } satisfies SituationTree;
  });

describe('situation trees: properties', () => {
  it('evaluation terminates on any tree and selects only effects of options chosen on its path', () => {
    fc.assert(
      fc.property(anyTree, anyAnswers, (tree, answers) => {
        const outcome = evaluateSituation(tree, answers);
        expect(new Set(outcome.path).size).toBe(outcome.path.length);
        const allowed = {
          materials: new Set<string>(),
          formSections: new Set<string>(),
          fees: new Set<string>(),
        };
        for (const id of outcome.path) {
          const question = tree.questions.find((q) => q.id === id)!;
          const answer = answers[id];
          const chosen: unknown[] = Array.isArray(answer) ? answer : [answer];
          for (const option of question.options) {
            if (!chosen.includes(option.value)) continue;
            for (const kind of ['materials', 'formSections', 'fees'] as const) {
              for (const key of option.effects?.[kind] ?? []) allowed[kind].add(key);
            }
          }
        }
        for (const kind of ['materials', 'formSections', 'fees'] as const) {
          for (const key of outcome.selected[kind]) expect(allowed[kind].has(key)).toBe(true);
          expect(outcome.selected[kind]).toEqual([...new Set(outcome.selected[kind])].sort());
        }
        if (outcome.complete) expect(outcome.nextQuestion).toBeNull();
        if (outcome.nextQuestion !== null) expect(outcome.path.at(-1)).toBe(outcome.nextQuestion);
      }),
      { numRuns: 2000 },
    );
  });

  it('validation never throws and reports a loop whenever evaluation meets one', () => {
    fc.assert(
      fc.property(anyTree, anyAnswers, (tree, answers) => {
        const problems = validateSituationTree(tree, REF_KEYS);
        const outcome = evaluateSituation(tree, answers);
        if (outcome.problems.some((p) => p.code === 'SITUATION_LOOP')) {
          expect(problems.map((p) => p.code)).toContain('SITUATION_LOOP');
        }
        if (problems.length === 0)
          expect(outcome.problems.filter((p) => p.path.startsWith('situations'))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('a valid tree answered along a path is complete, with no problems', () => {
    fc.assert(
      fc.property(validTree, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (tree, choices) => {
        expect(validateSituationTree(tree, REF_KEYS)).toEqual([]);
        const answers: SituationAnswers = {};
        const walked: string[] = [];
        let current: string | null | undefined = tree.start;
        while (current) {
          const question: SituationQuestion = tree.questions.find((q) => q.id === current)!;
          const choice = choices[walked.length]! % question.options.length;
          walked.push(current);
          if (question.multiple) {
            answers[current] = question.options
              .filter((_, index) => (choice >> index) % 2 === 1)
              .map((o) => o.value);
            current = question.next;
          } else {
            const option = question.options[choice]!;
            answers[current] = option.value;
            current = option.next === undefined ? question.next : option.next;
          }
        }
        const outcome = evaluateSituation(tree, answers);
        expect(outcome).toMatchObject({ complete: true, nextQuestion: null, path: walked, problems: [] });
        // Dropping the last answer makes that question the next one.
        const last = walked.at(-1)!;
        const { [last]: _, ...fewer } = answers;
        expect(evaluateSituation(tree, fewer)).toMatchObject({
          complete: false,
          nextQuestion: last,
          path: walked,
        });
      }),
      { numRuns: 1000 },
    );
  });
});

// Pure and browser-safe: part of server/src/shared, which the web app imports too.
import { problem, type RuleProblem } from './problems.js';

/**
 * 情形引导 — a small decision tree of questions per item version. The answers select which conditional
 * materials, form sections and fees apply, so the applicant sees only what their case needs. The browser
 * evaluates it as the applicant answers; the server evaluates the same answers again and is authoritative.
 *
 * Where a single-choice question goes next: the chosen option's `next` when the option has the property
 * (`null` ends the questionnaire), otherwise the question's `next` (missing or `null` ends it). A
 * multiple-choice question always continues with its own `next`; its options may not choose.
 */

/** Keys of the item's materials, form sections and fees that an option selects. */
export interface SituationEffects {
  materials?: string[];
  formSections?: string[];
  fees?: string[];
}

export interface SituationOption {
  value: string;
  label: string;
  /** The next question when this option is chosen; `null` ends; missing falls back to the question's `next`. */
  next?: string | null;
  effects?: SituationEffects;
}

export interface SituationQuestion {
  id: string;
  text: string;
  /** A multiple-choice question is answered with a list of option values (an empty list means "none"). */
  multiple?: boolean;
  options: SituationOption[];
  /** The default next question; missing or `null` ends the questionnaire. */
  next?: string | null;
}

export interface SituationTree {
  /** The first question; `null` only when there are no questions. */
  start: string | null;
  questions: SituationQuestion[];
}

/** Question id → the chosen option value (single choice) or values (multiple choice). */
export type SituationAnswers = Record<string, string | string[]>;

export interface SituationOutcome {
  /** Every question on the answered path is answered (and the tree led nowhere broken). */
  complete: boolean;
  /** The first unanswered (or wrongly answered) question on the path; `null` when complete or broken. */
  nextQuestion: string | null;
  /** Question ids visited in order, including `nextQuestion`. */
  path: string[];
  /** Union of the effects of the options chosen on the path, each list sorted and without duplicates. */
  selected: Required<SituationEffects>;
  /** The answers that were used, on the path and valid (multiple choices without repeats): what to store. */
  answers: SituationAnswers;
  /**
   * Answers to questions off the path, unknown questions or option values, a single-choice question answered
   * with a list, and so on; also a loop or an unknown `next` met on the path of an invalid tree. A submission
   * needs `complete` and no problems.
   */
  problems: RuleProblem[];
}

/** Keys an effect may refer to: all of the item's materials, form section keys and fee keys. */
export interface SituationRefs {
  materials: readonly string[];
  formSections: readonly string[];
  fees: readonly string[];
}

export interface SituationPathOptions {
  /** Prefix of the paths of problems in the tree; `situations` unless given ('' for none). */
  path?: string;
}

export interface EvaluateSituationOptions extends SituationPathOptions {
  /** Prefix of the paths of problems in the answers; `answers` unless given ('' for none). */
  answersPath?: string;
}

const QUESTION_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const EFFECT_KINDS = ['materials', 'formSections', 'fees'] as const;
type EffectKind = (typeof EFFECT_KINDS)[number];
const UNKNOWN_EFFECT_CODE = {
  materials: 'SITUATION_UNKNOWN_MATERIAL',
  formSections: 'SITUATION_UNKNOWN_FORM_SECTION',
  fees: 'SITUATION_UNKNOWN_FEE',
} as const;
const EFFECT_NOUN = { materials: 'material', formSections: 'form section', fees: 'fee' } as const;

/**
 * Checks a tree before it is saved or published and lists every problem: shape, ids, duplicate questions and
 * option values, empty texts and labels, questions with fewer than two options, a missing or unknown start,
 * unknown `next` references, loops reachable from the start (the tree must be a DAG), unreachable questions,
 * options of multiple-choice questions that choose a `next`, and effects naming unknown materials, form
 * sections or fees.
 */
export function validateSituationTree(
  tree: SituationTree,
  refs: SituationRefs,
  options: SituationPathOptions = {},
): RuleProblem[] {
  const base = options.path ?? 'situations';
  const model = readTree(tree, base);
  const problems = [...model.problems];
  const known = {
    materials: new Set(refs.materials),
    formSections: new Set(refs.formSections),
    fees: new Set(refs.fees),
  };

  for (const question of model.questions) {
    const at = [base, 'questions', question.index];
    if (!QUESTION_ID.test(question.id)) {
      problems.push(
        problem(
          [...at, 'id'],
          'SITUATION_INVALID_ID',
          question.id === ''
            ? 'The question id is empty.'
            : `Question id "${question.id}" may contain only letters, digits, _ and -, and not start with a digit.`,
        ),
      );
    }
    if (model.index.get(question.id) !== question) {
      problems.push(
        problem([...at, 'id'], 'SITUATION_DUPLICATE_QUESTION', `Question id "${question.id}" is used twice.`),
      );
    }
    if (question.text !== null && question.text.trim() === '') {
      problems.push(
        problem([...at, 'text'], 'SITUATION_EMPTY_LABEL', `Question "${question.id}" has no text.`),
      );
    }
    if (question.optionCount < 2) {
      problems.push(
        problem(
          [...at, 'options'],
          'SITUATION_TOO_FEW_OPTIONS',
          `Question "${question.id}" needs at least two options.`,
        ),
      );
    }
    if (typeof question.next === 'string' && !model.index.has(question.next)) {
      problems.push(
        problem([...at, 'next'], 'SITUATION_UNKNOWN_REFERENCE', `There is no question "${question.next}".`),
      );
    }
    const values = new Set<string>();
    for (const option of question.options) {
      const optionAt = [...at, 'options', option.index];
      if (option.value.trim() === '') {
        problems.push(
          problem(
            [...optionAt, 'value'],
            'SITUATION_EMPTY_VALUE',
            `An option of "${question.id}" has no value.`,
          ),
        );
      } else if (values.has(option.value)) {
        problems.push(
          problem(
            [...optionAt, 'value'],
            'SITUATION_DUPLICATE_OPTION',
            `Question "${question.id}" has two options with value "${option.value}".`,
          ),
        );
      }
      values.add(option.value);
      if (option.label !== null && option.label.trim() === '') {
        problems.push(
          problem(
            [...optionAt, 'label'],
            'SITUATION_EMPTY_LABEL',
            `Option "${option.value}" of "${question.id}" has no label.`,
          ),
        );
      }
      if (question.multiple && option.next !== undefined && option.next !== null) {
        problems.push(
          problem(
            [...optionAt, 'next'],
            'SITUATION_MULTIPLE_OPTION_NEXT',
            `Question "${question.id}" is multiple-choice: it continues with its own next, not its options'.`,
          ),
        );
      } else if (typeof option.next === 'string' && !model.index.has(option.next)) {
        problems.push(
          problem(
            [...optionAt, 'next'],
            'SITUATION_UNKNOWN_REFERENCE',
            `There is no question "${option.next}".`,
          ),
        );
      }
      for (const kind of EFFECT_KINDS) {
        option.effects[kind].forEach((key, position) => {
          if (!known[kind].has(key)) {
            problems.push(
              problem(
                [...optionAt, 'effects', kind, position],
                UNKNOWN_EFFECT_CODE[kind],
                `The item has no ${EFFECT_NOUN[kind]} "${key}".`,
              ),
            );
          }
        });
      }
    }
  }

  if (model.start === null) {
    if (model.questions.length > 0 && !model.startMalformed) {
      problems.push(
        problem([base, 'start'], 'SITUATION_START_MISSING', 'The tree has questions but no start question.'),
      );
    }
    return problems;
  }
  if (!model.index.has(model.start)) {
    problems.push(
      problem([base, 'start'], 'SITUATION_UNKNOWN_REFERENCE', `There is no question "${model.start}".`),
    );
    return problems;
  }

  // Depth-first from the start, iteratively so a long chain cannot exhaust the stack. An edge to a question
  // still on the stack closes a loop; questions never reached are unreachable.
  const state = new Map<string, 'open' | 'done'>();
  const stack: Array<{ question: ReadQuestion; edges: Edge[]; next: number }> = [];
  const enter = (question: ReadQuestion) => {
    state.set(question.id, 'open');
    stack.push({ question, edges: edgesOf(question, base), next: 0 });
  };
  enter(model.index.get(model.start)!);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const edge = top.edges[top.next++];
    if (edge === undefined) {
      state.set(top.question.id, 'done');
      stack.pop();
      continue;
    }
    const target = edge.target === null ? undefined : model.index.get(edge.target);
    if (target === undefined) continue; // the end, or an unknown reference reported above
    const seen = state.get(target.id);
    if (seen === 'open') {
      const cycle = [
        ...stack.slice(stack.findIndex((frame) => frame.question === target)).map((f) => f.question.id),
        target.id,
      ];
      problems.push(problem(edge.path, 'SITUATION_LOOP', `The questions loop: ${cycle.join(' → ')}.`));
    } else if (seen === undefined) {
      enter(target);
    }
  }
  for (const question of model.questions) {
    if (model.index.get(question.id) === question && !state.has(question.id)) {
      problems.push(
        problem(
          [base, 'questions', question.index],
          'SITUATION_UNREACHABLE_QUESTION',
          `No path from the start reaches question "${question.id}".`,
        ),
      );
    }
  }
  return problems;
}

/**
 * Follows the answers from the start question and says where the applicant is: the path so far, the next
 * question to ask, what the chosen options select, and what is wrong with the answers. Terminates on any
 * input: an invalid tree with a loop stops at the repeated question with SITUATION_LOOP.
 *
 * An answer that is missing, `null` or `''` leaves its question unanswered; an empty list answers a
 * multiple-choice question with "none". A wrong answer (unknown option, list for a single choice, …) is
 * reported and its question stays the next question. Answers to questions the path no longer reaches are
 * reported (SITUATION_ANSWER_OFF_PATH), except empty ones and those a later answer may still reach.
 */
export function evaluateSituation(
  tree: SituationTree,
  answers: SituationAnswers,
  options: EvaluateSituationOptions = {},
): SituationOutcome {
  const base = options.path ?? 'situations';
  const answersBase = options.answersPath ?? 'answers';
  const model = readTree(tree, base);
  const problems: RuleProblem[] = [];
  const given: Record<string, unknown> = isRecord(answers) ? answers : {};
  if (!isRecord(answers) && answers !== undefined && answers !== null) {
    problems.push(problem([answersBase], 'SITUATION_ANSWERS_MALFORMED', 'The answers must be an object.'));
  }

  const path: string[] = [];
  const visited = new Set<string>();
  const used: SituationAnswers = {};
  const selected = { materials: new Set<string>(), formSections: new Set<string>(), fees: new Set<string>() };
  let nextQuestion: string | null = null;
  let broken = false;
  let current = model.start;
  let edgePath: readonly (string | number)[] = [base, 'start'];

  while (current !== null) {
    const question = model.index.get(current);
    if (question === undefined) {
      problems.push(problem(edgePath, 'SITUATION_UNKNOWN_REFERENCE', `There is no question "${current}".`));
      broken = true;
      break;
    }
    if (visited.has(current)) {
      problems.push(
        problem(edgePath, 'SITUATION_LOOP', `The questions loop: ${[...path, current].join(' → ')}.`),
      );
      broken = true;
      break;
    }
    path.push(current);
    visited.add(current);
    const answer = ownValue(given, current);
    if (answer === undefined || answer === null || answer === '') {
      nextQuestion = current;
      break;
    }
    const answerAt = [answersBase, current];
    const chosen = chooseOptions(question, answer, answerAt, problems);
    if (chosen === null) {
      nextQuestion = current;
      break;
    }
    used[current] = question.multiple ? chosen.map((option) => option.value) : chosen[0]!.value;
    for (const option of chosen) {
      for (const kind of EFFECT_KINDS) for (const key of option.effects[kind]) selected[kind].add(key);
    }
    const single = question.multiple ? undefined : chosen[0];
    if (single !== undefined && single.next !== undefined) {
      current = single.next;
      edgePath = [base, 'questions', question.index, 'options', single.index, 'next'];
    } else {
      current = question.next ?? null;
      edgePath = [base, 'questions', question.index, 'next'];
    }
  }

  const pending = nextQuestion === null ? new Set<string>() : reachableFrom(nextQuestion, model, base);
  for (const key of Object.keys(given)) {
    if (visited.has(key) || isEmptyAnswer(given[key])) continue;
    if (!model.index.has(key)) {
      problems.push(
        problem([answersBase, key], 'SITUATION_UNKNOWN_QUESTION', `There is no question "${key}".`),
      );
    } else if (!pending.has(key)) {
      problems.push(
        problem(
          [answersBase, key],
          'SITUATION_ANSWER_OFF_PATH',
          `Question "${key}" is not asked for the other answers given.`,
        ),
      );
    }
  }

  return {
    complete: !broken && nextQuestion === null,
    nextQuestion,
    path,
    selected: {
      materials: [...selected.materials].sort(),
      formSections: [...selected.formSections].sort(),
      fees: [...selected.fees].sort(),
    },
    answers: used,
    problems,
  };
}

/**
 * The item's elements (materials, form sections, fees) that apply: every element whose requirement is not
 * `conditional`, plus the conditional ones whose keys the situation outcome selected. Order is kept.
 */
export function applicableElements<
  M extends { key: string; requirement: 'required' | 'conditional' | 'optional' },
>(elements: readonly M[], selectedKeys: readonly string[]): M[] {
  const selected = new Set(selectedKeys);
  return elements.filter((element) => element.requirement !== 'conditional' || selected.has(element.key));
}

// —— reading an untrusted tree ————————————————————————————————————————————————————————————————————————

interface ReadOption {
  index: number;
  value: string;
  /** `null` when the label is not a string (reported as malformed). */
  label: string | null;
  /** `undefined` when the option has no (usable) `next`. */
  next: string | null | undefined;
  effects: Required<SituationEffects>;
}

interface ReadQuestion {
  index: number;
  id: string;
  /** `null` when the text is not a string (reported as malformed). */
  text: string | null;
  multiple: boolean;
  next: string | null | undefined;
  options: ReadOption[];
  /** Entries in `options`, also the malformed ones left out of `options`. */
  optionCount: number;
}

interface ReadTree {
  start: string | null;
  startMalformed: boolean;
  questions: ReadQuestion[];
  /** Question id → its first question. */
  index: Map<string, ReadQuestion>;
  problems: RuleProblem[];
}

interface Edge {
  target: string | null;
  path: (string | number)[];
}

/** Reads what is usable of a tree that may be any JSON (or worse), reporting what is not as SITUATION_MALFORMED. */
function readTree(tree: unknown, base: string): ReadTree {
  const problems: RuleProblem[] = [];
  const malformed = (segments: (string | number)[], message: string) =>
    problems.push(problem([base, ...segments], 'SITUATION_MALFORMED', message));
  const result: ReadTree = { start: null, startMalformed: false, questions: [], index: new Map(), problems };
  if (!isRecord(tree)) {
    malformed([], 'The situation tree must be an object with start and questions.');
    return result;
  }
  const start = ownValue(tree, 'start');
  if (typeof start === 'string') result.start = start;
  else if (start !== undefined && start !== null) {
    malformed(['start'], 'start must be a question id or null.');
    result.startMalformed = true;
  }
  const questions = ownValue(tree, 'questions');
  if (!Array.isArray(questions)) {
    if (questions !== undefined) malformed(['questions'], 'questions must be a list.');
    else malformed(['questions'], 'The tree has no questions list.');
    return result;
  }
  for (const [index, raw] of questions.entries()) {
    if (!isRecord(raw)) {
      malformed(['questions', index], 'A question must be an object.');
      continue;
    }
    const id = ownValue(raw, 'id');
    if (typeof id !== 'string') {
      malformed(['questions', index, 'id'], 'A question id must be a string.');
      continue;
    }
    const text = ownValue(raw, 'text');
    if (typeof text !== 'string')
      malformed(['questions', index, 'text'], 'A question text must be a string.');
    const multiple = ownValue(raw, 'multiple');
    if (multiple !== undefined && typeof multiple !== 'boolean') {
      malformed(['questions', index, 'multiple'], 'multiple must be true or false.');
    }
    const next = readNext(ownValue(raw, 'next'), () =>
      malformed(['questions', index, 'next'], 'next must be a question id or null.'),
    );
    const rawOptions = ownValue(raw, 'options');
    if (!Array.isArray(rawOptions)) malformed(['questions', index, 'options'], 'options must be a list.');
    const question: ReadQuestion = {
      index,
      id,
      text: typeof text === 'string' ? text : null,
      multiple: multiple === true,
      next,
      options: [],
      optionCount: Array.isArray(rawOptions) ? rawOptions.length : 0,
    };
    for (const [optionIndex, rawOption] of (Array.isArray(rawOptions) ? rawOptions : []).entries()) {
      const at = ['questions', index, 'options', optionIndex];
      if (!isRecord(rawOption)) {
        malformed(at, 'An option must be an object.');
        continue;
      }
      const value = ownValue(rawOption, 'value');
      if (typeof value !== 'string') {
        malformed([...at, 'value'], 'An option value must be a string.');
        continue;
      }
      const label = ownValue(rawOption, 'label');
      if (typeof label !== 'string') malformed([...at, 'label'], 'An option label must be a string.');
      const optionNext = readNext(ownValue(rawOption, 'next'), () =>
        malformed([...at, 'next'], 'next must be a question id or null.'),
      );
      question.options.push({
        index: optionIndex,
        value,
        label: typeof label === 'string' ? label : null,
        next: optionNext,
        effects: readEffects(ownValue(rawOption, 'effects'), (segments, message) =>
          malformed([...at, 'effects', ...segments], message),
        ),
      });
    }
    result.questions.push(question);
    if (!result.index.has(id)) result.index.set(id, question);
  }
  return result;
}

function readNext(value: unknown, onMalformed: () => void): string | null | undefined {
  if (value === undefined || value === null || typeof value === 'string') return value;
  onMalformed();
  return undefined;
}

function readEffects(
  value: unknown,
  malformed: (segments: (string | number)[], message: string) => void,
): Required<SituationEffects> {
  const effects: Required<SituationEffects> = { materials: [], formSections: [], fees: [] };
  if (value === undefined || value === null) return effects;
  if (!isRecord(value)) {
    malformed([], 'effects must be an object.');
    return effects;
  }
  for (const kind of EFFECT_KINDS) {
    const keys = ownValue(value, kind);
    if (keys === undefined) continue;
    if (!Array.isArray(keys)) {
      malformed([kind], `${kind} must be a list of keys.`);
      continue;
    }
    keys.forEach((key, position) => {
      if (typeof key === 'string') effects[kind as EffectKind].push(key);
      else malformed([kind, position], 'An effect key must be a string.');
    });
  }
  return effects;
}

/** Where a question can lead: for each distinct target, the path of the property that names it. */
function edgesOf(question: ReadQuestion, base: string): Edge[] {
  const edges: Edge[] = [];
  let fallsThrough = question.multiple || question.options.length === 0;
  if (!question.multiple) {
    for (const option of question.options) {
      if (option.next === undefined) fallsThrough = true;
      else
        edges.push({
          target: option.next,
          path: [base, 'questions', question.index, 'options', option.index, 'next'],
        });
    }
  }
  if (fallsThrough)
    edges.push({ target: question.next ?? null, path: [base, 'questions', question.index, 'next'] });
  return edges;
}

/** Question ids reachable from `from` (itself included) by any answers. */
function reachableFrom(from: string, model: ReadTree, base: string): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.pop()!;
    const question = model.index.get(id);
    if (seen.has(id) || question === undefined) continue;
    seen.add(id);
    for (const edge of edgesOf(question, base)) if (edge.target !== null) queue.push(edge.target);
  }
  return seen;
}

/** The options an answer chooses, or `null` (with problems) when the answer is wrong. */
function chooseOptions(
  question: ReadQuestion,
  answer: unknown,
  at: (string | number)[],
  problems: RuleProblem[],
): ReadOption[] | null {
  const byValue = new Map<string, ReadOption>();
  for (const option of question.options) if (!byValue.has(option.value)) byValue.set(option.value, option);
  if (!question.multiple) {
    if (Array.isArray(answer)) {
      problems.push(
        problem(at, 'SITUATION_ANSWER_NOT_SINGLE', `Question "${question.id}" takes one option, not a list.`),
      );
      return null;
    }
    const option = typeof answer === 'string' ? byValue.get(answer) : undefined;
    if (option === undefined) {
      problems.push(
        problem(
          at,
          'SITUATION_UNKNOWN_OPTION',
          `${describeValue(answer)} is not an option of "${question.id}".`,
        ),
      );
      return null;
    }
    return [option];
  }
  if (!Array.isArray(answer)) {
    problems.push(
      problem(at, 'SITUATION_ANSWER_NOT_LIST', `Question "${question.id}" takes a list of options.`),
    );
    return null;
  }
  const chosen: ReadOption[] = [];
  let wrong = false;
  answer.forEach((value: unknown, position) => {
    const option = typeof value === 'string' ? byValue.get(value) : undefined;
    if (option === undefined) {
      problems.push(
        problem(
          [...at, position],
          'SITUATION_UNKNOWN_OPTION',
          `${describeValue(value)} is not an option of "${question.id}".`,
        ),
      );
      wrong = true;
    } else if (!chosen.includes(option)) {
      chosen.push(option);
    }
  });
  return wrong ? null : chosen;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : `A ${value === null ? 'null' : typeof value}`;
}

function isEmptyAnswer(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `object[key]` for own properties only, so `__proto__` or `constructor` never reach the prototype. */
function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

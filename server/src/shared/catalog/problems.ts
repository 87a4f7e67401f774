// Pure and browser-safe: part of server/src/shared, which the web app imports too.

/**
 * One problem found in a definition or in submitted data; `path` is a JSON-pointer-like dotted path (e.g.
 * `situations.questions.2.options.0.next`, `data.applicant.idNumber`). Validators report every problem they
 * find, not just the first, in a deterministic order.
 */
export interface RuleProblem {
  path: string;
  code: string;
  message: string;
}

/**
 * Every code the catalogue rules report, with what it means. Clients switch on the code (the UI translates
 * it); the English message a validator attaches adds the particulars (which key, which bound).
 */
export const RULE_PROBLEM_CODES = {
  // Situation trees (情形引导), checked when an item version is edited or published.
  SITUATION_MALFORMED: 'The situation tree does not have the expected shape.',
  SITUATION_INVALID_ID:
    'A question id must start with a letter or _ and contain only letters, digits, _ and -.',
  SITUATION_DUPLICATE_QUESTION: 'Two questions share an id.',
  SITUATION_DUPLICATE_OPTION: 'Two options of one question share a value.',
  SITUATION_EMPTY_LABEL: 'A question text or an option label is empty.',
  SITUATION_EMPTY_VALUE: 'An option value is empty.',
  SITUATION_TOO_FEW_OPTIONS: 'A question needs at least two options.',
  SITUATION_START_MISSING: 'The tree has questions but no start question.',
  SITUATION_UNKNOWN_REFERENCE: 'A start or next refers to a question that does not exist.',
  SITUATION_UNREACHABLE_QUESTION: 'No path from the start question reaches this question.',
  SITUATION_LOOP: 'A path from the start question comes back to a question it already asked.',
  SITUATION_MULTIPLE_OPTION_NEXT: 'Options of a multiple-choice question cannot choose the next question.',
  SITUATION_UNKNOWN_MATERIAL: 'An option selects a material the item does not have.',
  SITUATION_UNKNOWN_FORM_SECTION: 'An option selects a form section the form does not have.',
  SITUATION_UNKNOWN_FEE: 'An option selects a fee the item does not have.',
  // Situation answers, checked whenever a questionnaire is evaluated.
  SITUATION_ANSWERS_MALFORMED: 'The answers are not an object of question ids to values.',
  SITUATION_ANSWER_NOT_SINGLE: 'A single-choice question was answered with a list.',
  SITUATION_ANSWER_NOT_LIST: 'A multiple-choice question was not answered with a list.',
  SITUATION_UNKNOWN_OPTION: 'An answer is not one of the question’s options.',
  SITUATION_UNKNOWN_QUESTION: 'An answer is given to a question the tree does not have.',
  SITUATION_ANSWER_OFF_PATH: 'An answer is given to a question the other answers do not lead to.',
  // Form definitions, checked when an item version is edited or published.
  FORM_MALFORMED: 'The form definition does not have the expected shape.',
  FORM_UNKNOWN_KEYWORD: 'A keyword is not part of the form definition language (a typo?).',
  FORM_KEYWORD_NOT_APPLICABLE: 'A keyword has no effect on a field of this kind.',
  FORM_INVALID_KEY: 'A field key must start with a letter or _ and contain only letters, digits and _.',
  FORM_DUPLICATE_KEY: 'A field key is listed twice.',
  FORM_UNKNOWN_FIELD: 'A list refers to a field the form does not have.',
  FORM_EMPTY_TITLE: 'A field or section has no title.',
  FORM_UNKNOWN_FIELD_TYPE: 'The field kind (x-kind) is not one the renderers know.',
  FORM_KIND_TYPE_MISMATCH: 'The JSON type does not fit the field kind.',
  FORM_DUPLICATE_SECTION: 'Two sections share a key.',
  FORM_UNKNOWN_SECTION: 'A field is placed in a section the form does not declare.',
  FORM_ENUM_REQUIRED: 'A choice field needs a list of options (enum).',
  FORM_DUPLICATE_OPTION: 'A choice field lists an option twice.',
  FORM_EMPTY_OPTION: 'A choice field has an empty option value (an empty value counts as no answer).',
  FORM_ENUM_LABELS_LENGTH: 'A choice field has a different number of labels than options.',
  FORM_ENUM_CONFLICT: 'A multiple-choice field lists different options in enum and items.enum.',
  FORM_TABLE_ITEMS_REQUIRED: 'A table needs an object schema for its rows (items).',
  FORM_NESTED_TABLE: 'A table cannot contain another table.',
  FORM_INVALID_PATTERN: 'A pattern is not a valid regular expression.',
  FORM_INVALID_FORMAT: 'A date field has a format other than date.',
  FORM_INVALID_BOUND: 'A bound is not a number of the right kind.',
  FORM_INVALID_DATE: 'A date bound is not a real calendar date in the form YYYY-MM-DD.',
  FORM_MIN_GREATER_THAN_MAX: 'A lower bound is greater than the upper bound.',
  FORM_INVALID_PREFILL: 'A prefill source is not applicant, enterprise or licence.',
  FORM_PREFILL_PATH_EMPTY: 'A prefill has no path.',
  FORM_PREFILL_LICENCE_TYPE_REQUIRED: 'A prefill from a licence must name the licence type.',
  FORM_INVALID_ACCEPT: 'An accepted file type is neither an extension (.pdf) nor a MIME type (image/*).',
  // Form data, checked in the browser as the applicant types and on the server when it is submitted.
  DATA_NOT_OBJECT: 'The form data is not an object of field keys to values.',
  FIELD_REQUIRED: 'A required field is empty.',
  FIELD_UNKNOWN: 'The data has a field the form does not have.',
  FIELD_NOT_APPLICABLE: 'The data fills a field in a section the situation does not select.',
  FIELD_TYPE: 'The value has the wrong type for the field.',
  FIELD_TOO_SHORT: 'The text is shorter than allowed.',
  FIELD_TOO_LONG: 'The text is longer than allowed.',
  FIELD_PATTERN: 'The text does not match the required pattern.',
  FIELD_NOT_INTEGER: 'The number must be a whole number.',
  FIELD_TOO_SMALL: 'The number is smaller than allowed.',
  FIELD_TOO_LARGE: 'The number is larger than allowed.',
  FIELD_DATE_INVALID: 'The value is not a real calendar date in the form YYYY-MM-DD.',
  FIELD_DATE_TOO_EARLY: 'The date is earlier than allowed.',
  FIELD_DATE_TOO_LATE: 'The date is later than allowed.',
  FIELD_NOT_IN_OPTIONS: 'The value is not one of the field’s options.',
  FIELD_DUPLICATE_VALUE: 'An option is chosen twice.',
  FIELD_TOO_FEW: 'The list has fewer entries than required.',
  FIELD_TOO_MANY: 'The list has more entries than allowed.',
  FIELD_REGION_INVALID: 'A region code has 6, 9 or 12 digits.',
  FIELD_ID_NUMBER_INVALID: 'The citizen ID number is not valid (GB 11643).',
  FIELD_USCC_INVALID: 'The unified social credit code is not valid (GB 32100).',
  FIELD_PHONE_INVALID: 'The mobile number is not a valid mainland number.',
  FIELD_ATTACHMENT_INVALID: 'An attachment entry lacks fileId, name, sizeKb or type.',
  FIELD_ATTACHMENT_TYPE: 'The file type is not accepted.',
  FIELD_ATTACHMENT_TOO_LARGE: 'The file is larger than allowed.',
} as const;

export type RuleProblemCode = keyof typeof RULE_PROBLEM_CODES;

/** Builds a problem; `path` segments are joined with dots, empty segments (an empty prefix) dropped. */
export function problem(
  path: readonly (string | number)[],
  code: RuleProblemCode,
  message: string,
): RuleProblem {
  return { path: joinPath(path), code, message };
}

/** `['data', 'rows', 2, 'name']` → `data.rows.2.name`; empty segments are dropped. */
export function joinPath(segments: readonly (string | number)[]): string {
  return segments.filter((segment) => segment !== '').join('.');
}

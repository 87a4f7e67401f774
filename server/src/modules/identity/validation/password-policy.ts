/** Password strength rules (等保三级: length and character classes). */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** How many of the four classes (lower case, upper case, digit, other) must appear. */
  minClasses: number;
}

export type PasswordRule = 'minLength' | 'maxLength' | 'minClasses';

export const defaultPasswordPolicy: PasswordPolicy = { minLength: 8, maxLength: 32, minClasses: 3 };

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/] as const;

/** The rules `password` fails, empty when it is acceptable. Length counts characters, not UTF-16 units. */
export function checkPassword(
  password: string,
  policy: PasswordPolicy = defaultPasswordPolicy,
): PasswordRule[] {
  const failed: PasswordRule[] = [];
  const length = Array.from(password).length;
  if (length < policy.minLength) failed.push('minLength');
  if (length > policy.maxLength) failed.push('maxLength');
  if (CLASSES.filter((c) => c.test(password)).length < policy.minClasses) failed.push('minClasses');
  return failed;
}

/** A readable explanation of one failed rule under `policy`. */
export function describePasswordRule(
  rule: PasswordRule,
  policy: PasswordPolicy = defaultPasswordPolicy,
): string {
  switch (rule) {
    case 'minLength':
      return `at least ${policy.minLength} characters`;
    case 'maxLength':
      return `at most ${policy.maxLength} characters`;
    case 'minClasses':
      return `at least ${policy.minClasses} of: lower case, upper case, digit, other character`;
  }
}

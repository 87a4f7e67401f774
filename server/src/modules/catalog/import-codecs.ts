/**
 * How one spreadsheet cell becomes one value and back. A codec reads the cell's value as ExcelJS gives it
 * (text, number, boolean, date, rich text, formula result) and answers the value or a problem in Chinese
 * with a stable code; it writes the value as the cell the export puts there. An empty cell is always
 * `undefined`: the element is absent, and an absent element is exported as an empty cell, so a file
 * exported by Tongban imports to the same guide.
 */
export type Read<T> = { value: T | undefined } | { problem: { code: string; message: string } };

export interface Codec<T> {
  read(raw: unknown): Read<T>;
  write(value: T | undefined): string | number | null;
  /** Allowed values for a drop-down list in the template (short lists only). */
  list?: readonly string[];
}

const fail = (code: string, message: string) => ({ problem: { code, message } });

/** The text of a cell: rich text joined, a formula's result, a hyperlink's text; trimmed, '' when empty. */
export function cellText(raw: unknown): string {
  if (raw == null) return '';
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'object') {
    const cell = raw as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (Array.isArray(cell.richText))
      return cell.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('result' in cell) return cellText(cell.result);
    if (typeof cell.text === 'string') return cell.text.trim();
  }
  return '';
}

export function text(maxLength: number): Codec<string> {
  return {
    read(raw) {
      const value = cellText(raw);
      if (!value) return { value: undefined };
      if (value.length > maxLength)
        return fail('TOO_LONG', `超过 ${maxLength} 个字符（现有 ${value.length} 个）`);
      return { value };
    },
    write: (value) => value ?? null,
  };
}

/** A whole number in [min, max]; accepts a number cell or its text. */
export function integer(min: number, max: number): Codec<number> {
  return {
    read(raw) {
      const value = cellText(raw);
      if (!value) return { value: undefined };
      const number = Number(value);
      if (!Number.isInteger(number) || number < min || number > max)
        return fail('INVALID_NUMBER', `应为 ${min} 到 ${max} 之间的整数，实际为“${value}”`);
      return { value: number };
    },
    write: (value) => value ?? null,
  };
}

/** 金额（元）with at most two decimals, held as fen. */
export const yuan: Codec<number> = {
  read(raw) {
    const value = cellText(raw);
    if (!value) return { value: undefined };
    const number = Number(value);
    const fen = Math.round(number * 100);
    if (!Number.isFinite(number) || number < 0 || Math.abs(fen - number * 100) > 1e-6 || fen > 10_000_000_000)
      return fail('INVALID_NUMBER', `应为不小于 0、最多两位小数的金额（元），实际为“${value}”`);
    return { value: fen };
  },
  write: (fen) => (fen === undefined ? null : fen / 100),
};

/** One of a fixed list: the Chinese label (or, for convenience, the code). */
export function choice<T extends string | number>(options: readonly (readonly [T, string])[]): Codec<T> {
  const labels = options.map(([, label]) => label);
  return {
    list: labels,
    read(raw) {
      const value = cellText(raw);
      if (!value) return { value: undefined };
      const found = options.find(([code, label]) => label === value || String(code) === value);
      if (!found) return fail('INVALID_VALUE', `“${value}”不是可选值（${labels.join('、')}）`);
      return { value: found[0] };
    },
    write: (value) => options.find(([code]) => code === value)?.[1] ?? null,
  };
}

export const yesNo: Codec<boolean> = (() => {
  const inner = choice<'true' | 'false'>([
    ['true', '是'],
    ['false', '否'],
  ]);
  return {
    list: inner.list,
    read(raw) {
      const value = cellText(raw).toLowerCase();
      if (['y', 'yes', '1'].includes(value)) return { value: true };
      if (['n', 'no', '0'].includes(value)) return { value: false };
      const read = inner.read(raw);
      return 'problem' in read
        ? read
        : { value: read.value === undefined ? undefined : read.value === 'true' };
    },
    write: (value) => (value === undefined ? null : value ? '是' : '否'),
  };
})();

/** Several values in one cell, separated by 、，, ; or line breaks. */
export function list(each: Codec<string>, separator = '、'): Codec<string[]> {
  return {
    read(raw) {
      const parts = cellText(raw)
        .split(/[、,，;；\n]/)
        .map((part) => part.trim())
        .filter(Boolean);
      if (parts.length === 0) return { value: undefined };
      const values: string[] = [];
      for (const part of parts) {
        const read = each.read(part);
        if ('problem' in read) return read;
        if (read.value !== undefined) values.push(read.value);
      }
      return { value: values };
    },
    write: (values) => (values?.length ? values.map((v) => each.write(v)).join(separator) : null),
  };
}

/** One entry per line, its parts separated by ｜ or |; `parse` builds the entry from the parts. */
export function lines<T>(
  describe: string,
  parse: (parts: string[]) => T | string,
  format: (entry: T) => string[],
): Codec<T[]> {
  return {
    read(raw) {
      const rows = cellText(raw)
        .split(/\r?\n/)
        .map((row) => row.trim())
        .filter(Boolean);
      if (rows.length === 0) return { value: undefined };
      const entries: T[] = [];
      for (const [i, row] of rows.entries()) {
        const entry = parse(row.split(/[｜|]/).map((part) => part.trim()));
        if (typeof entry === 'string')
          return fail('INVALID_FORMAT', `第 ${i + 1} 行“${row}”：${entry}（格式：${describe}）`);
        entries.push(entry);
      }
      return { value: entries };
    },
    write: (entries) =>
      entries?.length
        ? entries.map((entry) => format(entry).join('｜').replace(/｜+$/, '')).join('\n')
        : null,
  };
}

/** A JSON document (forms, situation trees, 秒批 rules). */
export const json: Codec<unknown> = {
  read(raw) {
    const value = cellText(raw);
    if (!value) return { value: undefined };
    try {
      return { value: JSON.parse(value) as unknown };
    } catch (error) {
      return fail('INVALID_JSON', `不是合法的 JSON：${(error as Error).message}`);
    }
  },
  write: (value) => (value == null ? null : JSON.stringify(value)),
};

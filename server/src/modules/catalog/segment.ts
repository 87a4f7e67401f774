import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * 中文分词 for catalogue search: `@node-rs/jieba` with its default dictionary plus a few government-service
 * words it splits wrongly. Documents are cut in search mode (every word and its shorter dictionary words:
 * 结婚登记 → 结婚, 登记, 结婚登记), queries in the ordinary mode; both go to PostgreSQL's `simple`
 * text-search configuration as space-separated words, so the same code serves PGlite and PostgreSQL.
 */
const DOMAIN_WORDS = [
  '一件事',
  '秒批',
  '告知承诺',
  '社保卡',
  '医保',
  '换领',
  '跨省通办',
  '全程网办',
  '不动产',
];

/** Words a query may contain that say nothing about the item (我要…、如何办理…). */
const STOP_WORDS = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '或',
  '我',
  '我要',
  '想',
  '要',
  '怎么',
  '怎样',
  '如何',
  '哪里',
  '在哪',
  '在',
  '办',
  '办理',
  '需要',
  '什么',
  '吗',
  '呢',
  '请问',
]);

let instance: Jieba | null = null;

/** The segmenter, loaded on first use (about 0.1–0.2 s for the dictionary). */
function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(DOMAIN_WORDS.map((word) => `${word} 10000 n`).join('\n')));
  }
  return instance;
}

const WORD = /^[\p{L}\p{N}]+$/u;
const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

/** The words a document is indexed under (search mode), space-separated for `to_tsvector('simple', …)`. */
export function indexWords(...texts: readonly (string | null | undefined)[]): string {
  const words: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    for (const word of jieba().cutForSearch(normalise(text), true)) if (WORD.test(word)) words.push(word);
  }
  return words.join(' ');
}

/** The words of a query: letters and digits only (safe inside a tsquery), stop words dropped, unique. */
export function queryWords(query: string): string[] {
  const words = jieba()
    .cut(normalise(query), true)
    .filter((word) => WORD.test(word) && !STOP_WORDS.has(word));
  return [...new Set(words)];
}

/**
 * A `to_tsquery('simple', …)` text: every word as a prefix (so 换 still finds 换领), joined by `&`
 * (all words) or `|` (any word). Words are letters and digits only, so no quoting is needed.
 */
export function tsQueryText(words: readonly string[], join: 'all' | 'any'): string {
  return words.map((word) => `${word}:*`).join(join === 'all' ? ' & ' : ' | ');
}

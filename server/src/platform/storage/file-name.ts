/** Longest stored file name, in characters (most file systems allow 255 bytes; Chinese names stay readable). */
export const MAX_FILE_NAME_LENGTH = 200;

// Control characters, and the bidirectional overrides that make `exe.pdf` display as `fdp.exe`.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// Characters Windows refuses in names; replaced so a downloaded file saves under the same name.
const RESERVED = /[<>:"|?*]/g;

/**
 * The name a file is stored and downloaded under: the last path segment of what the client sent (browsers
 * on Windows send `C:\fakepath\…`), NFC-normalised, without control or bidi-override characters, without
 * characters Windows reserves, without leading dots or trailing dots and spaces, at most
 * MAX_FILE_NAME_LENGTH characters with the extension kept. Null when nothing is left.
 */
export function sanitiseFileName(raw: string): string | null {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = lastSegment
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (!name) return null;
  const chars = [...name];
  if (chars.length <= MAX_FILE_NAME_LENGTH) return name;
  const extension = extensionOf(name);
  const suffix = extension ? `.${extension}` : '';
  return chars.slice(0, MAX_FILE_NAME_LENGTH - suffix.length).join('') + suffix;
}

/** The lower-case extension after the last dot (`扫描件.PDF` → `pdf`), or '' when there is none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  const extension = name.slice(dot + 1).toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(extension) ? extension : '';
}

// Display masking for personal data. Works on code points so CJK and astral characters are never split,
// and a value too short to show anything safely is masked completely rather than shown.
const MASK = '*';

function maskKeeping(value: string, keepStart: number, keepEnd: number): string {
  const chars = Array.from(value);
  if (chars.length <= keepStart + keepEnd) return MASK.repeat(chars.length);
  const head = chars.slice(0, keepStart).join('');
  const tail = chars.slice(chars.length - keepEnd).join('');
  return head + MASK.repeat(chars.length - keepStart - keepEnd) + tail;
}

/** '460100199001011234' → '4601**********1234'; 15-digit IDs likewise keep 4 + 4. */
export function maskIdNumber(idNumber: string): string {
  return maskKeeping(idNumber.trim(), 4, 4);
}

/** Mainland mobiles (11 digits starting with 1) keep 3 + 4: '138****5678'; other numbers keep 3 + 2. */
export function maskPhone(phone: string): string {
  const trimmed = phone.trim();
  return /^1\d{10}$/.test(trimmed) ? maskKeeping(trimmed, 3, 4) : maskKeeping(trimmed, 3, 2);
}

/** Keeps the first character: '张三' → '张*', '欧阳娜娜' → '欧***'; a single character becomes '*'. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return MASK.repeat(chars.length);
  return chars[0] + MASK.repeat(chars.length - 1);
}

/** Keeps the first 6 (issuer) and last 4 digits: '622202*********1234'. Spaces and hyphens are dropped. */
export function maskBankCard(cardNumber: string): string {
  return maskKeeping(cardNumber.replace(/[\s-]+/g, ''), 6, 4);
}

/** Keeps the first character of the local part and the domain: 'z*******@example.com'. */
export function maskEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return maskName(trimmed);
  return maskName(trimmed.slice(0, at)) + trimmed.slice(at);
}

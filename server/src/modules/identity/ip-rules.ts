import { BlockList, isIP } from 'node:net';

/** One IPv4 or IPv6 address or CIDR range, as an administrator types it: `10.0.0.0/8`, `2001:db8::/32`. */
export const CIDR_PATTERN = '^[0-9A-Fa-f:.]+(/\\d{1,3})?$';

export function parseCidr(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText] = text.trim().split('/');
  const version = isIP(address);
  if (version === 0) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family };
}

function blockList(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const cidr = parseCidr(range);
    if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return list;
}

/**
 * Whether a staff sign-in from `ip` is allowed: a deny range always wins; with any allow range, the address
 * must be inside one. IPv4-mapped IPv6 addresses (`::ffff:10.1.2.3`) match IPv4 ranges.
 */
export function ipAllowed(ip: string | null, allow: readonly string[], deny: readonly string[]): boolean {
  if (allow.length === 0 && deny.length === 0) return true;
  if (!ip) return false;
  const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : null;
  if (!family) return false;
  if (blockList(deny).check(address, family)) return false;
  return allow.length === 0 || blockList(allow).check(address, family);
}

import { describe, expect, it } from 'vitest';
import { ipAllowed, parseCidr } from './ip-rules.js';

describe('staff IP allow and deny lists', () => {
  it('allows everyone when no list is set', () => {
    expect(ipAllowed('203.0.113.9', [], [])).toBe(true);
  });

  it('requires an allowed range once one is set, for IPv4 and IPv6', () => {
    const allow = ['10.0.0.0/8', '2001:db8::/32'];
    expect(ipAllowed('10.20.30.40', allow, [])).toBe(true);
    expect(ipAllowed('11.0.0.1', allow, [])).toBe(false);
    expect(ipAllowed('2001:db8:1::5', allow, [])).toBe(true);
    expect(ipAllowed('2001:db9::5', allow, [])).toBe(false);
    expect(ipAllowed('::ffff:10.1.2.3', allow, [])).toBe(true);
  });

  it('lets a deny range win over an allow range', () => {
    expect(ipAllowed('10.9.9.9', ['10.0.0.0/8'], ['10.9.0.0/16'])).toBe(false);
    expect(ipAllowed('10.8.9.9', ['10.0.0.0/8'], ['10.9.0.0/16'])).toBe(true);
    expect(ipAllowed('192.0.2.1', [], ['192.0.2.1'])).toBe(false);
  });

  it('refuses an unknown address when a list is set', () => {
    expect(ipAllowed(null, ['10.0.0.0/8'], [])).toBe(false);
    expect(ipAllowed('not-an-ip', [], ['10.0.0.0/8'])).toBe(false);
  });

  it('parses and rejects ranges', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr('2001:db8::')).toEqual({ address: '2001:db8::', prefix: 128, family: 'ipv6' });
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('300.0.0.1')).toBeNull();
  });
});

import type { Logger } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createIdentityVerifier, MockIdentityVerifier } from './verification.js';

function recordingLog() {
  const warn = vi.fn();
  return { log: { warn } as unknown as Logger, warn };
}

describe('identity verification adapters', () => {
  it('the mock verifies exactly the ID numbers with a valid check digit, and says so in the log once', async () => {
    const { log, warn } = recordingLog();
    const mock = new MockIdentityVerifier('development', log);
    expect(mock.name).toBe('mock');
    expect(await mock.verify({ name: '张三', idNumber: '11010519491231002X' })).toEqual({ verified: true });
    expect(await mock.verify({ name: '张三', idNumber: '110105194912310021' })).toMatchObject({
      verified: false,
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/^MockIdentityVerifier in use: /);
  });

  it('the mock refuses to construct in production', () => {
    const { log, warn } = recordingLog();
    expect(() => new MockIdentityVerifier('production', log)).toThrow(/NODE_ENV=production/);
    expect(warn).not.toHaveBeenCalled();
  });

  it('the factory uses the mock outside production, and verifies nobody in production without an adapter', async () => {
    const { log, warn } = recordingLog();
    expect(createIdentityVerifier({ environment: 'test' }, log).name).toBe('mock');
    const production = createIdentityVerifier({ environment: 'production' }, log);
    expect(production.name).toBe('none');
    expect(await production.verify({ name: '张三', idNumber: '11010519491231002X' })).toMatchObject({
      verified: false,
    });
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      expect.stringMatching(/^MockIdentityVerifier in use/),
      expect.stringMatching(/^No identity verification adapter is configured/),
    ]);
  });
});

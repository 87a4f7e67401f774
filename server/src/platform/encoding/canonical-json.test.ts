import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for the same record built in another order', () => {
    expect(canonicalJson({ x: '办件', y: null })).toBe(canonicalJson({ y: null, x: '办件' }));
  });

  it('encodes dates as ISO strings and refuses values JSON cannot hold', () => {
    expect(canonicalJson({ at: new Date('2026-11-23T00:00:00Z') })).toBe('{"at":"2026-11-23T00:00:00.000Z"}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

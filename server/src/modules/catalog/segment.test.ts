import { describe, expect, it } from 'vitest';
import { indexWords, queryWords, tsQueryText } from './segment.js';

describe('Chinese segmentation for search', () => {
  it('indexes every word and its shorter dictionary words', () => {
    expect(indexWords('结婚登记').split(' ')).toEqual(expect.arrayContaining(['结婚', '登记', '结婚登记']));
    expect(indexWords('新生儿出生一件事').split(' ')).toContain('一件事');
    expect(indexWords('护士执业注册（首次注册）')).not.toMatch(/[（）]/);
  });

  it('keeps the words of a query that say something, as safe tsquery text', () => {
    expect(queryWords('我要办理结婚登记')).toEqual(['结婚登记']);
    expect(queryWords('怎么 换领 身份证？')).toEqual(['换领', '身份证']);
    expect(queryWords("x' | !y")).toEqual(['x', 'y']);
    expect(tsQueryText(['护士', '注册'], 'all')).toBe('护士:* & 注册:*');
    expect(tsQueryText(['护士', '注册'], 'any')).toBe('护士:* | 注册:*');
  });
});

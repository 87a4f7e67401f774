import { describe, expect, it } from 'vitest';
import { levelOf, parentOf, pathOf, toDivisionCode } from './codes.js';

describe('division codes', () => {
  it('pads provinces and cities to the full 6-digit code', () => {
    expect(toDivisionCode('46')).toBe('460000');
    expect(toDivisionCode('4601')).toBe('460100');
    expect(toDivisionCode('4690')).toBe('469000');
    expect(toDivisionCode('460105')).toBe('460105');
    expect(toDivisionCode('460105001')).toBe('460105001');
    expect(toDivisionCode('460105001001')).toBe('460105001001');
  });

  it('refuses what is not a division code', () => {
    for (const bad of ['', '4', '460', '46010', '4601050', '46a1', ' 46']) {
      expect(() => toDivisionCode(bad), bad).toThrow(/Not a division code/);
    }
  });

  it('reads the level from the code', () => {
    expect(levelOf('460000')).toBe('province');
    expect(levelOf('460100')).toBe('city');
    expect(levelOf('469000')).toBe('city'); // 省直辖县级行政区划, a grouping node
    expect(levelOf('460400')).toBe('city'); // 儋州市, no counties
    expect(levelOf('460105')).toBe('county');
    expect(levelOf('469001')).toBe('county');
    expect(levelOf('460105001')).toBe('town');
    expect(levelOf('460105001001')).toBe('village');
    expect(() => levelOf('46')).toThrow();
  });

  it('finds the parent and the path from the code alone', () => {
    expect(parentOf('460000')).toBeNull();
    expect(parentOf('460100')).toBe('460000');
    expect(parentOf('460105')).toBe('460100');
    expect(parentOf('460105001')).toBe('460105');
    expect(parentOf('460400100')).toBe('460400'); // a town of 儋州 hangs directly under the city
    expect(parentOf('460105001001')).toBe('460105001');
    expect(pathOf('460000')).toBe('460000');
    expect(pathOf('460105001')).toBe('460000.460100.460105.460105001');
    expect(pathOf('469001100')).toBe('460000.469000.469001.469001100');
    expect(pathOf('460400100')).toBe('460000.460400.460400100');
  });
});

import { describe, expect, it } from 'vitest';
import { isValidBsn } from './StartTrajectPage';

describe('BSN elfproef', () => {
  it('accepts a valid BSN and refuses a typo', () => {
    expect(isValidBsn('999990020')).toBe(true);
    expect(isValidBsn('999990021')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn('abcdefghi')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { describeDue, dueState, formatDate, formatDateTime } from './dates';

describe('Dutch dates', () => {
  it('formats a calendar date and an instant in Amsterdam time', () => {
    expect(formatDate('2026-03-08')).toBe('8 maart 2026');
    // 23:30 UTC on 31 December is already New Year in Amsterdam.
    expect(formatDate('2025-12-31T23:30:00Z')).toBe('1 januari 2026');
    expect(formatDateTime('2026-07-01T06:05:00Z')).toBe('1 juli 2026 om 08:05');
    expect(formatDate(null)).toBe('');
    expect(formatDate('geen datum')).toBe('');
  });

  it('places a due date against the service clock: overdue, today, this week (to Sunday), later', () => {
    const wednesday = '2026-03-04T10:00:00Z';
    expect(dueState('2026-03-03T07:00:00Z', wednesday)).toBe('overdue');
    expect(dueState('2026-03-04T16:00:00Z', wednesday)).toBe('today');
    expect(dueState('2026-03-08T07:00:00Z', wednesday)).toBe('this-week');
    expect(dueState('2026-03-09T07:00:00Z', wednesday)).toBe('later');
    expect(dueState(null, wednesday)).toBe('none');
  });

  it('on a Sunday, Monday is next week', () => {
    expect(dueState('2026-03-09T07:00:00Z', '2026-03-08T10:00:00Z')).toBe('later');
  });

  it('describes how late or how soon in words', () => {
    const now = '2026-03-04T10:00:00Z';
    expect(describeDue('2026-03-01T07:00:00Z', now)).toBe('3 dagen te laat');
    expect(describeDue('2026-03-03T07:00:00Z', now)).toBe('1 dag te laat');
    expect(describeDue('2026-03-04T07:00:00Z', now)).toBe('te laat (vandaag)');
    expect(describeDue('2026-03-04T17:00:00Z', now)).toBe('vandaag');
    expect(describeDue('2026-03-05T07:00:00Z', now)).toBe('morgen');
    expect(describeDue('2026-03-10T07:00:00Z', now)).toBe('over 6 dagen');
  });
});

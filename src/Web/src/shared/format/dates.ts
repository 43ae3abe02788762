// Dutch dates, always in the Netherlands' time zone (the server's instants are UTC; a due date of 08:00 in Amsterdam is
// "8 maart", whatever the browser's own zone).

const zone = 'Europe/Amsterdam';

const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone });
const shortDateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: zone });
const timeFormat = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: zone });
const partsFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone });

/** A calendar date (yyyy-MM-dd) or an instant, as "8 maart 2026". */
export function formatDate(value: string | null | undefined): string {
  const date = parse(value);
  return date ? dateFormat.format(date) : '';
}

/** As "8 mrt 2026". */
export function formatShortDate(value: string | null | undefined): string {
  const date = parse(value);
  return date ? shortDateFormat.format(date) : '';
}

/** An instant as "8 maart 2026 om 14:05". */
export function formatDateTime(value: string | null | undefined): string {
  const date = parse(value);
  return date ? `${dateFormat.format(date)} om ${timeFormat.format(date)}` : '';
}

/** The calendar day (yyyy-MM-dd) of an instant or date in Amsterdam. */
export function dayOf(value: string | Date): string {
  const date = typeof value === 'string' ? parse(value) : value;
  return date ? partsFormat.format(date) : '';
}

export type DueState = 'none' | 'overdue' | 'today' | 'this-week' | 'later';

/**
 * Where a due date stands from "now" (the service's clock): overdue (past), today, this week (until Sunday, Amsterdam)
 * or later.
 */
export function dueState(due: string | null | undefined, now: string | Date): DueState {
  const dueDate = parse(due);
  const nowDate = typeof now === 'string' ? parse(now) : now;
  if (!dueDate || !nowDate) {
    return 'none';
  }

  if (dueDate.getTime() < nowDate.getTime()) {
    return 'overdue';
  }

  const dueDay = dayOf(dueDate);
  const today = dayOf(nowDate);
  if (dueDay === today) {
    return 'today';
  }

  return dueDay < endOfWeek(today) ? 'this-week' : 'later';
}

/** A short Dutch phrase for a due date relative to now: "3 dagen te laat", "vandaag", "over 2 dagen". */
export function describeDue(due: string | null | undefined, now: string | Date): string {
  const dueDate = parse(due);
  const nowDate = typeof now === 'string' ? parse(now) : now;
  if (!dueDate || !nowDate) {
    return '';
  }

  const days = dayNumber(dayOf(dueDate)) - dayNumber(dayOf(nowDate));
  if (days < 0) {
    return days === -1 ? '1 dag te laat' : `${-days} dagen te laat`;
  }

  if (days === 0) {
    return dueDate.getTime() < nowDate.getTime() ? 'te laat (vandaag)' : 'vandaag';
  }

  return days === 1 ? 'morgen' : `over ${days} dagen`;
}

/** The day after the Sunday of the week that holds `day` (yyyy-MM-dd), weeks starting on Monday. */
function endOfWeek(day: string): string {
  const n = dayNumber(day);
  const weekday = (new Date(n * 86_400_000).getUTCDay() + 6) % 7; // Monday = 0
  return fromDayNumber(n + 7 - weekday);
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

function parse(value: string | null | undefined): Date | null {
  if (!value) {
    return null;
  }

  // A plain calendar date is that day in Amsterdam; noon keeps it on that day in any zone.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

// Days in a member's own time zone. A task is due on a calendar day, and "today" differs across the
// world: at 03:00 UTC it is still yesterday in New York. Every due-date comparison therefore uses
// the assignee's zone (members.time_zone, else the workspace's), in SQL or here.
import { type SQL, sql } from 'drizzle-orm';

/**
 * The assignee's calendar day at `now`, as SQL. Expects the query to alias the assignee as `m`
 * and their workspace as `w`.
 */
export function assigneeTodaySql(now: Date): SQL {
  return sql`((${now.toISOString()})::timestamptz at time zone coalesce(m.time_zone, w.time_zone))::date`;
}

/** The calendar day (YYYY-MM-DD) in `timeZone` at `now`. */
export function localDate(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** The hour (0-23) and ISO weekday (1 Monday .. 7 Sunday) in `timeZone` at `now`. */
export function localClock(timeZone: string, now: Date = new Date()): { hour: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
  const day = parts.find((p) => p.type === 'weekday')?.value ?? 'Mon';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(day) + 1;
  return { hour, weekday };
}

/** A calendar day plus `days` (negative goes back). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

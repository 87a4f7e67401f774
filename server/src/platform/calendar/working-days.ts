/**
 * 工作日时限 — the statutory working-day clock of case handling. Pure functions, no database.
 *
 * Dates. A calendar date is an Asia/Shanghai date written `'YYYY-MM-DD'`. China keeps UTC+8 all year (no
 * DST since 1991), so an instant's date is computed with a fixed offset, never with the process time zone.
 *
 * Working days (工作日) come from the data of the `chinese-days` package: the State Council's yearly holiday
 * notices (国务院办公厅关于部分节假日安排的通知) with their make-up workdays (调休). A Saturday make-up
 * workday is a working day; a weekday holiday is not. For a year the data does not cover
 * ({@link calendarCovers} is false) the calendar falls back to Monday–Friday.
 *
 * The clock. A time limit of N working days starts on the day after the start instant's date (期间开始之日
 * 不计算在内). A working day counts towards the limit unless the case was paused at some moment of that day:
 * every day from the Shanghai date of a pause's `from` to the date of its `to` (both included) is left out,
 * so a day on which a suspension (中止) or a supplement period (补正) began or ended is never counted, and
 * the applicant's limit is never consumed by a pause. The due date is the day on which the N-th counted
 * working day falls; a limit of 0 days (即办件) is due on the start date itself. While a pause is open the
 * due date is unknown (null), unless the limit had already run out before that pause began.
 */
import { createRequire } from 'node:module';

/** 中止 / 补正 / 听证 … — an interval during which the clock stands still; `to` null: still paused. */
export interface Pause {
  from: Date;
  to: Date | null;
}

export type ClockStatus = 'normal' | 'nearDue' | 'overdue' | 'paused';

export interface ClockInput {
  /** When the limit starts (受理时间); its Shanghai date itself is never counted. */
  start: Date;
  /** The limit in working days (承诺时限), a non-negative integer; 0 for 即办件. */
  limitDays: number;
  pauses: readonly Pause[];
  now: Date;
  /** Share of the limit after which the case is near due (临近超期); 0.8 unless given. */
  nearDueRatio?: number;
}

export interface ClockState {
  /** Working days counted from the day after the start up to and including today. */
  usedDays: number;
  /** `limitDays − usedDays`; negative once more working days than the limit have been counted. */
  remainingDays: number;
  /** The date of the last day of the limit; null while an open pause makes it unknown. */
  dueDate: string | null;
  /** The date from which the state is nearDue; null while an open pause makes it unknown. */
  nearDueDate: string | null;
  state: ClockStatus;
}

export const DEFAULT_NEAR_DUE_RATIO = 0.8;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------------------
// Dates as day numbers: days since 1970-01-01, the unit every loop below works in.

/** The Shanghai date of an instant: `2025-09-30T16:00:00Z` → `'2025-10-01'`. */
export function shanghaiDate(instant: Date): string {
  return dateOfDay(shanghaiDay(instant));
}

function shanghaiDay(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

function dayOfDate(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const check = new Date(ms);
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return ms / DAY_MS;
    }
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
}

function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday; day 0 (1970-01-01) was a Thursday. */
function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------------------
// The holiday data. The package's functions are not used: they read dates in the process time zone and
// answer for the wrong day west of UTC. Its JSON file (documented in its README) is keyed by plain dates.

interface HolidayData {
  /** Days off by the package's data, and make-up workdays: day number → working or not. */
  overrides: ReadonlyMap<number, boolean>;
  coveredYears: ReadonlySet<number>;
}

let holidayData: HolidayData | undefined;

function loadHolidayData(): HolidayData {
  if (holidayData) return holidayData;
  const require = createRequire(import.meta.url);
  const raw = require('chinese-days/dist/chinese-days.json') as {
    holidays?: Record<string, string>;
    workdays?: Record<string, string>;
  };
  if (typeof raw.holidays !== 'object' || typeof raw.workdays !== 'object') {
    throw new Error('chinese-days/dist/chinese-days.json lacks holidays or workdays');
  }
  const overrides = new Map<number, boolean>();
  const coveredYears = new Set<number>();
  for (const date of Object.keys(raw.holidays)) {
    overrides.set(dayOfDate(date), false);
    // 元旦 is a holiday every year (全国年节及纪念日放假办法): a year is covered when its 1 January is listed.
    if (date.endsWith('-01-01')) coveredYears.add(Number(date.slice(0, 4)));
  }
  for (const date of Object.keys(raw.workdays)) overrides.set(dayOfDate(date), true);
  holidayData = { overrides, coveredYears };
  return holidayData;
}

/** Whether the holiday data covers `year`; outside it, working days are Monday–Friday. */
export function calendarCovers(year: number): boolean {
  return loadHolidayData().coveredYears.has(year);
}

function computeWorking(day: number): boolean {
  const override = loadHolidayData().overrides.get(day);
  if (override !== undefined) return override;
  const weekday = weekdayOfDay(day);
  return weekday !== 0 && weekday !== 6;
}

// One byte per day from 2000 to 2100 (37 KB), filled a year at a time on first use:
// 0 not yet filled, 1 working day, 2 day off. Days outside the range are computed on each call.
const TABLE_FIRST_DAY = Date.UTC(2000, 0, 1) / DAY_MS;
const workingTable = new Uint8Array(Date.UTC(2101, 0, 1) / DAY_MS - TABLE_FIRST_DAY);

function fillYear(year: number): void {
  const first = Math.max(Date.UTC(year, 0, 1) / DAY_MS, TABLE_FIRST_DAY);
  const end = Math.min(Date.UTC(year + 1, 0, 1) / DAY_MS, TABLE_FIRST_DAY + workingTable.length);
  for (let day = first; day < end; day++) workingTable[day - TABLE_FIRST_DAY] = computeWorking(day) ? 1 : 2;
}

function isWorkingDayNumber(day: number): boolean {
  const index = day - TABLE_FIRST_DAY;
  if (index < 0 || index >= workingTable.length) return computeWorking(day);
  if (workingTable[index] === 0) fillYear(new Date(day * DAY_MS).getUTCFullYear());
  return workingTable[index] === 1;
}

/** 工作日: a Saturday make-up workday is one, a weekday holiday is not. */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(dayOfDate(date));
}

/** The date of the `days`-th working day after `date` (`date` itself never counts); 0 returns `date`. */
export function addWorkingDays(date: string, days: number): string {
  assertDayCount('days', days);
  return dateOfDay(nthCountedDay(dayOfDate(date), days, [])!);
}

// ---------------------------------------------------------------------------------------------------------
// The clock over pauses.

/** Days left out by pauses, as sorted, merged inclusive ranges; `last` is Infinity for an open pause. */
interface PausedDays {
  first: number;
  last: number;
}

function pausedDays(pauses: readonly Pause[]): PausedDays[] {
  const ranges = pauses.map(({ from, to }) => {
    const first = shanghaiDay(from);
    if (to === null) return { first, last: Number.POSITIVE_INFINITY };
    if (to.getTime() < from.getTime()) {
      throw new RangeError(`Pause ends before it begins: ${from.toISOString()} → ${to.toISOString()}`);
    }
    return { first, last: shanghaiDay(to) };
  });
  ranges.sort((a, b) => a.first - b.first);
  const merged: PausedDays[] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range.first <= previous.last + 1) previous.last = Math.max(previous.last, range.last);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * The day on which the n-th counted working day after `startDay` falls, `startDay` for n = 0, or null when an
 * open pause begins before it is reached.
 */
function nthCountedDay(startDay: number, n: number, paused: readonly PausedDays[]): number | null {
  let day = startDay;
  let remaining = n;
  let next = 0;
  while (remaining > 0) {
    day++;
    while (next < paused.length && paused[next]!.last < day) next++;
    const range = paused[next];
    if (range && range.first <= day) {
      if (range.last === Number.POSITIVE_INFINITY) return null;
      day = range.last;
      continue;
    }
    if (isWorkingDayNumber(day)) remaining--;
  }
  return day;
}

function countBetween(startDay: number, untilDay: number, paused: readonly PausedDays[]): number {
  let count = 0;
  let next = 0;
  for (let day = startDay + 1; day <= untilDay; day++) {
    while (next < paused.length && paused[next]!.last < day) next++;
    const range = paused[next];
    if (range && range.first <= day) {
      day = range.last;
      continue;
    }
    if (isWorkingDayNumber(day)) count++;
  }
  return count;
}

/** Working days counted towards a limit: strictly after `start`'s date, up to and including `until`'s. */
export function countedWorkingDays(start: Date, until: Date, pauses: readonly Pause[]): number {
  return countBetween(shanghaiDay(start), shanghaiDay(until), pausedDays(pauses));
}

/**
 * The date on which the `limitDays`-th counted working day falls, given the pauses known so far; null while
 * an open pause makes it unknown. A limit of 0 is due on the start date.
 */
export function dueDate(start: Date, limitDays: number, pauses: readonly Pause[]): string | null {
  assertDayCount('limitDays', limitDays);
  const day = nthCountedDay(shanghaiDay(start), limitDays, pausedDays(pauses));
  return day === null ? null : dateOfDay(day);
}

/** The number of used days from which a case is near due: ⌈limitDays × ratio⌉. */
export function nearDueThreshold(limitDays: number, nearDueRatio = DEFAULT_NEAR_DUE_RATIO): number {
  assertDayCount('limitDays', limitDays);
  if (!(nearDueRatio >= 0 && nearDueRatio <= 1)) {
    throw new RangeError(`nearDueRatio must lie in [0, 1], got ${nearDueRatio}`);
  }
  // The epsilon keeps binary rounding (7 × 0.8 = 5.6000000000000005) from pushing an exact product up.
  return Math.max(0, Math.min(limitDays, Math.ceil(limitDays * nearDueRatio - 1e-9)));
}

/**
 * The clock of one case at `now`. Overdue once today is after the due date (even if paused since);
 * otherwise paused while a pause is open or `now` lies within one; otherwise nearDue once the used days reach
 * {@link nearDueThreshold}, i.e. from `nearDueDate` on.
 */
export function clockState(input: ClockInput): ClockState {
  const { start, limitDays, pauses, now } = input;
  const threshold = nearDueThreshold(limitDays, input.nearDueRatio ?? DEFAULT_NEAR_DUE_RATIO);
  const startDay = shanghaiDay(start);
  const today = shanghaiDay(now);
  const paused = pausedDays(pauses);
  const dueDay = nthCountedDay(startDay, limitDays, paused);
  const nearDueDay = nthCountedDay(startDay, threshold, paused);
  const usedDays = countBetween(startDay, today, paused);
  const pausedNow = pauses.some((p) => p.from <= now && (p.to === null || now < p.to));
  let state: ClockStatus;
  if (dueDay !== null && today > dueDay) state = 'overdue';
  else if (dueDay === null || pausedNow) state = 'paused';
  else if (usedDays >= threshold) state = 'nearDue';
  else state = 'normal';
  return {
    usedDays,
    remainingDays: limitDays - usedDays,
    dueDate: dueDay === null ? null : dateOfDay(dueDay),
    nearDueDate: nearDueDay === null ? null : dateOfDay(nearDueDay),
    state,
  };
}

function assertDayCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

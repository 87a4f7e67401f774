import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarCovers,
  clockState,
  countedWorkingDays,
  dueDate,
  isWorkingDay,
  nearDueThreshold,
  type Pause,
  shanghaiDate,
} from './working-days.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An instant given as Shanghai wall-clock time: `at('2025-09-26 10:00')`. */
function at(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

function aPause(from: string, to: string | null): Pause {
  return { from: at(from), to: to === null ? null : at(to) };
}

/** Every date from `first` to `last`, both included. */
function datesFrom(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= Date.parse(`${last}T00:00:00Z`); ms += DAY) {
    dates.push(new Date(ms).toISOString().slice(0, 10));
  }
  return dates;
}

describe('Shanghai dates', () => {
  it('reads an instant at UTC+8 whatever the process time zone', () => {
    expect(shanghaiDate(new Date('2025-09-30T15:59:59.999Z'))).toBe('2025-09-30');
    expect(shanghaiDate(new Date('2025-09-30T16:00:00Z'))).toBe('2025-10-01');
    expect(shanghaiDate(at('2025-12-31 23:59'))).toBe('2025-12-31');
    expect(shanghaiDate(at('2026-01-01 00:00'))).toBe('2026-01-01');
  });

  it('refuses invalid instants and malformed or impossible dates', () => {
    expect(() => shanghaiDate(new Date('nonsense'))).toThrow(RangeError);
    expect(() => isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => isWorkingDay('2025-9-1')).toThrow(RangeError);
    expect(() => addWorkingDays('2025-13-01', 1)).toThrow(RangeError);
  });
});

describe('working days from the State Council holiday notices', () => {
  // 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）,
  // https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm:
  // 国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
  it('2025 National Day and Mid-Autumn: 1–8 October off, Sunday 28 September and Saturday 11 October worked', () => {
    for (const date of datesFrom('2025-10-01', '2025-10-08')) expect(isWorkingDay(date), date).toBe(false);
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
    expect(isWorkingDay('2025-09-27')).toBe(false);
    expect(isWorkingDay('2025-10-09')).toBe(true);
    expect(isWorkingDay('2025-10-12')).toBe(false);
  });

  it('a 5-working-day limit accepted on Friday 26 September 2025 is due on Friday 10 October', () => {
    // 27 Sat off; 28 Sun worked (1); 29 Mon (2); 30 Tue (3); 1–8 Oct off; 9 Thu (4); 10 Fri (5).
    expect(addWorkingDays('2025-09-26', 5)).toBe('2025-10-10');
    expect(dueDate(at('2025-09-26 16:30'), 5, [])).toBe('2025-10-10');
    expect(countedWorkingDays(at('2025-09-26 16:30'), at('2025-10-09 09:00'), [])).toBe(4);
  });

  // 国务院办公厅关于2026年部分节假日安排的通知 (November 2025),
  // https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm:
  // 春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
  it('2026 Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked', () => {
    for (const date of datesFrom('2026-02-15', '2026-02-23')) expect(isWorkingDay(date), date).toBe(false);
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });

  // 2025 notice: 劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
  it('2025 Labour Day: 1–5 May off, Sunday 27 April worked', () => {
    for (const date of datesFrom('2025-05-01', '2025-05-05')) expect(isWorkingDay(date), date).toBe(false);
    expect(isWorkingDay('2025-04-27')).toBe(true);
    expect(addWorkingDays('2025-04-30', 1)).toBe('2025-05-06');
  });

  it('a holiday on a weekday is not a working day, an ordinary weekend day is not either', () => {
    expect(isWorkingDay('2025-01-01')).toBe(false); // 元旦, a Wednesday (2025 notice: 1月1日（周三）放假1天)
    expect(isWorkingDay('2026-06-19')).toBe(false); // 端午, a Friday (2026 notice: 6月19日（周五）至21日（周日）放假)
    expect(isWorkingDay('2025-03-08')).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2025-03-10')).toBe(true); // an ordinary Monday
  });

  // 2026 notice: 元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
  it('counts across the year boundary into the 2026 New Year holiday and its Sunday make-up day', () => {
    for (const date of datesFrom('2026-01-01', '2026-01-03')) expect(isWorkingDay(date), date).toBe(false);
    expect(isWorkingDay('2025-12-31')).toBe(true);
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(dueDate(at('2025-12-30 11:00'), 3, [])).toBe('2026-01-05');
  });

  it('covers 2004–2026 and falls back to Monday–Friday outside the data', () => {
    for (let year = 2004; year <= 2026; year++) expect(calendarCovers(year), String(year)).toBe(true);
    expect(calendarCovers(2003)).toBe(false);
    expect(calendarCovers(2099)).toBe(false);
    expect(isWorkingDay('2099-01-01')).toBe(true); // a Thursday: the real 元旦 is not known yet
    expect(isWorkingDay('2099-01-03')).toBe(false); // a Saturday
    expect(addWorkingDays('2099-01-02', 1)).toBe('2099-01-05');
  });

  it('adds 0 working days as the date itself, even on a holiday, and refuses negative or fractional days', () => {
    expect(addWorkingDays('2025-10-01', 0)).toBe('2025-10-01');
    expect(() => addWorkingDays('2025-10-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-10-01', 1.5)).toThrow(RangeError);
    expect(() => dueDate(at('2025-10-01 09:00'), Number.NaN, [])).toThrow(RangeError);
  });
});

describe('the clock over pauses', () => {
  // March 2025 has no holiday: Monday 3 March + 5 working days = Monday 10 March.
  const start = at('2025-03-03 10:00');

  it('pushes the due date by exactly the working days a suspension covers', () => {
    expect(dueDate(start, 5, [])).toBe('2025-03-10');
    // Paused Wednesday 5 to Friday 7 March: three working days left out.
    const pauses = [aPause('2025-03-05 10:00', '2025-03-07 15:00')];
    expect(dueDate(start, 5, pauses)).toBe(addWorkingDays('2025-03-10', 3));
    expect(dueDate(start, 5, pauses)).toBe('2025-03-13');
    expect(countedWorkingDays(start, at('2025-03-07 18:00'), pauses)).toBe(1);
  });

  it('leaves out a day on which a pause starts and ends', () => {
    expect(dueDate(start, 5, [aPause('2025-03-05 09:00', '2025-03-05 11:00')])).toBe('2025-03-11');
    expect(dueDate(start, 5, [aPause('2025-03-05 09:00', '2025-03-05 09:00')])).toBe('2025-03-11');
  });

  it('leaves out both days touched by a pause of two minutes across midnight', () => {
    expect(dueDate(start, 5, [aPause('2025-03-05 23:59', '2025-03-06 00:01')])).toBe('2025-03-12');
  });

  it('does not count the day a pause that began before the start ends on', () => {
    expect(dueDate(start, 5, [aPause('2025-03-01 09:00', '2025-03-04 09:00')])).toBe('2025-03-11');
  });

  it('does not push the due date for a pause on days off', () => {
    expect(dueDate(start, 5, [aPause('2025-03-08 09:00', '2025-03-09 18:00')])).toBe('2025-03-10');
  });

  it('leaves the due date unknown while a pause is open', () => {
    const pauses = [aPause('2025-03-06 14:00', null)];
    expect(dueDate(start, 5, pauses)).toBeNull();
    const clock = clockState({ start, limitDays: 5, pauses, now: at('2025-03-12 09:00') });
    // Tuesday 4 and Wednesday 5 counted; Thursday 6 on, paused.
    expect(clock).toEqual({
      usedDays: 2,
      remainingDays: 3,
      dueDate: null,
      nearDueDate: null,
      state: 'paused',
    });
  });

  it('keeps a case overdue when it is paused after its due date', () => {
    const pauses = [aPause('2025-03-11 10:00', null)];
    expect(dueDate(start, 5, pauses)).toBe('2025-03-10');
    expect(clockState({ start, limitDays: 5, pauses, now: at('2025-03-12 09:00') }).state).toBe('overdue');
  });

  it('is paused while now lies within a pause, and counts again after it', () => {
    const pauses = [aPause('2025-03-05 10:00', '2025-03-07 15:00')];
    expect(clockState({ start, limitDays: 5, pauses, now: at('2025-03-06 12:00') }).state).toBe('paused');
    expect(clockState({ start, limitDays: 5, pauses, now: at('2025-03-10 12:00') })).toMatchObject({
      usedDays: 2,
      state: 'normal',
    });
  });

  it('moves from normal to nearDue to overdue on the right dates', () => {
    // 10 working days from Monday 3 March: nearDue from the 8th (Thursday 13), due on the 10th (Monday 17).
    const clock = (now: string) => clockState({ start, limitDays: 10, pauses: [], now: at(now) });
    expect(clock('2025-03-12 17:00')).toEqual({
      usedDays: 7,
      remainingDays: 3,
      dueDate: '2025-03-17',
      nearDueDate: '2025-03-13',
      state: 'normal',
    });
    expect(clock('2025-03-13 08:00')).toMatchObject({ usedDays: 8, state: 'nearDue' });
    expect(clock('2025-03-16 08:00')).toMatchObject({ usedDays: 9, state: 'nearDue' });
    expect(clock('2025-03-17 23:59')).toMatchObject({ usedDays: 10, remainingDays: 0, state: 'nearDue' });
    expect(clock('2025-03-18 00:00')).toMatchObject({ usedDays: 11, remainingDays: -1, state: 'overdue' });
  });

  it('makes a 0-day limit (即办件) due and near due on the start date, overdue the next day', () => {
    const clock = (now: string) => clockState({ start, limitDays: 0, pauses: [], now: at(now) });
    expect(clock('2025-03-03 17:00')).toEqual({
      usedDays: 0,
      remainingDays: 0,
      dueDate: '2025-03-03',
      nearDueDate: '2025-03-03',
      state: 'nearDue',
    });
    expect(clock('2025-03-04 09:00').state).toBe('overdue');
  });

  it('takes the near-due threshold as the ceiling of limit × ratio', () => {
    expect(nearDueThreshold(10)).toBe(8);
    expect(nearDueThreshold(5)).toBe(4);
    expect(nearDueThreshold(7)).toBe(6);
    expect(nearDueThreshold(1)).toBe(1);
    expect(nearDueThreshold(0)).toBe(0);
    expect(nearDueThreshold(20, 0.5)).toBe(10);
    expect(() => nearDueThreshold(10, 1.5)).toThrow(RangeError);
    expect(clockState({ start, limitDays: 10, pauses: [], now: start, nearDueRatio: 0.5 }).nearDueDate).toBe(
      '2025-03-10',
    );
  });

  it('refuses a pause that ends before it begins', () => {
    expect(() => dueDate(start, 5, [aPause('2025-03-05 10:00', '2025-03-04 10:00')])).toThrow(RangeError);
  });
});

describe('clock properties', () => {
  const FIRST = Date.parse('2025-01-01T00:00:00+08:00');
  const LAST = Date.parse('2026-12-31T23:59:59+08:00');

  /** Non-overlapping pauses from 3 days before the start on, short and long, the last one possibly open. */
  function pausesAfter(start: number) {
    const step = fc.record({
      gap: fc.oneof(fc.integer({ min: 1, max: 6 * HOUR }), fc.integer({ min: 1, max: 30 * DAY })),
      length: fc.oneof(fc.integer({ min: 0, max: 6 * HOUR }), fc.integer({ min: 0, max: 15 * DAY })),
    });
    return fc.tuple(fc.array(step, { maxLength: 6 }), fc.boolean()).map(([steps, lastOpen]) => {
      let cursor = start - 3 * DAY;
      const pauses: Pause[] = steps.map(({ gap, length }) => {
        const from = cursor + gap;
        cursor = from + length;
        return { from: new Date(from), to: new Date(cursor) };
      });
      if (lastOpen && pauses.length > 0) pauses[pauses.length - 1]!.to = null;
      return pauses;
    });
  }

  const aCase = fc.integer({ min: FIRST, max: LAST }).chain((start) =>
    fc.record({
      start: fc.constant(new Date(start)),
      limitDays: fc.integer({ min: 0, max: 60 }),
      pauses: pausesAfter(start),
      until: fc.integer({ min: 0, max: 200 * DAY }).map((offset) => new Date(start + offset)),
    }),
  );

  function dayStart(date: string): number {
    return Date.parse(`${date}T00:00:00+08:00`);
  }

  /** Whether the case was paused at some moment of a Shanghai date, judged on instants. */
  function touched(date: string, pauses: readonly Pause[]): boolean {
    const from = dayStart(date);
    return pauses.some((p) => p.from.getTime() < from + DAY && (p.to === null || p.to.getTime() >= from));
  }

  function nextDate(date: string): string {
    return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
  }

  /** The rule, walked day by day: the dates counted after start's date up to until's. */
  function countedDates(start: Date, until: Date, pauses: readonly Pause[]): string[] {
    const last = new Date(until.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    const counted: string[] = [];
    let date = nextDate(new Date(start.getTime() + 8 * HOUR).toISOString().slice(0, 10));
    for (; date <= last; date = nextDate(date)) {
      if (isWorkingDay(date) && !touched(date, pauses)) counted.push(date);
    }
    return counted;
  }

  /** The rule, walked day by day: the date of the n-th counted day, or null when an open pause comes first. */
  function walkedDueDate(start: Date, n: number, pauses: readonly Pause[]): string | null {
    let date = new Date(start.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    for (let remaining = n; remaining > 0; ) {
      date = nextDate(date);
      if (pauses.some((p) => p.to === null && p.from.getTime() < dayStart(date) + DAY)) return null;
      if (isWorkingDay(date) && !touched(date, pauses)) remaining--;
    }
    return date;
  }

  const noon = (date: string) => new Date(dayStart(date) + 12 * HOUR);

  it('never counts a day touched by a pause, and counts every other working day', () => {
    fc.assert(
      fc.property(aCase, ({ start, limitDays, pauses, until }) => {
        const counted = countedDates(start, until, pauses);
        expect(countedWorkingDays(start, until, pauses)).toBe(counted.length);
        const due = dueDate(start, limitDays, pauses);
        expect(due).toBe(walkedDueDate(start, limitDays, pauses));
        if (due !== null && limitDays > 0) {
          expect(isWorkingDay(due)).toBe(true);
          expect(touched(due, pauses)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('counts exactly the limit up to the due date and one less the day before', () => {
    fc.assert(
      fc.property(aCase, ({ start, limitDays, pauses }) => {
        const due = dueDate(start, limitDays, pauses);
        fc.pre(due !== null && limitDays > 0);
        const dueDay = due as string;
        expect(countedWorkingDays(start, noon(dueDay), pauses)).toBe(limitDays);
        expect(countedWorkingDays(start, new Date(noon(dueDay).getTime() - DAY), pauses)).toBe(limitDays - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('never makes the due date earlier when a pause is added', () => {
    fc.assert(
      fc.property(
        aCase,
        fc.integer({ min: -5 * DAY, max: 120 * DAY }),
        fc.integer({ min: 0, max: 10 * DAY }),
        ({ start, limitDays, pauses }, offset, length) => {
          const from = new Date(start.getTime() + offset);
          const extra: Pause = { from, to: new Date(from.getTime() + length) };
          const before = dueDate(start, limitDays, pauses);
          const after = dueDate(start, limitDays, [...pauses, extra]);
          if (before === null) expect(after).toBeNull();
          else if (after !== null) expect(after >= before).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same state as comparing today with the dueDate and nearDueDate columns', () => {
    fc.assert(
      fc.property(aCase, ({ start, limitDays, pauses, until: now }) => {
        const clock = clockState({ start, limitDays, pauses, now });
        const today = shanghaiDate(now);
        const pausedNow = pauses.some((p) => p.from <= now && (p.to === null || now < p.to));
        if (clock.dueDate !== null && today > clock.dueDate) expect(clock.state).toBe('overdue');
        else if (clock.dueDate === null || pausedNow) expect(clock.state).toBe('paused');
        else expect(clock.state).toBe(today >= clock.nearDueDate! ? 'nearDue' : 'normal');
        expect(clock.usedDays).toBe(countedWorkingDays(start, now, pauses));
        expect(clock.remainingDays).toBe(limitDays - clock.usedDays);
      }),
      { numRuns: 300 },
    );
  });
});

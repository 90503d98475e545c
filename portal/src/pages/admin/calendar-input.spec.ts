import { calendarInput, type CalendarValues } from './CalendarEditor';

describe('the business calendar an admin saves', () => {
  it('reads opening hours, holidays in date order and 调休 make-up days with their hours; closures stay', () => {
    const values: CalendarValues = {
      name: ' 上海办公时间 ',
      timeZone: 'Asia/Shanghai',
      hours: {
        monday: '09:00-12:00, 13:00-18:00',
        tuesday: '09:00–18:00',
        wednesday: '09:00-18:00',
        thursday: '09:00-18:00',
        friday: '09:00-17:00',
        saturday: '',
        sunday: '',
      },
      holidays: ['2026-10-02', '2026-10-01'],
      makeUpDays: ['2026-10-11 09:00-18:00', ' 2026-09-28  09:00-12:00，13:00-18:00 '],
    };
    const closure = { start: '2026-12-31T06:00:00Z', end: '2026-12-31T10:00:00Z' };
    expect(calendarInput(values, [closure])).toEqual({
      name: '上海办公时间',
      timeZone: 'Asia/Shanghai',
      weeklyHours: {
        monday: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ],
        tuesday: [{ start: '09:00', end: '18:00' }],
        wednesday: [{ start: '09:00', end: '18:00' }],
        thursday: [{ start: '09:00', end: '18:00' }],
        friday: [{ start: '09:00', end: '17:00' }],
        saturday: [],
        sunday: [],
      },
      holidays: ['2026-10-01', '2026-10-02'],
      closures: [closure],
      makeUpDays: [
        { date: '2026-10-11', hours: [{ start: '09:00', end: '18:00' }] },
        {
          date: '2026-09-28',
          hours: [
            { start: '09:00', end: '12:00' },
            { start: '13:00', end: '18:00' },
          ],
        },
      ],
    });
  });
});

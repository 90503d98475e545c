import type { DataSource, EntityManager } from 'typeorm';
import { audit, changesOf } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import { NotFoundError, requireExpectedVersion, underInput } from '@crm/platform/errors';
import { requireUuid } from '@crm/platform/ids';
import { idempotentCreate, inputRequest } from '@crm/platform/idempotency';
import {
  validateBusinessCalendar,
  weekdays,
  type BusinessCalendar,
  type OpeningHours,
  type Weekday,
} from '../domain/business-calendar';
import type { CountablePage } from '@crm/platform/pagination';
import {
  calendarColumns,
  calendarPage,
  calendarsById,
  type BusinessCalendarRow,
  type SettingsPageQuery,
} from '../db/sla-settings-rows';
import { requireSlaSettingsEditor, requireSlaSettingsReader } from '../policy/sla-settings-access';
import { refusingDuplicateName, settingName } from './sla-settings-checks';

export interface BusinessCalendarInput {
  name: string;
  timeZone: string;
  /** A weekday left out is closed; so are lists left out empty. */
  weeklyHours: Partial<Record<Weekday, OpeningHours[] | null>>;
  holidays?: string[] | null;
  closures?: { start: Date; end: Date }[] | null;
  makeUpDays?: { date: string; hours: OpeningHours[] }[] | null;
  idempotencyKey?: string | null;
}

function calendarOf(input: BusinessCalendarInput): BusinessCalendar {
  return {
    timeZone: input.timeZone,
    weeklyHours: Object.fromEntries(weekdays.map((day) => [day, input.weeklyHours[day] ?? []])) as Record<
      Weekday,
      OpeningHours[]
    >,
    holidays: input.holidays ?? [],
    closures: input.closures ?? [],
    makeUpDays: input.makeUpDays ?? [],
  };
}

/**
 * Business calendars, edited by crm-admin without a deploy. An edit bumps the calendar's version; the SLA schedule
 * then recomputes the open tickets whose policy counts in it (application/sla-schedule.ts), in batches, so the
 * mutation never locks thousands of tickets.
 */
export class BusinessCalendarService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the calendars by name. */
  async list(query: SettingsPageQuery, actor: Actor): Promise<CountablePage<BusinessCalendarRow>> {
    requireSlaSettingsReader(actor);
    return calendarPage(this.dataSource.manager, query);
  }

  async get(id: string, actor: Actor): Promise<BusinessCalendarRow> {
    requireSlaSettingsReader(actor);
    const row = (await calendarsById(this.dataSource.manager, [requireUuid(id, ['id'])])).get(id);
    if (!row) throw new NotFoundError('business calendar', id);
    return row;
  }

  /** For the Policy.calendar field: no role check of its own (the policy was already allowed). */
  async byIds(ids: readonly string[]): Promise<Map<string, BusinessCalendarRow>> {
    return calendarsById(this.dataSource.manager, ids);
  }

  async define(input: BusinessCalendarInput, actor: Actor): Promise<BusinessCalendarRow> {
    requireSlaSettingsEditor(actor);
    const name = settingName(input.name);
    const calendar = underInput(() => validateBusinessCalendar(calendarOf(input)));
    return refusingDuplicateName(this.dataSource, 'business_calendars_name_unique', 'business calendar', async (tx) =>
      idempotentCreate(
        tx,
        inputRequest(actor.id, 'defineBusinessCalendar', input),
        async () => {
          const [{ id }]: { id: string }[] = await tx.query(
            `INSERT INTO business_calendars (name, time_zone, weekly_hours, holidays, closures, make_up_days,
               created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
            [name, ...calendarColumns(calendar), actor.id],
          );
          const fields = { name, ...stored(calendar) };
          await audit(
            tx,
            actor,
            'business_calendar.defined',
            { type: 'business_calendar', id },
            changesOf(Object.entries(fields).map(([field, after]) => ({ field, before: null, after }))),
          );
          return this.require(tx, id);
        },
        (row) => row.id,
        (id) => this.require(tx, id),
      ),
    );
  }

  async update(
    id: string,
    expectedVersion: number,
    input: BusinessCalendarInput,
    actor: Actor,
  ): Promise<BusinessCalendarRow> {
    requireSlaSettingsEditor(actor);
    requireUuid(id, ['id']);
    const name = settingName(input.name);
    const calendar = underInput(() => validateBusinessCalendar(calendarOf(input)));
    return refusingDuplicateName(this.dataSource, 'business_calendars_name_unique', 'business calendar', async (tx) => {
      const before = (await calendarsById(tx, [id], { lock: true })).get(id);
      if (!before) throw new NotFoundError('business calendar', id);
      requireExpectedVersion('business calendar', before, expectedVersion);
      await tx.query(
        `UPDATE business_calendars SET name = $2, time_zone = $3, weekly_hours = $4, holidays = $5, closures = $6,
           make_up_days = $7, updated_by = $8, updated_at = now(), version = version + 1 WHERE id = $1`,
        [id, name, ...calendarColumns(calendar), actor.id],
      );
      const after = await this.require(tx, id);
      const was = stored(before);
      const now = stored(after);
      await audit(
        tx,
        actor,
        'business_calendar.updated',
        { type: 'business_calendar', id },
        changesOf([
          { field: 'name', before: before.name, after: after.name },
          ...(Object.keys(now) as (keyof typeof now)[]).map((field) => ({
            field,
            before: was[field],
            after: now[field],
          })),
        ]).filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after)),
        { version: after.version },
      );
      return after;
    });
  }

  private async require(tx: EntityManager, id: string): Promise<BusinessCalendarRow> {
    const row = (await calendarsById(tx, [id])).get(id);
    if (!row) throw new NotFoundError('business calendar', id);
    return row;
  }
}

/** The calendar as JSON, for audit rows. */
function stored(calendar: BusinessCalendar): Record<string, unknown> {
  return {
    timeZone: calendar.timeZone,
    weeklyHours: calendar.weeklyHours,
    holidays: calendar.holidays,
    closures: calendar.closures.map((c) => ({ start: c.start.toISOString(), end: c.end.toISOString() })),
    makeUpDays: calendar.makeUpDays,
  };
}

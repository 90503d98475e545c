// Business calendars and SLA policies as stored (tables business_calendars, sla_policies), read into the domain's
// shapes: closures' instants as Dates, holidays as 'YYYY-MM-DD' text (never a driver-parsed local Date).
import type { EntityManager } from 'typeorm';
import { ascendingListPage, type CountablePage } from '@crm/platform/pagination';
import type { BusinessCalendar, MakeUpWorkingDay, OpeningHours, Weekday } from '../domain/business-calendar';
import type { SlaPolicy } from '../domain/sla-policy';

interface Stamps {
  id: string;
  name: string;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

export interface BusinessCalendarRow extends BusinessCalendar, Stamps {}

export interface SlaPolicyRow extends SlaPolicy, Stamps {
  isDefault: boolean;
}

interface CalendarRecord {
  id: string;
  name: string;
  time_zone: string;
  weekly_hours: Record<Weekday, OpeningHours[]>;
  holidays: string[];
  closures: { start: string; end: string }[];
  make_up_days: MakeUpWorkingDay[];
  version: number;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
}

interface PolicyRecord {
  id: string;
  name: string;
  calendar_id: string;
  targets: SlaPolicy['targets'];
  complaint_override: SlaPolicy['complaintOverride'];
  is_default: boolean;
  version: number;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
}

const calendarColumnList = `id, name, time_zone, weekly_hours, holidays::text[] AS holidays, closures, make_up_days,
  version, created_by, created_at, updated_by, updated_at`;
const calendarSelect = `SELECT ${calendarColumnList} FROM business_calendars`;
const policyColumnList = `id, name, calendar_id, targets, complaint_override, is_default, version, created_by,
  created_at, updated_by, updated_at`;
const policySelect = `SELECT ${policyColumnList} FROM sla_policies`;

/** A page of a settings list: the first `first` after `after`, in the list's order. */
export interface SettingsPageQuery {
  first?: number | null;
  after?: string | null;
}

function stampsOf(r: CalendarRecord | PolicyRecord): Stamps {
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

function calendarOf(r: CalendarRecord): BusinessCalendarRow {
  return {
    ...stampsOf(r),
    timeZone: r.time_zone,
    weeklyHours: r.weekly_hours,
    holidays: r.holidays,
    closures: r.closures.map((c) => ({ start: new Date(c.start), end: new Date(c.end) })),
    makeUpDays: r.make_up_days,
  };
}

function policyOf(r: PolicyRecord): SlaPolicyRow {
  return {
    ...stampsOf(r),
    calendarId: r.calendar_id,
    targets: r.targets,
    complaintOverride: r.complaint_override,
    isDefault: r.is_default,
  };
}

/** Rows of `select` by id, mapped by `toRow`, optionally locked (FOR UPDATE, in id order). */
async function byIds<R extends { id: string }, T>(
  manager: EntityManager,
  select: string,
  toRow: (record: R) => T,
  ids: readonly string[],
  lock: boolean | undefined,
): Promise<Map<string, T>> {
  if (!ids.length) return new Map();
  const rows: R[] = await manager.query(
    `${select} WHERE id = ANY($1::uuid[]) ORDER BY id${lock ? ' FOR UPDATE' : ''}`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, toRow(r)]));
}

export function calendarsById(
  manager: EntityManager,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, BusinessCalendarRow>> {
  return byIds(manager, calendarSelect, calendarOf, ids, options.lock);
}

/** Calendars by name (case-insensitive), then id; the sort key rides along as `sort_name` for the cursor. */
export async function calendarPage(
  manager: EntityManager,
  query: SettingsPageQuery,
): Promise<CountablePage<BusinessCalendarRow>> {
  const page = await ascendingListPage<CalendarRecord & { sort_name: string }>(manager, {
    select: `SELECT ${calendarColumnList}, lower(name) AS sort_name FROM business_calendars`,
    from: 'FROM business_calendars',
    order: [
      { column: 'lower(name)', type: 'text' },
      { column: 'id', type: 'uuid' },
    ],
    ...query,
    cursorOf: (r) => [r.sort_name, r.id],
  });
  return { ...page, items: page.items.map(calendarOf) };
}

export function policiesById(
  manager: EntityManager,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, SlaPolicyRow>> {
  return byIds(manager, policySelect, policyOf, ids, options.lock);
}

/** Policies with the default first, then by name (case-insensitive), then id: `NOT is_default` keeps the keyset ascending. */
export async function policyPage(
  manager: EntityManager,
  query: SettingsPageQuery,
): Promise<CountablePage<SlaPolicyRow>> {
  const page = await ascendingListPage<PolicyRecord & { sort_name: string }>(manager, {
    select: `SELECT ${policyColumnList}, lower(name) AS sort_name FROM sla_policies`,
    from: 'FROM sla_policies',
    order: [
      { column: 'NOT is_default', type: 'boolean' },
      { column: 'lower(name)', type: 'text' },
      { column: 'id', type: 'uuid' },
    ],
    ...query,
    cursorOf: (r) => [!r.is_default, r.sort_name, r.id],
  });
  return { ...page, items: page.items.map(policyOf) };
}

/** The policy new tickets get; the migration seeds one and setDefaultSlaPolicy only ever moves it. */
export async function defaultPolicy(manager: EntityManager): Promise<SlaPolicyRow> {
  const [row]: PolicyRecord[] = await manager.query(`${policySelect} WHERE is_default`);
  if (!row) throw new Error('sla_policies has no default policy (the SLA migration seeds one)');
  return policyOf(row);
}

/** The stored form of a calendar's open parts. */
export function calendarColumns(calendar: BusinessCalendar): unknown[] {
  return [
    calendar.timeZone,
    JSON.stringify(calendar.weeklyHours),
    calendar.holidays,
    JSON.stringify(calendar.closures.map((c) => ({ start: c.start.toISOString(), end: c.end.toISOString() }))),
    JSON.stringify(calendar.makeUpDays),
  ];
}

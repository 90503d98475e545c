import { Col, Form, Input, Row, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { AdminBusinessCalendarFragment, BusinessCalendarInput } from '../../graphql/gen/graphql';
import { AdminDefineBusinessCalendarMutation, AdminUpdateBusinessCalendarMutation } from './sla-queries';
import { EditorModal } from './EditorModal';

type Calendar = AdminBusinessCalendarFragment;
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
type Weekday = (typeof WEEKDAYS)[number];

export interface CalendarValues {
  name: string;
  timeZone: string;
  /** Per weekday, "09:00-12:00, 13:00-18:00"; empty: closed. */
  hours: Record<Weekday, string>;
  holidays: string[];
  /** 调休: weekend dates worked, "2026-10-11 09:00-18:00". */
  makeUpDays: string[];
}

const RANGE = /^([01]\d|2[0-3]):[0-5]\d\s*[-–]\s*([01]\d|2[0-4]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseRanges(text: string): { start: string; end: string }[] {
  return text
    .split(/[,，]/)
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const [start, end] = r.split(/\s*[-–]\s*/);
      return { start, end };
    });
}

function rangesText(ranges: readonly { start: string; end: string }[]): string {
  return ranges.map((r) => `${r.start}-${r.end}`).join(', ');
}

/**
 * The API's calendar input from the form: hours per weekday from "09:00-12:00, 13:00-18:00", holidays in date order,
 * each 调休 entry "YYYY-MM-DD 09:00-18:00" as a date with its hours; closures are kept as they were.
 */
export function calendarInput(
  values: CalendarValues,
  closures: readonly { start: string; end: string }[],
): BusinessCalendarInput {
  return {
    name: values.name.trim(),
    timeZone: values.timeZone.trim(),
    weeklyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, parseRanges(values.hours[d] ?? '')])),
    holidays: [...values.holidays].sort(),
    closures: closures.map((c) => ({ start: c.start, end: c.end })),
    makeUpDays: values.makeUpDays.map((entry) => {
      const [date, ...rest] = entry.trim().split(/\s+/);
      return { date, hours: parseRanges(rest.join(' ')) };
    }),
  };
}

/** Defines a business calendar, or edits one: weekly hours, public holidays and 调休 make-up working days. */
export function CalendarEditor({
  calendar,
  onClose,
}: {
  calendar: Calendar | null;
  onClose(saved: boolean): void;
}): ReactNode {
  const { t } = useTranslation();
  const [form] = Form.useForm<CalendarValues>();
  const [defined, define] = useMutation(AdminDefineBusinessCalendarMutation);
  const [updated, update] = useMutation(AdminUpdateBusinessCalendarMutation);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const error = defined.error ?? updated.error;
  const initial: CalendarValues = calendar
    ? {
        name: calendar.name,
        timeZone: calendar.timeZone,
        hours: Object.fromEntries(WEEKDAYS.map((d) => [d, rangesText(calendar.weeklyHours[d])])) as Record<
          Weekday,
          string
        >,
        holidays: [...calendar.holidays],
        makeUpDays: calendar.makeUpDays.map((d) => `${d.date} ${rangesText(d.hours)}`),
      }
    : {
        name: '',
        timeZone: 'Asia/Shanghai',
        hours: Object.fromEntries(
          WEEKDAYS.map((d) => [d, d === 'saturday' || d === 'sunday' ? '' : '09:00-12:00, 13:00-18:00']),
        ) as Record<Weekday, string>,
        holidays: [],
        makeUpDays: [],
      };

  async function save(values: CalendarValues) {
    const input = calendarInput(values, calendar?.closures ?? []);
    const result = calendar
      ? await update({ id: calendar.id, expectedVersion: calendar.version, input })
      : await define({ input: { ...input, idempotencyKey } });
    if (!result.error) onClose(true);
  }

  const rangesRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value || parseRanges(value).every((r) => RANGE.test(`${r.start}-${r.end}`))) return;
      throw new Error(t('admin.calendars.hoursRule'));
    },
  };

  return (
    <EditorModal
      width={760}
      title={calendar ? t('admin.calendars.editTitle', { name: calendar.name }) : t('admin.calendars.create')}
      saving={defined.fetching || updated.fetching}
      error={error}
      onSave={() => form.submit()}
      onCancel={() => onClose(false)}
    >
      <Form<CalendarValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('admin.calendars.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="timeZone" label={t('admin.calendars.timeZone')} rules={[{ required: true }]}>
              <Select showSearch options={Intl.supportedValuesOf('timeZone').map((z) => ({ value: z, label: z }))} />
            </Form.Item>
          </Col>
          {WEEKDAYS.map((day) => (
            <Col xs={24} md={12} key={day}>
              <Form.Item
                name={['hours', day]}
                label={t(`admin.calendars.weekdays.${day}`)}
                rules={[rangesRule]}
                extra={day === 'monday' ? t('admin.calendars.hoursHint') : undefined}
              >
                <Input placeholder={t('admin.calendars.closed')} />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24}>
            <Form.Item
              name="holidays"
              label={t('admin.calendars.holidays')}
              extra={t('admin.calendars.holidaysHint')}
              rules={[
                {
                  validator: async (_, value: string[] = []) => {
                    const bad = value.find((d) => !DATE.test(d));
                    if (bad) throw new Error(t('admin.calendars.dateRule', { value: bad }));
                  },
                },
              ]}
            >
              <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="makeUpDays"
              label={t('admin.calendars.makeUpDays')}
              extra={t('admin.calendars.makeUpHint')}
              rules={[
                {
                  validator: async (_, value: string[] = []) => {
                    const bad = value.find((entry) => {
                      const [date, ...rest] = entry.trim().split(/\s+/);
                      const ranges = parseRanges(rest.join(' '));
                      return (
                        !DATE.test(date) || !ranges.length || !ranges.every((r) => RANGE.test(`${r.start}-${r.end}`))
                      );
                    });
                    if (bad) throw new Error(t('admin.calendars.makeUpRule', { value: bad }));
                  },
                },
              ]}
            >
              <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </EditorModal>
  );
}

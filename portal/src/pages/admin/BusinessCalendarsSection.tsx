import { Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { useCursorPages } from '../../components/CursorPager';
import { PageSkeleton } from '../../components/PageSkeleton';
import { PagedListFooter } from '../../components/PagedListFooter';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../format/format';
import type { AdminBusinessCalendarFragment as Calendar } from '../../graphql/gen/graphql';
import { CalendarEditor, WEEKDAYS } from './CalendarEditor';
import { AdminBusinessCalendarsQuery } from './sla-queries';

/** Calendar cards per page. */
const CALENDAR_PAGE_SIZE = 20;

/** The business calendars SLA minutes are counted in, by name, a page at a time. */
export function BusinessCalendarsSection(): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  const pages = useCursorPages();
  const [{ data, error, fetching }, reload] = useQuery({
    query: AdminBusinessCalendarsQuery,
    variables: { first: CALENDAR_PAGE_SIZE, after: pages.after },
  });
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const refresh = () => reload({ requestPolicy: 'network-only' });

  if (error) return <QueryError error={error} retry={refresh} />;
  if (fetching && !data) return <PageSkeleton rows={6} />;
  const connection = data?.businessCalendars;

  const hoursText = (calendar: Calendar, day: (typeof WEEKDAYS)[number]) => {
    const ranges = calendar.weeklyHours[day];
    return ranges.length ? ranges.map((r) => `${r.start}–${r.end}`).join(', ') : t('admin.calendars.closed');
  };

  return (
    <section aria-labelledby="admin-calendars">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} id="admin-calendars">
          {t('admin.calendars.title')}
        </Typography.Title>
        <Button onClick={() => setEditing('new')}>{t('admin.calendars.create')}</Button>
      </Flex>
      <Flex vertical gap={16}>
        {(connection?.edges ?? []).map(({ node: calendar }) => (
          <Card
            key={calendar.id}
            size="small"
            title={`${calendar.name} · ${calendar.timeZone}`}
            extra={<Button onClick={() => setEditing(calendar)}>{t('admin.edit')}</Button>}
          >
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                ...WEEKDAYS.map((day) => ({
                  key: day,
                  label: t(`admin.calendars.weekdays.${day}`),
                  children: hoursText(calendar, day),
                })),
                {
                  key: 'holidays',
                  label: t('admin.calendars.holidays'),
                  span: 'filled' as const,
                  children: calendar.holidays.length
                    ? calendar.holidays.map((d) => <Tag key={d}>{formatDate(d, locale)}</Tag>)
                    : t('common.none'),
                },
                {
                  key: 'makeUp',
                  label: t('admin.calendars.makeUpDays'),
                  span: 'filled' as const,
                  children: calendar.makeUpDays.length
                    ? calendar.makeUpDays.map((d) => (
                        <Tag key={d.date}>
                          {formatDate(d.date, locale)} {d.hours.map((h) => `${h.start}–${h.end}`).join(', ')}
                        </Tag>
                      ))
                    : t('common.none'),
                },
              ]}
            />
          </Card>
        ))}
      </Flex>
      <PagedListFooter connection={connection} pages={pages} />
      {editing && (
        <CalendarEditor
          calendar={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) refresh();
          }}
        />
      )}
    </section>
  );
}

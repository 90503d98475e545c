import { CustomerServiceOutlined, FunnelPlotOutlined, MessageOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useClient, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatDateTime, formatMoney } from '../../format/format';
import type { Account360TimelineQuery as TimelineResult } from '../../graphql/gen/graphql';
import { mergeTimeline, type TimelineEntry, type TimelineSource } from './account-timeline';
import { TimelineChangeList } from './TimelineChangeList';
import { Account360TimelineQuery } from './account-360-queries';

type TimelineAccount = NonNullable<TimelineResult['account']>;
type Happening = TimelineAccount['timeline']['edges'][number]['node'];
type Deal = TimelineAccount['opportunities']['edges'][number]['node'];
type Ticket = TimelineAccount['tickets']['edges'][number]['node'];

type Entry =
  | (TimelineEntry & { kind: 'activity'; happening: Happening })
  | (TimelineEntry & { kind: 'deal-opened' | 'deal-closed'; deal: Deal })
  | (TimelineEntry & { kind: 'ticket'; ticket: Ticket });

/** The loaded pages of each source, as timeline entries. */
function toSources(pages: TimelineAccount[]): TimelineSource<Entry>[] {
  const last = pages[pages.length - 1];
  const happenings = pages.flatMap((p) => p.timeline.edges.map((e) => e.node));
  const deals = pages.flatMap((p) => p.opportunities.edges.map((e) => e.node));
  const tickets = pages.flatMap((p) => p.tickets.edges.map((e) => e.node));
  return [
    {
      hasMore: last.timeline.pageInfo.hasNextPage,
      entries: happenings.map((h) => ({
        key: `h:${h.id}`,
        id: h.id,
        at: h.occurredAt,
        orderAt: h.occurredAt,
        kind: 'activity' as const,
        happening: h,
      })),
    },
    {
      hasMore: last.opportunities.pageInfo.hasNextPage,
      entries: deals.flatMap((d) => [
        { key: `d:${d.id}`, id: d.id, at: d.createdAt, orderAt: d.createdAt, kind: 'deal-opened' as const, deal: d },
        ...(d.closedAt
          ? [
              {
                key: `dc:${d.id}`,
                id: d.id,
                at: d.closedAt,
                orderAt: d.createdAt,
                kind: 'deal-closed' as const,
                deal: d,
              },
            ]
          : []),
      ]),
    },
    {
      hasMore: last.tickets.pageInfo.hasNextPage,
      entries: tickets.map((t) => ({
        key: `t:${t.id}`,
        id: t.id,
        at: t.createdAt,
        orderAt: t.createdAt,
        kind: 'ticket' as const,
        ticket: t,
      })),
    },
  ];
}

const noFields: ReadonlySet<string> = new Set();

/** Per timeline entry id, the fields whose values the API withheld (extensions.redactedFields). */
export type RedactedChanges = ReadonlyMap<string, ReadonlySet<string>>;

function redactedChangesOf(extensions: readonly (Record<string, unknown> | undefined)[]): RedactedChanges {
  const out = new Map<string, Set<string>>();
  for (const ext of extensions) {
    const list = Array.isArray(ext?.redactedFields)
      ? (ext.redactedFields as { type: string; id: string; field: string }[])
      : [];
    for (const r of list) if (r.type === 'TimelineEntry') out.set(r.id, (out.get(r.id) ?? new Set()).add(r.field));
  }
  return out;
}

function EntryBody({ entry, redacted }: { entry: Entry; redacted: RedactedChanges }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const when = (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {formatDateTime(entry.at, locale, timeZone)}
    </Typography.Text>
  );
  if (entry.kind === 'activity') {
    const h = entry.happening;
    const by = h.actor ? (
      <Typography.Text type="secondary">{t('account360.timelineBy', { name: h.actor.displayName })}</Typography.Text>
    ) : null;
    const a = h.activity;
    if (!a)
      return (
        <Flex vertical>
          {when}
          <Typography.Text strong>{h.kind === 'ACTIVITY' ? h.title : t(`account360.change.${h.kind}`)}</Typography.Text>
          {/* A creation lists every field: only a change's fields say something. */}
          {h.changes.length > 0 && !h.action?.endsWith('create') && (
            <TimelineChangeList changes={h.changes} redacted={redacted.get(h.id) ?? noFields} />
          )}
          {by}
        </Flex>
      );
    return (
      <Flex vertical>
        {when}
        <Typography.Text strong>
          {t('account360.timelineActivity', { kind: t(`account360.kind.${a.kind}`), subject: a.subject })}
        </Typography.Text>
        {a.outcome && <Typography.Text>{t('account360.timelineOutcome', { outcome: a.outcome })}</Typography.Text>}
        {a.nextFollowUpAt && (
          <Typography.Text type="secondary">
            {t('account360.timelineNextFollowUp', { when: formatDateTime(a.nextFollowUpAt, locale, timeZone) })}
          </Typography.Text>
        )}
        {by}
      </Flex>
    );
  }
  if (entry.kind === 'ticket') {
    const tk = entry.ticket;
    return (
      <Flex vertical>
        {when}
        <Link to={`/tickets/${tk.id}`}>
          {t('account360.timelineTicket', { number: tk.number, subject: tk.subject })}
        </Link>
        <Typography.Text type="secondary">{t(`account360.ticketStatus.${tk.status}`)}</Typography.Text>
      </Flex>
    );
  }
  const d = entry.deal;
  return (
    <Flex vertical>
      {when}
      <Link to={`/opportunities/${d.id}`}>
        {entry.kind === 'deal-opened'
          ? t('account360.timelineDeal', { name: d.name })
          : t('account360.timelineDealClosed', { name: d.name, status: t(`account360.dealStatus.${d.status}`) })}
      </Link>
      <Typography.Text type="secondary">{formatMoney(d.amount, locale)}</Typography.Text>
    </Flex>
  );
}

/** The latest cursor a source gave (an empty page gives none: asking from null again would repeat page one). */
function lastCursor(
  pages: TimelineAccount[],
  pick: (page: TimelineAccount) => string | null | undefined,
): string | null {
  for (let i = pages.length - 1; i >= 0; i--) {
    const cursor = pick(pages[i]);
    if (cursor) return cursor;
  }
  return null;
}

const ICONS: Record<Entry['kind'], ReactNode> = {
  activity: <MessageOutlined />,
  'deal-opened': <FunnelPlotOutlined />,
  'deal-closed': <FunnelPlotOutlined />,
  ticket: <CustomerServiceOutlined />,
};

/** Activities, recorded changes, deals and tickets of the account in one list, newest first; older pages on demand. */
/** Remount it (a new key) to show a change at once: the first page is then read from the network again. */
export function AccountTimeline({ accountId }: { accountId: string }): ReactNode {
  const { t } = useTranslation();
  const client = useClient();
  const [{ data, error, fetching, extensions }, reload] = useQuery({
    query: Account360TimelineQuery,
    variables: { id: accountId },
  });
  const [older, setOlder] = useState<TimelineAccount[]>([]);
  const [olderExtensions, setOlderExtensions] = useState<(Record<string, unknown> | undefined)[]>([]);
  const [loadingOlder, setLoadingOlder] = useState(false);

  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (!data?.account) return fetching ? <PageSkeleton rows={4} /> : null;
  const pages = [data.account, ...older];
  const { entries, hasMore } = mergeTimeline(toSources(pages));
  const redacted = redactedChangesOf([extensions, ...olderExtensions]);

  async function loadOlder(): Promise<void> {
    setLoadingOlder(true);
    // A source with no page left is asked again from its end: it answers an empty page.
    const result = await client
      .query(
        Account360TimelineQuery,
        {
          id: accountId,
          activitiesAfter: lastCursor(pages, (p) => p.timeline.pageInfo.endCursor),
          dealsAfter: lastCursor(pages, (p) => p.opportunities.pageInfo.endCursor),
          ticketsAfter: lastCursor(pages, (p) => p.tickets.pageInfo.endCursor),
        },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    setLoadingOlder(false);
    if (result.data?.account) {
      setOlder([...older, result.data.account]);
      setOlderExtensions([...olderExtensions, result.extensions]);
    }
  }

  if (entries.length === 0 && !hasMore) return <Empty description={t('account360.timelineEmpty')} />;
  return (
    <Flex vertical gap={8}>
      <Timeline
        items={entries.map((entry) => ({
          key: entry.key,
          icon: ICONS[entry.kind],
          content: <EntryBody entry={entry} redacted={redacted} />,
        }))}
      />
      {hasMore && (
        <Button onClick={() => void loadOlder()} loading={loadingOlder}>
          {t('account360.timelineMore')}
        </Button>
      )}
    </Flex>
  );
}

import { App, Typography } from 'antd';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { usePortal } from '../../app/portal-context';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../format/format';
import type { OpportunityFieldsInput, PipelineBoardDealFragment } from '../../graphql/gen/graphql';
import { KanbanBoard, type KanbanColumn } from './KanbanBoard';
import { MissingFieldsModal, type PendingMove } from './MissingFieldsModal';
import { redactedDealAccountsOf } from './redacted-accounts';
import { BoardQuery, MoveStageMutation, StageDealsQuery } from './pipeline-queries';
import { useErrorToast } from '../../components/use-error-toast';

interface ColumnPage {
  deals: PipelineBoardDealFragment[];
  endCursor: string | null;
  hasNextPage: boolean;
  /** Deals of this page whose account the API redacted. */
  redactedAccounts: string[];
}

/** The fields a refused move asks for (BAD_USER_INPUT with extensions.missingFields), or null for other errors. */
export function missingFieldsOf(error: CombinedError | undefined): string[] | null {
  const found = error?.graphQLErrors.find((e) => Array.isArray(e.extensions?.missingFields));
  return found ? (found.extensions.missingFields as unknown[]).map(String) : null;
}

/** One pipeline's board: loads it, pages its columns, moves deals and asks for what a stage requires. */
export function PipelineBoardView({ pipelineId }: { pipelineId: string }): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const client = useClient();
  const [{ data, error, fetching, extensions }, reload] = useQuery({
    query: BoardQuery,
    variables: { pipelineId, perColumn: 20 },
  });
  // Pages loaded with "load more", for the board they extend (a fresh board starts without them).
  const [loaded, setLoaded] = useState<{ board: unknown; pages: Record<string, ColumnPage> }>({
    board: null,
    pages: {},
  });
  const [loadingMoreStageId, setLoadingMoreStageId] = useState<string | null>(null);
  const [movingDealId, setMovingDealId] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [, move] = useMutation(MoveStageMutation);
  const more = loaded.board === data ? loaded.pages : {};
  // Memoized with the data they come from, so a re-render gives the cards the same props (the bodies are memoized).
  const columns = useMemo<KanbanColumn[]>(() => {
    const pages = loaded.board === data ? loaded.pages : {};
    return (data?.pipelineBoard.columns ?? []).map((column) => {
      const extra = pages[column.stage.id];
      return {
        stage: { id: column.stage.id, name: column.stage.name },
        count: column.count,
        total: column.total ?? null,
        missingRates: column.missingRates,
        deals: [...column.deals.edges.map((e) => e.node), ...(extra?.deals ?? [])],
        hasMore: extra ? extra.hasNextPage : column.deals.pageInfo.hasNextPage,
      };
    });
  }, [data, loaded]);
  const redactedAccounts = useMemo(() => {
    const pages = loaded.board === data ? Object.values(loaded.pages) : [];
    return new Set([...redactedDealAccountsOf(extensions), ...pages.flatMap((page) => page.redactedAccounts)]);
  }, [data, extensions, loaded]);
  const retry = useCallback(() => reload({ requestPolicy: 'network-only' }), [reload]);
  async function loadMore(stageId: string): Promise<void> {
    if (!data) return;
    const column = data.pipelineBoard.columns.find((c) => c.stage.id === stageId);
    const after = more[stageId]?.endCursor ?? column?.deals.pageInfo.endCursor ?? null;
    setLoadingMoreStageId(stageId);
    const result = await client
      .query(StageDealsQuery, { stageId, after }, { requestPolicy: 'network-only' })
      .toPromise();
    setLoadingMoreStageId(null);
    if (result.error || !result.data) {
      if (result.error) showError(result.error);
      return;
    }
    const page = result.data.stageDeals;
    setLoaded({
      board: data,
      pages: {
        ...more,
        [stageId]: {
          deals: [...(more[stageId]?.deals ?? []), ...page.edges.map((e) => e.node)],
          endCursor: page.pageInfo.endCursor ?? null,
          hasNextPage: page.pageInfo.hasNextPage,
          redactedAccounts: [...(more[stageId]?.redactedAccounts ?? []), ...redactedDealAccountsOf(result.extensions)],
        },
      },
    });
  }

  async function attempt(
    deal: PipelineBoardDealFragment,
    stageId: string,
    fields?: OpportunityFieldsInput,
    lossReason?: string,
  ): Promise<void> {
    const stage = data?.pipelineBoard.columns.find((c) => c.stage.id === stageId)?.stage;
    if (!stage) return;
    if (stage.kind === 'LOST' && lossReason === undefined) {
      setPending({ deal, stageId, stageName: stage.name, missingFields: [], needsLossReason: true });
      return;
    }
    setMovingDealId(deal.id);
    const result = await move({ input: { id: deal.id, stageId, expectedVersion: deal.version, fields, lossReason } });
    setMovingDealId(null);
    const missing = missingFieldsOf(result.error);
    if (missing?.length) {
      setPending({
        deal,
        stageId,
        stageName: stage.name,
        missingFields: missing,
        needsLossReason: stage.kind === 'LOST',
      });
      return;
    }
    if (result.error) {
      showError(result.error);
      return;
    }
    setPending(null);
    void message.success(t('pipeline.moved', { name: deal.name, stage: stage.name }));
    retry();
  }

  // The cards get stable callbacks that call this render's handlers (which close over the current board).
  const handlers = useRef({ attempt, loadMore });
  useLayoutEffect(() => {
    handlers.current = { attempt, loadMore };
  });
  const onMove = useCallback(
    (deal: PipelineBoardDealFragment, stageId: string) => void handlers.current.attempt(deal, stageId),
    [],
  );
  const onLoadMore = useCallback((stageId: string) => void handlers.current.loadMore(stageId), []);

  if (error && !data) return <QueryError error={error} retry={retry} />;
  if (!data) return fetching ? <PageSkeleton rows={8} /> : null;
  const board = data.pipelineBoard;

  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('pipeline.totalsIn', { currency: board.companyCurrency, date: formatDate(board.ratesAsOf, locale) })}
      </Typography.Paragraph>
      <KanbanBoard
        columns={columns}
        redactedAccounts={redactedAccounts}
        movingDealId={movingDealId}
        loadingMoreStageId={loadingMoreStageId}
        onMove={onMove}
        onLoadMore={onLoadMore}
        onRetryAccount={retry}
      />
      <MissingFieldsModal
        pending={pending}
        saving={!!pending && movingDealId === pending.deal.id}
        onCancel={() => setPending(null)}
        onSubmit={(fields, lossReason) => {
          if (pending) void attempt(pending.deal, pending.stageId, fields, lossReason ?? undefined);
        }}
      />
    </>
  );
}

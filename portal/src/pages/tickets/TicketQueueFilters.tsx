import { Checkbox, Flex, Form, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueOption } from './use-ticket-queues';
import type { SlaState, TicketFilter, TicketPriority, TicketSort, TicketStatus } from '../../graphql/gen/graphql';

export type QueueScope = 'all' | 'mine' | 'unassigned';
/** 'open' is every status before resolution; 'any' includes resolved and closed ones. */
export type QueueStatusChoice = 'open' | 'any' | TicketStatus;

export interface QueueFilterState {
  scope: QueueScope;
  teamId: string | null;
  status: QueueStatusChoice;
  priority: TicketPriority | null;
  complaintsOnly: boolean;
  slaStates: SlaState[];
  /** Part of the number or subject. */
  search: string;
  sort: TicketSort;
}

export const initialQueueFilters: QueueFilterState = {
  scope: 'all',
  teamId: null,
  status: 'open',
  priority: null,
  complaintsOnly: false,
  slaStates: [],
  search: '',
  sort: 'NEXT_DEADLINE',
};

const statuses: readonly TicketStatus[] = [
  'NEW',
  'ASSIGNED',
  'IN_PROGRESS',
  'WAITING_ON_CUSTOMER',
  'RESOLVED',
  'CLOSED',
];
const priorities: readonly TicketPriority[] = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];
const slaStates: readonly SlaState[] = ['BREACHED', 'AT_RISK', 'ON_TRACK'];

/** The API's filter for the chosen controls (the caller's id for "assigned to me"). */
export function toTicketFilter(state: QueueFilterState, userId: string): TicketFilter {
  return {
    ...(state.scope === 'mine' ? { agentId: userId } : {}),
    ...(state.scope === 'unassigned' ? { unassigned: true } : {}),
    ...(state.teamId ? { teamId: state.teamId } : {}),
    ...(state.status === 'open' ? { openOnly: true } : state.status === 'any' ? {} : { statuses: [state.status] }),
    ...(state.priority ? { priority: state.priority } : {}),
    ...(state.complaintsOnly ? { complaint: true } : {}),
    ...(state.slaStates.length ? { slaStates: state.slaStates } : {}),
    ...(state.search.trim() ? { search: state.search.trim() } : {}),
  };
}

/** One labelled filter control; the control itself carries `id`. */
function FilterField({
  id,
  label,
  minWidth,
  children,
}: {
  id: string;
  label: string;
  minWidth: number;
  children: ReactNode;
}): ReactNode {
  return (
    <Form.Item label={label} htmlFor={id} style={{ minWidth, marginBottom: 8 }}>
      {children}
    </Form.Item>
  );
}

export function TicketQueueFilters({
  value,
  queues,
  onChange,
}: {
  value: QueueFilterState;
  /** The caller's queues by name. */
  queues: readonly QueueOption[];
  onChange(next: QueueFilterState): void;
}): ReactNode {
  const { t } = useTranslation();
  const set = (patch: Partial<QueueFilterState>): void => onChange({ ...value, ...patch });
  return (
    <Form layout="vertical" aria-label={t('tickets.filters.label')}>
      <Flex wrap gap="small" align="end">
        <FilterField label={t('tickets.filters.search')} id="tickets-search" minWidth={220}>
          <Input.Search
            id="tickets-search"
            allowClear
            defaultValue={value.search}
            placeholder={t('tickets.filters.searchPlaceholder')}
            maxLength={200}
            onSearch={(search) => set({ search })}
          />
        </FilterField>
        <FilterField label={t('tickets.filters.scope')} id="tickets-scope" minWidth={170}>
          <Select
            id="tickets-scope"
            value={value.scope}
            onChange={(scope) => set({ scope })}
            options={[
              { value: 'all', label: t('tickets.filters.scopeAll') },
              { value: 'mine', label: t('tickets.filters.scopeMine') },
              { value: 'unassigned', label: t('tickets.filters.scopeUnassigned') },
            ]}
          />
        </FilterField>
        {queues.length > 0 && (
          <FilterField label={t('tickets.filters.team')} id="tickets-team" minWidth={150}>
            <Select
              id="tickets-team"
              popupMatchSelectWidth={false}
              value={value.teamId ?? ''}
              onChange={(teamId) => set({ teamId: teamId || null })}
              options={[{ value: '', label: t('tickets.filters.allTeams') }, ...queues]}
            />
          </FilterField>
        )}
        <FilterField label={t('tickets.filters.status')} id="tickets-status" minWidth={170}>
          <Select
            id="tickets-status"
            value={value.status}
            onChange={(status) => set({ status })}
            options={[
              { value: 'open', label: t('tickets.filters.openOnly') },
              { value: 'any', label: t('tickets.filters.anyStatus') },
              ...statuses.map((s) => ({ value: s, label: t(`tickets.status.${s}`) })),
            ]}
          />
        </FilterField>
        <FilterField label={t('tickets.filters.priority')} id="tickets-priority" minWidth={140}>
          <Select<TicketPriority | ''>
            id="tickets-priority"
            value={value.priority ?? ''}
            onChange={(priority) => set({ priority: priority || null })}
            options={[
              { value: '', label: t('tickets.filters.anyPriority') },
              ...priorities.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) })),
            ]}
          />
        </FilterField>
        <FilterField label={t('tickets.filters.sla')} id="tickets-sla" minWidth={200}>
          <Select<SlaState[]>
            id="tickets-sla"
            mode="multiple"
            allowClear
            value={value.slaStates}
            placeholder={t('tickets.filters.anySla')}
            onChange={(states) => set({ slaStates: states })}
            options={slaStates.map((s) => ({ value: s, label: t(`tickets.slaState.${s}`) }))}
          />
        </FilterField>
        <FilterField label={t('tickets.filters.sort')} id="tickets-sort" minWidth={180}>
          <Select<TicketSort>
            id="tickets-sort"
            value={value.sort}
            onChange={(sort) => set({ sort })}
            options={[
              { value: 'NEXT_DEADLINE', label: t('tickets.filters.sortDeadline') },
              { value: 'NEWEST_FIRST', label: t('tickets.filters.sortNewest') },
            ]}
          />
        </FilterField>
        <Form.Item style={{ marginBottom: 8 }}>
          <Checkbox checked={value.complaintsOnly} onChange={(e) => set({ complaintsOnly: e.target.checked })}>
            {t('tickets.filters.complaintsOnly')}
          </Checkbox>
        </Form.Item>
      </Flex>
    </Form>
  );
}

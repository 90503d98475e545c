import { Flex, Select, Spin, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { QueryError } from '../../components/QueryError';
import { graphql } from '../../graphql/gen';
import type { TicketsAccountLookupQuery } from '../../graphql/gen/graphql';

export const TicketsAccountLookup = graphql(`
  query TicketsAccountLookup($search: String!) {
    ticketAccountLookup(search: $search) {
      id
      name
      maskedPhone
      owner {
        id
        displayName
      }
      contacts {
        id
        name
        maskedPhone
      }
    }
  }
`);

export type TicketAccountMatch = TicketsAccountLookupQuery['ticketAccountLookup'][number];

/** Typing pauses this long before the server is asked (one request per pause, not per key). */
export const LOOKUP_DEBOUNCE_MS = 300;

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The account of a new ticket, found by name, phone, email or tax id through `ticketAccountLookup` (agents may open a
 * ticket on an account they cannot read yet); each option shows the owner and a masked phone to tell namesakes apart.
 */
export function TicketAccountPicker({
  id,
  value,
  onChange,
  onPick,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  /** The chosen account with its contacts (null when cleared). */
  onPick?: (match: TicketAccountMatch | null) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  // Kept among the options while the search moves on, so the field never shows the bare id.
  const [picked, setPicked] = useState<TicketAccountMatch | null>(null);
  const search = useDebounced(typed.trim(), LOOKUP_DEBOUNCE_MS);
  const [{ data, fetching, error }] = useQuery({
    query: TicketsAccountLookup,
    variables: { search },
    pause: search.length < 2,
  });
  const found = search.length < 2 ? [] : (data?.ticketAccountLookup ?? []);
  const matches = picked && !found.some((m) => m.id === picked.id) ? [picked, ...found] : found;
  const waiting = typed.trim() !== search || fetching;
  return (
    <>
      <Select
        id={id}
        showSearch={{ filterOption: false, onSearch: setTyped }}
        value={value}
        onChange={(picked: string) => {
          const match = matches.find((m) => m.id === picked) ?? null;
          setPicked(match);
          onChange?.(picked);
          onPick?.(match);
        }}
        placeholder={t('tickets.form.accountPlaceholder')}
        notFoundContent={
          typed.trim().length < 2 ? (
            t('tickets.form.typeMore')
          ) : waiting ? (
            <Spin size="small" />
          ) : (
            t('tickets.form.noAccount')
          )
        }
        optionLabelProp="title"
        options={matches.map((m) => ({
          value: m.id,
          title: m.name,
          label: (
            <Flex vertical>
              <Typography.Text>{m.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {m.owner
                  ? t('tickets.form.accountOwner', { name: m.owner.displayName })
                  : t('tickets.form.accountInPool')}
                {' · '}
                {m.maskedPhone ?? t('tickets.form.noPhone')}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
      {error && <QueryError error={error} />}
    </>
  );
}

import { Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall, type SignedInUser } from '../../auth/session';
import { AccountsUserSearchQuery } from './accounts-queries';

/** Whether the caller may list users (the API's users query). */
export function mayPickUsers(user: SignedInUser): boolean {
  return mayCall(user, 'Query.users');
}

/**
 * Picks users by name (managers and crm-admin search the directory); anyone else can pick only themselves, the
 * one user they know without the directory.
 */
export function AccountUserPicker({
  id,
  value,
  onChange,
  multiple,
  placeholder,
}: {
  id?: string;
  value?: string[] | string;
  onChange?(value: string[] | string | undefined): void;
  multiple?: boolean;
  placeholder?: string;
}): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const directory = mayPickUsers(user);
  const [search, setSearch] = useState('');
  const [{ data, fetching }] = useQuery({
    query: AccountsUserSearchQuery,
    variables: { search: search.trim() || null },
    pause: !directory,
  });
  const found = (data?.users.edges ?? []).map((e) => e.node).filter((u) => u.active);
  const options = [
    { value: user.id, label: t('accounts.userMe', { name: user.displayName }) },
    ...found.filter((u) => u.id !== user.id).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
  ];
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={directory ? { filterOption: false, onSearch: setSearch } : false}
      loading={fetching}
      value={value}
      placeholder={placeholder}
      onChange={(v: string[] | string | undefined) => onChange?.(v)}
      options={options}
      notFoundContent={t('accounts.noUserFound')}
    />
  );
}

import { Button, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useCursorPages } from '../../components/CursorPager';
import { PagedListFooter } from '../../components/PagedListFooter';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { useAllTeams } from '../../components/use-all-teams';
import { en } from '../../i18n/en';
import { graphql } from '../../graphql/gen';
import type { AdminUsersQuery as UsersData } from '../../graphql/gen/graphql';

const AdminUsersQuery = graphql(`
  query AdminUsers($search: String, $role: String, $teamId: String, $after: String) {
    users(search: $search, role: $role, teamId: $teamId, first: 50, after: $after) {
      edges {
        node {
          id
          username
          displayName
          email
          roles
          teamIds
          active
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const AdminTeamsQuery = graphql(`
  query AdminTeams($after: String) {
    teams(first: 50, after: $after) {
      totalCount
      totalCountIsEstimate
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          name
          managers {
            id
            displayName
          }
        }
      }
    }
  }
`);

type User = UsersData['users']['edges'][number]['node'];
/** The CRM roles, as the role names the portal translates. */
const ROLES = Object.keys(en.roles) as (keyof typeof en.roles)[];

/** One page of users (a cursor page: "load more" asks for the next with `after`). */
function UsersPage({
  variables,
  teamName,
  last,
  onMore,
}: {
  variables: { search?: string; role?: string; teamId?: string; after?: string };
  teamName(id: string): string;
  last: boolean;
  onMore(cursor: string): void;
}): ReactNode {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reload] = useQuery({ query: AdminUsersQuery, variables });
  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <PageSkeleton rows={5} />;
  const page = data?.users;
  return (
    <>
      <Table<User>
        rowKey="id"
        size="small"
        scroll={{ x: 820 }}
        pagination={false}
        showHeader={variables.after === undefined}
        locale={{ emptyText: t('admin.users.none') }}
        dataSource={page?.edges.map((e) => e.node) ?? []}
        columns={[
          { title: t('admin.users.name'), dataIndex: 'displayName', key: 'name', width: 180 },
          { title: t('admin.users.username'), dataIndex: 'username', key: 'username', width: 150 },
          {
            title: t('admin.users.email'),
            dataIndex: 'email',
            key: 'email',
            width: 220,
            render: (email: string | null | undefined) => email ?? t('common.hidden'),
          },
          {
            title: t('admin.users.roles'),
            dataIndex: 'roles',
            key: 'roles',
            render: (roles: string[]) =>
              roles.map((r) => <Tag key={r}>{t(`roles.${r}` as 'roles.crm-admin', { defaultValue: r })}</Tag>),
          },
          {
            title: t('admin.users.teams'),
            dataIndex: 'teamIds',
            key: 'teams',
            render: (ids: string[]) => (ids.length ? ids.map(teamName).join(', ') : t('common.none')),
          },
          {
            title: t('admin.users.status'),
            dataIndex: 'active',
            key: 'active',
            width: 110,
            render: (active: boolean) =>
              active ? <Tag color="blue">{t('admin.users.active')}</Tag> : <Tag>{t('admin.users.disabled')}</Tag>,
          },
        ]}
      />
      {last && page?.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button onClick={() => onMore(page.pageInfo.endCursor as string)}>{t('common.loadMore')}</Button>
        </Flex>
      )}
    </>
  );
}

/** Users and teams as Keycloak has them, read-only: people are managed in Keycloak, not here. */
export function UsersTab(): ReactNode {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [cursors, setCursors] = useState<string[]>([]);
  // The filter and the users' team names need every team; the teams table below pages on its own.
  const { rows: teams } = useAllTeams();
  const teamPages = useCursorPages();
  const [{ data: teamsData, error: teamsError }, reloadTeams] = useQuery({
    query: AdminTeamsQuery,
    variables: { after: teamPages.after },
  });
  const teamsPage = teamsData?.teams;
  const teamName = (id: string) => teams.find((team) => team.id === id)?.name ?? id;
  const filters = { search: search.trim() || undefined, role, teamId };
  const pages = [undefined, ...cursors];

  return (
    <Flex vertical gap={24}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('admin.users.intro')}
      </Typography.Paragraph>
      <section aria-labelledby="admin-users">
        <Typography.Title level={3} id="admin-users">
          {t('admin.users.title')}
        </Typography.Title>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            aria-label={t('admin.users.search')}
            placeholder={t('admin.users.search')}
            allowClear
            style={{ maxWidth: 280 }}
            onSearch={(value) => {
              setSearch(value);
              setCursors([]);
            }}
          />
          <Select<string>
            aria-label={t('admin.users.role')}
            placeholder={t('admin.users.anyRole')}
            allowClear
            style={{ minWidth: 180 }}
            value={role}
            onChange={(value) => {
              setRole(value);
              setCursors([]);
            }}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
          <Select<string>
            aria-label={t('admin.users.team')}
            placeholder={t('admin.users.anyTeam')}
            allowClear
            style={{ minWidth: 180 }}
            value={teamId}
            onChange={(value) => {
              setTeamId(value);
              setCursors([]);
            }}
            options={teams.map((team) => ({ value: team.id, label: team.name }))}
          />
        </Flex>
        {pages.map((after, i) => (
          <UsersPage
            key={after ?? 'first'}
            variables={{ ...filters, after }}
            teamName={teamName}
            last={i === pages.length - 1}
            onMore={(cursor) => setCursors((c) => [...c, cursor])}
          />
        ))}
      </section>
      <section aria-labelledby="admin-teams">
        <Typography.Title level={3} id="admin-teams">
          {t('admin.users.teamsTitle')}
        </Typography.Title>
        {teamsError ? (
          <QueryError error={teamsError} retry={() => reloadTeams({ requestPolicy: 'network-only' })} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            loading={!teamsData}
            locale={{ emptyText: t('admin.users.noTeams') }}
            dataSource={teamsPage?.edges.map((e) => e.node) ?? []}
            columns={[
              { title: t('admin.users.team'), dataIndex: 'name', key: 'name' },
              { title: t('admin.users.teamId'), dataIndex: 'id', key: 'id' },
              {
                title: t('admin.users.managers'),
                key: 'managers',
                render: (_, team) =>
                  team.managers.length ? team.managers.map((m) => m.displayName).join(', ') : t('common.none'),
              },
            ]}
          />
        )}
        {teamsPage && <PagedListFooter connection={teamsPage} pages={teamPages} />}
      </section>
    </Flex>
  );
}

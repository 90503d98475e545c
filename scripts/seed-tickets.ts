// The service part of `make seed`: tickets on the seeded accounts, opened and worked through the gateway by the service
// team (agent1, agent2, service.manager) as they would by phone, email, WeChat and the portal, in every status of the
// lifecycle, a few complaints (投诉) among them. Re-running adds nothing twice: each ticket is looked up by its subject
// on its account, and created with an idempotency key of its own.
import { demoUser } from '@crm/testing';
import type { SeedGraphql } from './seed-sales-callers';

type Status = 'NEW' | 'ASSIGNED' | 'IN_PROGRESS' | 'WAITING_ON_CUSTOMER' | 'RESOLVED' | 'CLOSED';
type Agent = 'agent1' | 'agent2';

/** One seeded ticket: what the customer reported, who took it and how far it went. */
interface TicketScenario {
  subject: string;
  description: string;
  channel: 'PHONE' | 'EMAIL' | 'WEB_FORM' | 'WECHAT' | 'PORTAL';
  category: string;
  priority: 'URGENT' | 'HIGH' | 'NORMAL' | 'LOW';
  complaint?: boolean;
  skills?: string[];
  requesterEmail?: string;
  openedBy: Agent | 'service.manager';
  /** Who works it: taken by the agent, or given to them by the service manager (`assignedBy`). */
  agent?: Agent;
  assignedBy?: 'service.manager';
  /** The agent's replies to the customer (the first one is the first response) and internal notes. */
  replies?: string[];
  notes?: string[];
  /** How far it goes: ASSIGNED unless given, for a ticket with an agent. */
  to?: Exclude<Status, 'NEW'>;
  resolution?: { summary: string; rootCauseCategory: string };
  /** Reopened after its resolution, with this reason (back to its agent). */
  reopenedBecause?: string;
}

/** Every status, complaints, both languages, and the untidy text real tickets carry. */
export const ticketScenarios: readonly TicketScenario[] = [
  {
    subject: '打印机卡纸，无法打印发票',
    description: '客户来电：财务部的 HP 打印机从早上开始一直卡纸，月底急需打印增值税发票。\n联系人：王会计 138****5521',
    channel: 'PHONE',
    category: 'hardware',
    priority: 'HIGH',
    skills: ['printers'],
    openedBy: 'agent1',
  },
  {
    subject: 'Complaint: we were charged TWICE for the November invoice!!',
    description:
      'Hi,\n\nour AP team noticed two debits of CNY 12,800.00 for invoice INV-2026-1107. This is the second time this year.\nPlease refund ASAP.\n\n-- \nSent from my iPhone',
    channel: 'EMAIL',
    category: 'billing',
    priority: 'HIGH',
    complaint: true,
    requesterEmail: 'ap@seed-customer.example.com',
    openedBy: 'agent2',
  },
  {
    subject: '微信小程序登录失败 (error 40029)',
    description: '用户反馈：扫码后提示 “invalid code”，换了两台手机都一样。',
    channel: 'WECHAT',
    category: 'software',
    priority: 'NORMAL',
    skills: ['wechat', 'mobile'],
    openedBy: 'agent1',
    agent: 'agent2',
    assignedBy: 'service.manager',
  },
  {
    subject: 'Scanner firmware update fails at 80%',
    description: 'Model DS-2200, firmware 4.1.7 -> 4.2.0. Update stops at 80% and the device reboots. Tried 3x.',
    channel: 'PORTAL',
    category: 'hardware',
    priority: 'NORMAL',
    skills: ['scanners'],
    openedBy: 'agent1',
    agent: 'agent1',
    to: 'IN_PROGRESS',
    replies: ['Thanks, we can reproduce it on 4.1.7; our engineers are looking into it.'],
    notes: ['Same symptom as last week on another account: probably the signed image.'],
  },
  {
    subject: 'ERP 同步报错 0x80070005',
    description: '每天凌晨的订单同步任务失败，错误代码 0x80070005（拒绝访问）。客户 IT 说没有改过权限。',
    channel: 'EMAIL',
    category: 'integration',
    priority: 'HIGH',
    requesterEmail: 'it-support@seed-customer.example.cn',
    openedBy: 'agent2',
    agent: 'agent2',
    to: 'WAITING_ON_CUSTOMER',
    replies: ['您好，请提供同步服务器上 C:\\ProgramData\\Sync\\logs 下最近三天的日志，谢谢！'],
  },
  {
    subject: 'VPN 连接频繁断开',
    description: '分公司 VPN 每隔 10 分钟左右断开一次，影响 ERP 使用。',
    channel: 'PHONE',
    category: 'network',
    priority: 'NORMAL',
    openedBy: 'agent1',
    agent: 'agent1',
    to: 'RESOLVED',
    replies: ['已远程检查，MTU 设置不当，已调整为 1400。请观察一天。'],
    resolution: { summary: '分公司路由器 MTU 配置错误，调整为 1400 后恢复稳定。', rootCauseCategory: 'configuration' },
  },
  {
    subject: 'Label printer prints blank labels',
    description: 'Zebra ZT230 prints blank labels since the ribbon change.',
    channel: 'WEB_FORM',
    category: 'hardware',
    priority: 'LOW',
    skills: ['printers'],
    openedBy: 'agent2',
    agent: 'agent2',
    to: 'CLOSED',
    replies: ['The ribbon was loaded inside out; see the attached guide. Please confirm it prints now.'],
    resolution: {
      summary: 'Ribbon loaded inside out; customer re-loaded it and confirmed.',
      rootCauseCategory: 'usage_question',
    },
  },
  {
    subject: '报表导出 Excel 乱码',
    description: '导出的销售报表用 Excel 打开中文全是乱码，WPS 正常。',
    channel: 'PORTAL',
    category: 'software',
    priority: 'NORMAL',
    openedBy: 'agent1',
    agent: 'agent1',
    to: 'RESOLVED',
    replies: ['请在 Excel 中通过“数据 → 自文本”以 UTF-8 导入。'],
    resolution: { summary: '告知客户以 UTF-8 导入。', rootCauseCategory: 'usage_question' },
    reopenedBecause: '客户反馈：按说明操作后仍然乱码，要求导出时带 BOM。',
  },
  {
    subject: '投诉：售后工程师未按约定时间上门',
    description: '客户投诉：约定周二上午 9 点上门维修，工程师下午 4 点才到，也没有提前电话通知。客户要求书面道歉。',
    channel: 'PHONE',
    category: 'field_service',
    priority: 'URGENT',
    complaint: true,
    openedBy: 'service.manager',
    agent: 'agent1',
    assignedBy: 'service.manager',
    to: 'IN_PROGRESS',
    replies: ['非常抱歉给您带来不便，我们已在核实当天的排班情况，今天下班前给您答复。'],
    notes: ['已联系外包服务商调取工程师当天的签到记录。'],
  },
  {
    subject: 'Request: training session on the reporting module',
    description: 'Could someone walk our 5 new sales admins through the reports? Any day next week works.',
    channel: 'PORTAL',
    category: 'training',
    priority: 'LOW',
    openedBy: 'agent2',
  },
  {
    subject: 'Complaint – delivery arrived damaged (2 of 10 boxes)',
    description: 'Two boxes of order SO-88213 arrived crushed. Photos sent to your sales rep.',
    channel: 'EMAIL',
    category: 'delivery',
    priority: 'HIGH',
    complaint: true,
    requesterEmail: 'logistics@seed-customer.example.com',
    openedBy: 'agent2',
    agent: 'agent2',
    to: 'RESOLVED',
    replies: ['We are sorry: replacements for both boxes ship today, tracking number to follow.'],
    resolution: {
      summary: 'Carrier damage; replacement shipped and a claim filed with the carrier.',
      rootCauseCategory: 'delivery',
    },
  },
  {
    subject: '  合同到期提醒邮件收不到  ',
    description: '客户说以前每月都能收到合同到期提醒，最近两个月没有收到。可能被当成垃圾邮件？',
    channel: 'EMAIL',
    category: 'notifications',
    priority: 'NORMAL',
    requesterEmail: 'zhang.wei@seed-customer.example.cn',
    openedBy: 'agent1',
    agent: 'agent1',
    to: 'WAITING_ON_CUSTOMER',
    replies: ['请检查一下垃圾邮件文件夹，并把 noreply@crm.example.com 加入白名单后告诉我们。'],
  },
];

const TICKET_FIELDS = 'id status version';

/** Opens (or finds) one seeded ticket and takes it as far as its scenario goes; true when it was new. */
async function seedTicket(
  graphql: SeedGraphql,
  accountId: string,
  scenario: TicketScenario,
  key: string,
): Promise<boolean> {
  const subject = scenario.subject.trim();
  const existing = (await graphql(
    `
      query ($accountId: ID!) {
        tickets(filter: { accountId: $accountId }, first: 100) {
          edges {
            node {
              id
              subject
            }
          }
        }
      }
    `,
    { accountId },
    'service.manager',
  )) as { tickets: { edges: { node: { id: string; subject: string } }[] } };
  if (existing.tickets.edges.some((e) => e.node.subject === subject)) return false;
  const { openedBy, agent, assignedBy, replies = [], notes = [], to, resolution, reopenedBecause } = scenario;
  const created = (await graphql(
    `mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ${TICKET_FIELDS} } }`,
    {
      input: {
        accountId,
        subject: scenario.subject,
        description: scenario.description,
        channel: scenario.channel,
        category: scenario.category,
        priority: scenario.priority,
        complaint: scenario.complaint ?? false,
        skills: scenario.skills ?? [],
        requesterEmail: scenario.requesterEmail ?? null,
        idempotencyKey: key,
      },
    },
    openedBy,
  )) as { createTicket: { id: string; version: number } };
  const id = created.createTicket.id;
  // A key that outlived the lookup (a ticket renamed since) returns a ticket worked already: leave it as it is.
  const fresh = created.createTicket.version === 1;
  if (!fresh || !agent) return fresh;
  await graphql(
    `mutation ($id: ID!, $agentId: ID) { assignTicket(id: $id, agentId: $agentId) { ${TICKET_FIELDS} } }`,
    { id, agentId: demoUser(agent).id },
    assignedBy ?? agent,
  );
  const move = (status: Status, extra: Record<string, unknown> = {}) =>
    graphql(
      `mutation ($id: ID!, $status: TicketStatus!, $resolution: TicketResolutionInput) {
        changeTicketStatus(id: $id, status: $status, resolution: $resolution) { ${TICKET_FIELDS} } }`,
      { id, status, ...extra },
      agent,
    );
  if (to && to !== 'ASSIGNED') await move('IN_PROGRESS');
  const messages = [
    ...replies.map((body) => ({ kind: 'REPLY', body })),
    ...notes.map((body) => ({ kind: 'NOTE', body })),
  ];
  for (const { kind, body } of messages)
    await graphql(
      `
        mutation ($id: ID!, $kind: TicketMessageKind!, $body: String!) {
          addTicketMessage(ticketId: $id, kind: $kind, body: $body) {
            id
          }
        }
      `,
      { id, kind, body },
      agent,
    );
  if (to === 'WAITING_ON_CUSTOMER') await move('WAITING_ON_CUSTOMER');
  if (to === 'RESOLVED' || to === 'CLOSED') await move('RESOLVED', { resolution });
  if (to === 'CLOSED') await move('CLOSED');
  if (reopenedBecause)
    await graphql(
      `mutation ($id: ID!, $reason: String!) { reopenTicket(id: $id, reason: $reason) { ${TICKET_FIELDS} } }`,
      { id, reason: reopenedBecause },
      agent,
    );
  return true;
}

/** `count` tickets: the scenarios in turn, each on the next of the first seeded accounts (by name). */
export async function seedTickets(graphql: SeedGraphql, count: number): Promise<{ tickets: number; created: number }> {
  const data = (await graphql(
    `
      query ($first: Int!) {
        accounts(first: $first, sort: { field: NAME }) {
          edges {
            node {
              id
            }
          }
        }
      }
    `,
    { first: Math.min(count, 100) },
  )) as { accounts: { edges: { node: { id: string } }[] } };
  const accounts = data.accounts.edges.map((e) => e.node.id);
  let created = 0;
  for (let i = 0; i < count && accounts.length; i++) {
    const accountId = accounts[i % accounts.length]!;
    const scenario = ticketScenarios[i % ticketScenarios.length]!;
    if (await seedTicket(graphql, accountId, scenario, `seed-ticket-${accountId}-${i}`)) created++;
  }
  return { tickets: accounts.length ? count : 0, created };
}

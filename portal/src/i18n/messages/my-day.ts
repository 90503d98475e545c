import type { Strings } from '../strings';

/** My day's strings: English (the keys' source) and Simplified Chinese (typed by it). */
export const myDayEn = {
  title: 'Good day, {{name}}',
  approvals: 'Quotes waiting for my approval',
  noApprovals: 'No quote is waiting for you.',
  quoteLine: 'Quote v{{version}} · {{total}} · up to {{discount}} off · submitted {{submitted}}',
  accessRequests: 'Access requests waiting on me',
  noAccessRequests: 'Nobody is waiting for access.',
  accessRequestLine: '{{access}} access · “{{reason}}” · {{requested}}',
} as const;

export const myDayZhCN: Strings<typeof myDayEn> = {
  title: '您好，{{name}}',
  approvals: '待我审批的报价',
  noApprovals: '暂无待您审批的报价。',
  quoteLine: '报价 v{{version}} · {{total}} · 最高折扣 {{discount}} · 提交于 {{submitted}}',
  accessRequests: '待我处理的访问申请',
  noAccessRequests: '暂无访问申请。',
  accessRequestLine: '{{access}} 权限 · “{{reason}}” · {{requested}}',
};

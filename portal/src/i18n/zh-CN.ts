import type { Translations } from './en';
import { account360ZhCN } from './messages/account-360';
import { accountsZhCN } from './messages/accounts';
import { adminZhCN } from './messages/admin';
import { importZhCN } from './messages/import';
import { auditZhCN } from './messages/audit';
import { myDayZhCN } from './messages/my-day';
import { ticketDetailZhCN } from './messages/ticket-detail';
import { ticketsZhCN } from './messages/tickets';
import { contactPointsZhCN } from './messages/contact-points';
import { forecastZhCN } from './messages/forecast';
import { leadsZhCN } from './messages/leads';
import { opportunityZhCN } from './messages/opportunity';
import { pipelineZhCN } from './messages/pipeline';

/** 简体中文: every key of en.ts (a missing or extra key fails the type check). */
export const zhCN: Translations = {
  app: {
    name: 'CRM',
    skipToContent: '跳到正文',
    language: '语言',
    signOut: '退出登录',
    menu: '菜单',
    signedInAs: '当前用户：{{name}}',
    timeZone: '时间按 {{zone}} 显示',
  },
  nav: {
    myDay: '我的一天',
    accounts: '客户',
    leads: '线索',
    pipeline: '商机管道',
    forecast: '销售预测',
    tickets: '工单',
    import: '导入',
    audit: '审计',
    admin: '系统管理',
  },
  roles: {
    'sales-rep': '销售代表',
    'sales-manager': '销售经理',
    'service-agent': '客服专员',
    'service-manager': '客服经理',
    finance: '财务',
    auditor: '审计员',
    'crm-admin': 'CRM 管理员',
  },
  session: {
    loading: '正在登录…',
    endedTitle: '您的会话已结束',
    endedBody: '您已退出登录，或登录已过期。已保存的内容不会丢失；尚未保存的内容需要重新填写。',
    signInAgain: '重新登录',
    configError: '门户无法读取配置。请刷新页面；如仍有问题，请联系管理员。',
  },
  common: {
    loading: '加载中…',
    retry: '重试',
    save: '保存',
    cancel: '取消',
    close: '关闭',
    search: '搜索',
    none: '—',
    hidden: '已隐藏',
    hiddenReason: '已隐藏：{{reason}}',
    loadMore: '加载更多',
    total: '共 {{count}} 条',
    totalEstimate: '约 {{count}} 条',
    noAccessTitle: '您无权打开此记录',
    noAccessBody: '此记录未共享给您。请向其负责人或您的经理申请访问权限。',
    notFoundTitle: '未找到',
    notFoundBody: '此地址没有内容。请检查链接，或返回“我的一天”。',
    backToMyDay: '返回我的一天',
  },
  myDay: myDayZhCN,
  accounts: accountsZhCN,
  account360: account360ZhCN,
  import: importZhCN,
  admin: adminZhCN,
  tickets: ticketsZhCN,
  contactPoints: contactPointsZhCN,
  ticketDetail: ticketDetailZhCN,
  audit: auditZhCN,
  pipeline: pipelineZhCN,
  leads: leadsZhCN,
  opportunity: opportunityZhCN,
  forecast: forecastZhCN,
  errors: {
    network: '无法连接 CRM。请检查网络后重试。',
    forbidden: '您无权执行此操作。如有需要，请联系您的经理。',
    conflict: '其他人刚刚修改了此记录。请刷新后重新修改。',
    unknown: '出现错误（{{message}}）。请重试；如仍有问题，请将下方参考编号告知管理员。',
    reference: '参考编号：{{reference}}',
    copyReference: '复制参考编号',
    referenceCopied: '已复制参考编号',
  },
};

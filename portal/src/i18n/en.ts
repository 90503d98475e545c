import { account360En } from './messages/account-360';
import { accountsEn } from './messages/accounts';
import { adminEn } from './messages/admin';
import { importEn } from './messages/import';
import { auditEn } from './messages/audit';
import { myDayEn } from './messages/my-day';
import { ticketDetailEn } from './messages/ticket-detail';
import { ticketsEn } from './messages/tickets';
import { contactPointsEn } from './messages/contact-points';
import { forecastEn } from './messages/forecast';
import { leadsEn } from './messages/leads';
import { opportunityEn } from './messages/opportunity';
import { pipelineEn } from './messages/pipeline';
import type { Strings } from './strings';

/** English: the source of every key. zh-CN.ts must have exactly the same keys (the type checker enforces it). */
export const en = {
  app: {
    name: 'CRM',
    skipToContent: 'Skip to content',
    language: 'Language',
    signOut: 'Sign out',
    menu: 'Menu',
    signedInAs: 'Signed in as {{name}}',
    timeZone: 'Times shown in {{zone}}',
  },
  nav: {
    myDay: 'My day',
    accounts: 'Accounts',
    leads: 'Leads',
    pipeline: 'Pipeline',
    forecast: 'Forecast',
    tickets: 'Tickets',
    import: 'Import',
    audit: 'Audit',
    admin: 'Admin',
  },
  roles: {
    'sales-rep': 'Sales rep',
    'sales-manager': 'Sales manager',
    'service-agent': 'Service agent',
    'service-manager': 'Service manager',
    finance: 'Finance',
    auditor: 'Auditor',
    'crm-admin': 'CRM administrator',
  },
  session: {
    loading: 'Signing you in…',
    endedTitle: 'Your session has ended',
    endedBody:
      'You were signed out, or your sign-in expired. Nothing you saved is lost; anything you had not saved yet needs to be entered again.',
    signInAgain: 'Sign in again',
    configError: 'The portal cannot reach its configuration. Reload the page; if it persists, tell your administrator.',
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    search: 'Search',
    none: '—',
    hidden: 'Hidden',
    hiddenReason: 'Hidden: {{reason}}',
    loadMore: 'Load more',
    total: '{{count}} in total',
    totalEstimate: 'about {{count}}',
    noAccessTitle: 'You cannot open this',
    noAccessBody: 'This record is not shared with you. Ask its owner or your manager for access.',
    notFoundTitle: 'Not found',
    notFoundBody: 'Nothing exists at this address. Check the link, or go back to your day.',
    backToMyDay: 'Back to my day',
  },
  myDay: myDayEn,
  accounts: accountsEn,
  account360: account360En,
  import: importEn,
  admin: adminEn,
  tickets: ticketsEn,
  contactPoints: contactPointsEn,
  ticketDetail: ticketDetailEn,
  audit: auditEn,
  pipeline: pipelineEn,
  leads: leadsEn,
  opportunity: opportunityEn,
  forecast: forecastEn,
  errors: {
    network: 'The CRM cannot be reached. Check your connection and try again.',
    forbidden: 'You are not allowed to do this. Ask your manager if you need it.',
    conflict: 'Someone else changed this record meanwhile. Reload it and apply your change again.',
    unknown: 'Something went wrong ({{message}}). Try again; if it persists, tell your administrator the reference.',
    reference: 'Reference: {{reference}}',
    copyReference: 'Copy the reference',
    referenceCopied: 'Reference copied',
  },
} as const;

/** The shape every language must fill. */
export type Translations = Strings<typeof en>;

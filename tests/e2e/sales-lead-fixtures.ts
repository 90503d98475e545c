import { demoUser, type Stack } from '@crm/testing';
import type { GraphQLClient } from './gateway-client';

/**
 * The leads of the lead matrix:
 * - OWNED: rep.east1's, team sales-east;
 * - UNASSIGNED: a web form's of sales-east, no rule fitting: in sales-east's queue without an owner;
 * - SOUTH: rep.south2's, team sales-south;
 * - CONVERTED: rep.east1's, converted by rep.east1 into a new account (the one conversion the matrix completes).
 */
export type LeadFixture = 'OWNED' | 'UNASSIGNED' | 'SOUTH' | 'CONVERTED';
export const LEAD_FIXTURES: LeadFixture[] = ['OWNED', 'UNASSIGNED', 'SOUTH', 'CONVERTED'];

export interface LeadState {
  id: string;
  status: string;
  ownerId: string | null;
  teamId: string | null;
  convertedAccountId: string | null;
}

export const LEAD_QUERIES = {
  read: `query($id: ID!) { lead(id: $id) { id } }`,
  state: `query($id: ID!) { lead(id: $id) { id status ownerId teamId convertedAccountId } }`,
  create: `mutation($input: CreateLeadInput!) { createLead(input: $input) { id status ownerId teamId convertedAccountId } }`,
  qualify: `mutation($id: ID!) { qualifyLead(id: $id) { id } }`,
  disqualify: `mutation($id: ID!) { disqualifyLead(id: $id, reason: BAD_TIMING) { id } }`,
  convert: `mutation($input: ConvertLeadInput!) { convertLead(input: $input) { id state accountId lead { status } } }`,
  accountsNamed: `query($s: String) { accounts(search: $s, first: 20) { edges { node { id name } } } }`,
  createWebForm: `mutation($input: CreateWebFormInput!) { createWebForm(input: $input) { id publicKey } }`,
};

/** The lead as crm-admin sees it (the fixtures' state, whoever asks in the matrix). */
export async function leadState(client: GraphQLClient, id: string): Promise<LeadState> {
  return (await client.must<{ lead: LeadState }>('admin1', LEAD_QUERIES.state, { id })).lead;
}

/** The ids of the customer service's accounts with exactly this name (crm-admin's view). */
export async function accountsNamed(client: GraphQLClient, name: string): Promise<string[]> {
  const found = await client.must<{ accounts: { edges: { node: { id: string; name: string } }[] } }>(
    'admin1',
    LEAD_QUERIES.accountsNamed,
    { s: name },
  );
  return found.accounts.edges.filter((e) => e.node.name === name).map((e) => e.node.id);
}

async function captured(client: GraphQLClient, as: string, companyName: string): Promise<LeadState> {
  const lead = await client.must<{ createLead: LeadState }>(as, LEAD_QUERIES.create, {
    input: { companyName, personName: `Contact of ${companyName}` },
  });
  return lead.createLead;
}

/** A person submits a sales-east web form (signed render time, more than the 3 s a person needs, honeypot empty). */
async function submittedThroughWebForm(client: GraphQLClient, stack: Stack): Promise<LeadState> {
  const form = await client.must<{ createWebForm: { publicKey: string } }>('admin1', LEAD_QUERIES.createWebForm, {
    input: {
      name: 'Lead matrix contact form',
      teamId: 'sales-east',
      rateLimitPerMinute: 10,
      allowedFields: ['companyName', 'personName'],
    },
  });
  const base = new URL('/', stack.urls['sales-pipelineGraphql']).toString();
  const key = form.createWebForm.publicKey;
  const rendered = (await (await fetch(`${base}web-forms/${key}/render`)).json()) as Record<string, string>;
  await new Promise((resolve) => setTimeout(resolve, 3100));
  const res = await fetch(`${base}web-forms/${key}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...rendered, website: '', companyName: 'Lead Matrix Web Ltd', personName: 'Wendy Web' }),
  });
  if (res.status !== 201) throw new Error(`web form submission answered ${res.status}: ${await res.text()}`);
  return leadState(client, ((await res.json()) as { leadId: string }).leadId);
}

/** Creates the four leads as the users who would, and checks each is what its name says. */
export async function createLeadFixtures(client: GraphQLClient, stack: Stack): Promise<Record<LeadFixture, LeadState>> {
  const east1 = demoUser('rep.east1').id;
  const leads: Record<LeadFixture, LeadState> = {
    OWNED: await captured(client, 'rep.east1', 'Lead Matrix Owned Ltd'),
    UNASSIGNED: await submittedThroughWebForm(client, stack),
    SOUTH: await captured(client, 'rep.south2', 'Lead Matrix South Ltd'),
    CONVERTED: await captured(client, 'rep.east1', 'Lead Matrix Converted Ltd'),
  };
  await client.must('rep.east1', LEAD_QUERIES.qualify, { id: leads.CONVERTED.id });
  const conversion = await client.must<{ convertLead: { state: string; accountId: string } }>(
    'rep.east1',
    LEAD_QUERIES.convert,
    { input: { leadId: leads.CONVERTED.id, accountChoice: { create: { name: 'Lead Matrix Converted Ltd' } } } },
  );
  if (conversion.convertLead.state !== 'COMPLETED') throw new Error(`conversion ${JSON.stringify(conversion)}`);
  for (const name of LEAD_FIXTURES) leads[name] = await leadState(client, leads[name].id);
  const expected: Record<LeadFixture, Partial<LeadState>> = {
    OWNED: { ownerId: east1, teamId: 'sales-east', status: 'NEW' },
    UNASSIGNED: { ownerId: null, teamId: 'sales-east', status: 'NEW' },
    SOUTH: { ownerId: demoUser('rep.south2').id, teamId: 'sales-south', status: 'NEW' },
    CONVERTED: {
      ownerId: east1,
      teamId: 'sales-east',
      status: 'CONVERTED',
      convertedAccountId: conversion.convertLead.accountId,
    },
  };
  for (const name of LEAD_FIXTURES) {
    const wrong = Object.entries(expected[name]).filter(([k, v]) => leads[name][k as keyof LeadState] !== v);
    if (wrong.length) throw new Error(`fixture lead ${name} is ${JSON.stringify(leads[name])}`);
  }
  return leads;
}

import { describeWithKeycloak } from '@crm/testing';
import { startSalesHarness, type SalesHarness } from './sales-test-harness';

const createWebForm = `mutation($input: CreateWebFormInput!) {
  createWebForm(input: $input) { id publicKey name teamId active rateLimitPerMinute allowedFields }
}`;

interface Form {
  id: string;
  publicKey: string;
}

interface Rendered {
  renderedAt: string;
  renderToken: string;
}

describeWithKeycloak('web forms', () => {
  let h: SalesHarness;
  let form: Form;

  let shown: Rendered;

  beforeAll(async () => {
    h = await startSalesHarness('sales_web_forms');
    form = await newForm('Contact us', 100);
    shown = await render(form.publicKey);
    await personFillsIn();
  }, 120_000);
  afterAll(() => h?.stop());

  async function newForm(name: string, rateLimitPerMinute: number): Promise<Form> {
    const res = await h.graphql<{ createWebForm: Form }>(
      createWebForm,
      {
        input: {
          name,
          teamId: 'sales-east',
          rateLimitPerMinute,
          allowedFields: ['companyName', 'personName', 'email'],
        },
      },
      'admin1',
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createWebForm;
  }

  /** The signed render time a page gets when it shows the form. */
  async function render(key: string): Promise<Rendered> {
    const res = await fetch(`http://127.0.0.1:${h.app.httpPort}/web-forms/${key}/render`);
    expect(res.status).toBe(200);
    return (await res.json()) as Rendered;
  }
  /** Longer than the shortest time a person needs (3 s). */
  const personFillsIn = () => new Promise((resolve) => setTimeout(resolve, 3100));

  /** A person's submission of the form shown earlier, honeypot empty. */
  const human = (fields: Record<string, string>, rendered: Rendered = shown) => ({
    ...rendered,
    website: '',
    ...fields,
  });

  function post(key: string, body: Record<string, string>, options: { port?: number; form?: boolean } = {}) {
    const port = options.port ?? h.app.httpPort;
    return fetch(`http://127.0.0.1:${port}/web-forms/${key}/submissions`, {
      method: 'POST',
      headers: { 'content-type': options.form ? 'application/x-www-form-urlencoded' : 'application/json' },
      body: options.form ? new URLSearchParams(body).toString() : JSON.stringify(body),
    });
  }

  async function webFormLeadCount(): Promise<number> {
    const res = await h.graphql<{ leads: { totalCount: number } }>(
      `{ leads(filter: { source: WEB_FORM }) { totalCount } }`,
      {},
      'admin1',
    );
    return res.data!.leads.totalCount;
  }

  it('are configured by crm-admin only, each with a long random public key', async () => {
    expect(form.publicKey.length).toBeGreaterThanOrEqual(32);
    const byRep = await h.graphql(
      createWebForm,
      { input: { name: 'x', teamId: 'sales-east', rateLimitPerMinute: 5, allowedFields: ['companyName'] } },
      'rep.east1',
    );
    expect(byRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await h.graphql(
      createWebForm,
      { input: { name: 'x', teamId: 'sales-east', rateLimitPerMinute: 0, allowedFields: ['salary'] } },
      'admin1',
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('rateLimitPerMinute');
    expect(JSON.stringify(bad.errors?.[0]?.extensions)).toContain('allowedFields');
  });

  it('capture a lead from JSON and from form data, unassigned for the form’s team managers', async () => {
    const json = await post(form.publicKey, human({ companyName: 'Kunming Flowers', email: 'Sales@Flowers.cn' }));
    expect(json.status).toBe(201);
    const { leadId } = (await json.json()) as { leadId: string };
    const seen = await h.graphql<{ lead: Record<string, unknown> }>(
      `query($id: ID!) { lead(id: $id) { source ownerId teamId email formId } }`,
      { id: leadId },
      'manager.east',
    );
    expect(seen.data?.lead).toEqual({
      source: 'WEB_FORM',
      ownerId: null,
      teamId: 'sales-east',
      email: 'sales@flowers.cn',
      formId: form.id,
    });
    const urlencoded = await post(form.publicKey, human({ personName: 'Ma Lin' }), { form: true });
    expect(urlencoded.status).toBe(201);
    expect((await h.streamEvents()).map((e) => e.subject)).toContain('crm.sales.lead.captured');
  });

  it('refuse spam with 422 and a reason, creating nothing', async () => {
    const before = await webFormLeadCount();
    const honeypot = await post(form.publicKey, { ...human({ companyName: 'Bot' }), website: 'http://spam.example' });
    expect(honeypot.status).toBe(422);
    expect(await honeypot.json()).toMatchObject({ error: { code: 'SPAM', reason: 'honeypot_filled' } });
    const fast = await post(form.publicKey, human({ companyName: 'Bot' }, await render(form.publicKey)));
    expect(fast.status).toBe(422);
    expect(await fast.json()).toMatchObject({ error: { reason: 'too_fast' } });
    // A bot claiming the page was shown long ago: the render time is not the one this service signed.
    const forged = await post(form.publicKey, {
      ...human({ companyName: 'Bot' }),
      renderedAt: String(Date.now() - 60_000),
    });
    expect(forged.status).toBe(422);
    expect(await forged.json()).toMatchObject({ error: { reason: 'render_signature_invalid' } });
    const unsigned = await post(form.publicKey, { companyName: 'Bot', renderedAt: String(Date.now() - 60_000) });
    expect(await unsigned.json()).toMatchObject({ error: { reason: 'render_signature_invalid' } });
    expect(await webFormLeadCount()).toBe(before);
  });

  it('refuse a field the form does not take, naming it, and capture a resent submission once', async () => {
    const phone = await post(form.publicKey, human({ companyName: 'Tianjin Port', phone: '13800138000' }));
    expect(phone.status).toBe(400);
    expect(JSON.stringify(await phone.json())).toContain('phone');
    const body = human({ companyName: 'Tianjin Port', submissionId: 'browser-42' });
    const first = await post(form.publicKey, body);
    const again = await post(form.publicKey, body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(((await again.json()) as { leadId: string }).leadId).toBe(
      ((await first.json()) as { leadId: string }).leadId,
    );
  });

  it('answer 404 for an unknown or deactivated form, and 413 without a stack trace for a huge body', async () => {
    expect((await post('x'.repeat(43), human({ companyName: 'Nobody' }))).status).toBe(404);
    const gone = await newForm('Old campaign', 10);
    const off = await h.graphql(
      `mutation($id: ID!) { deactivateWebForm(id: $id) { active } }`,
      { id: gone.id },
      'admin1',
    );
    expect(off.errors).toBeUndefined();
    expect((await post(gone.publicKey, human({ companyName: 'Late' }))).status).toBe(404);
    const huge = await post(form.publicKey, human({ companyName: 'x'.repeat(40_000) }));
    expect(huge.status).toBe(413);
    const text = await huge.text();
    expect(text).not.toMatch(/at \w+ \(/);
  });

  it('share the per-form rate limit across replicas: over it, 429 with Retry-After', async () => {
    const limited = await newForm('Limited', 2);
    const page = await render(limited.publicKey);
    await personFillsIn();
    const replica = await h.startReplica();
    try {
      expect((await post(limited.publicKey, human({ companyName: 'One' }, page))).status).toBe(201);
      const second = await post(limited.publicKey, human({ companyName: 'Two' }, page), { port: replica.app.httpPort });
      expect(second.status).toBe(201);
      const third = await post(limited.publicKey, human({ companyName: 'Three' }, page));
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await replica.stop();
    }
  });
});

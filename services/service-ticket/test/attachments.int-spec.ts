import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithKeycloak, eventually } from '@crm/testing';
import { startTicketHarness, type TicketFields, type TicketHarness } from './ticket-test-harness';

const maxBytes = 256 * 1024;
const png = (size: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const attachmentsOf = `query($id: ID!) { ticket(id: $id) { attachments { id fileName contentType sizeBytes sha256
  downloadPath } } }`;

describeWithKeycloak('ticket attachments', () => {
  let h: TicketHarness;
  let directory: string;
  let base: string;
  let accountId: string;
  let ticket: TicketFields;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ticket-attachments-spec-'));
    h = await startTicketHarness('ticket_attachments', { attachments: { directory, maxBytes } });
    base = `http://127.0.0.1:${h.app.httpPort}`;
    accountId = await h.createAccount('Hangzhou Pumps Co.', 'rep.east1');
    ticket = await h.createTicket({ accountId });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  const upload = async (
    ticketId: string,
    body: Buffer | ReadableStream<Uint8Array>,
    headers: Record<string, string>,
    as = 'agent1',
  ) =>
    fetch(`${base}/tickets/${ticketId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await h.token(as)}`, ...headers },
      body,
      ...(body instanceof Buffer ? {} : { duplex: 'half' }),
    } as RequestInit);
  const download = async (ticketId: string, attachmentId: string, as = 'agent1') =>
    fetch(`${base}/tickets/${ticketId}/attachments/${attachmentId}`, {
      headers: { authorization: `Bearer ${await h.token(as)}` },
    });
  const stored = async () => ({
    files: (await readdir(directory)).length,
    rows: Number(
      (await h.app.services.dataSource.query<{ n: string }[]>(`SELECT count(*)::text AS n FROM ticket_attachments`))[0]
        .n,
    ),
  });

  it('round trip: an agent uploads a PNG and downloads the same bytes, as a download the browser does not sniff', async () => {
    const bytes = png(100_000);
    const res = await upload(ticket.id, bytes, {
      'content-type': 'image/png',
      'x-file-name': encodeURIComponent('C:\\扫描\\故障 照片.png'),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; sha256: string; sizeBytes: number; fileName: string };
    expect(created).toMatchObject({ fileName: '故障 照片.png', sizeBytes: bytes.length, sha256: sha256(bytes) });

    const got = await download(ticket.id, created.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="__ __\.png"; filename\*=UTF-8''/);
    expect(sha256(Buffer.from(await got.arrayBuffer()))).toBe(sha256(bytes));
    expect(got.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`);

    const listed = await h.graphql<{ ticket: { attachments: Record<string, unknown>[] } }>(
      attachmentsOf,
      { id: ticket.id },
      'agent2',
    );
    expect(listed.data?.ticket.attachments).toEqual([
      expect.objectContaining({
        id: created.id,
        contentType: 'image/png',
        sha256: sha256(bytes),
        downloadPath: `/tickets/${ticket.id}/attachments/${created.id}`,
      }),
    ]);
    const audited = await h.app.services.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'ticket.attachment.%' ORDER BY seq`,
      [ticket.id],
    );
    expect(audited.map((a) => a.action)).toEqual(['ticket.attachment.added', 'ticket.attachment.downloaded']);
  });

  it('refuses a file over the limit with 413 and stores nothing, whether its length is declared or streamed', async () => {
    const before = await stored();
    const declared = await upload(ticket.id, png(maxBytes + 1), {
      'content-type': 'image/png',
      'x-file-name': 'big.png',
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { field: 'body', violations: [{ rule: 'max_bytes' }] } });
    const big = png(maxBytes + 70_000);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < big.length; at += 16_384) controller.enqueue(big.subarray(at, at + 16_384));
        controller.close();
      },
    });
    const streamed = await upload(ticket.id, chunked, { 'content-type': 'image/png', 'x-file-name': 'big.png' });
    expect(streamed.status).toBe(413);
    expect(await stored()).toEqual(before);
  });

  it('refuses bytes that are not an allowed type, or not the declared one, with 415 naming the rule', async () => {
    const before = await stored();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), randomBytes(4000)]);
    const disguised = await upload(ticket.id, exe, { 'content-type': 'application/pdf', 'x-file-name': 'invoice.pdf' });
    expect(disguised.status).toBe(415);
    expect(await disguised.json()).toMatchObject({ error: { field: 'body', violations: [{ rule: 'media_type' }] } });
    const mislabelled = await upload(ticket.id, Buffer.from('%PDF-1.7\n...'), {
      'content-type': 'image/png',
      'x-file-name': 'scan.png',
    });
    expect(mislabelled.status).toBe(415);
    expect(((await mislabelled.json()) as { error: { message: string } }).error.message).toContain(
      'the bytes are application/pdf, not the declared image/png',
    );
    expect(await stored()).toEqual(before);
  });

  it("keeps another team's agent and a rep without the account out, and lets the account's rep only read", async () => {
    const billing = await h.createTicket({ accountId, teamId: 'billing' }, 'admin1');
    const uploadPdf = (as: string) =>
      upload(
        billing.id,
        Buffer.from('%PDF-1.4\n%%EOF\n'),
        { 'content-type': 'application/pdf', 'x-file-name': 'a.pdf' },
        as,
      );
    const adminUpload = await uploadPdf('admin1');
    expect(adminUpload.status).toBe(201);
    const { id } = (await adminUpload.json()) as { id: string };

    const before = await stored();
    expect((await uploadPdf('agent1')).status).toBe(403);
    expect((await download(billing.id, id, 'agent1')).status).toBe(403);
    expect((await download(billing.id, id, 'rep.south1')).status).toBe(403);
    // The account's owner reads the ticket (once the account's facts have arrived) but does not change it.
    const status = async () => {
      const res = await download(billing.id, id, 'rep.east1');
      await res.arrayBuffer();
      return res.status;
    };
    expect(await eventually(status, (s) => s === 200)).toBe(200);
    expect((await uploadPdf('rep.east1')).status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('refuses path-like ids and keeps only the last segment of a path-like file name', async () => {
    for (const attachmentId of ['..%2F..%2Fetc%2Fpasswd', '..', 'not-a-uuid'])
      expect((await download(ticket.id, attachmentId)).status).toBeGreaterThanOrEqual(400);
    const res = await upload(ticket.id, Buffer.from('plain notes\n'), {
      'content-type': 'text/plain',
      'x-file-name': encodeURIComponent('../../etc/passwd'),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ fileName: 'passwd', contentType: 'text/plain' });
    expect((await readdir(directory)).every((name) => /^[0-9a-f-]{36}$/.test(name))).toBe(true);
  });

  it('are deleted by an agent of the ticket: the bytes go, the metadata stays for the audit trail', async () => {
    const res = await upload(ticket.id, Buffer.from('GIF89a\x01\x00', 'latin1'), {
      'content-type': 'image/gif',
      'x-file-name': 'x.gif',
    });
    const { id } = (await res.json()) as { id: string };
    const deleteAttachment = `mutation($id: ID!) { deleteTicketAttachment(id: $id) { id deletedAt } }`;
    const byRep = await h.graphql(deleteAttachment, { id }, 'rep.east1');
    expect(byRep.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const files = (await readdir(directory)).length;
    const deleted = await h.graphql<{ deleteTicketAttachment: { id: string; deletedAt: string } }>(
      deleteAttachment,
      { id },
      'agent2',
    );
    expect(deleted.data?.deleteTicketAttachment.deletedAt).toEqual(expect.any(String));
    expect((await readdir(directory)).length).toBe(files - 1);
    expect((await download(ticket.id, id)).status).toBe(404);
    const listed = await h.graphql<{ ticket: { attachments: { id: string }[] } }>(attachmentsOf, { id: ticket.id });
    expect(listed.data?.ticket.attachments.map((a) => a.id)).not.toContain(id);
  });
});

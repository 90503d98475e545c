import { maxInboundBodyChars, parseInboundEmail, plainTextOf, ticketNumberIn } from './inbound-email';
import { refusedFields } from './refused-fields';

const now = new Date('2026-11-30T08:00:00Z');
const mail = (fields: Record<string, unknown> = {}) => ({
  from: 'Li.Wei@Example.CN',
  to: 'support@crm.example',
  subject: 'Printer offline',
  text: 'It stopped printing.',
  messageId: '<abc@mail.example.cn>',
  ...fields,
});

describe('inbound email', () => {
  it('normalizes the sender, strips the message id brackets and takes the gateway time when none is given', () => {
    expect(parseInboundEmail(mail(), now)).toEqual({
      from: 'li.wei@example.cn',
      subject: 'Printer offline',
      body: 'It stopped printing.',
      messageId: 'abc@mail.example.cn',
      repliesTo: [],
      receivedAt: now,
    });
  });

  it('lists the answered messages: In-Reply-To first, then References newest first, each once, never itself', () => {
    const parsed = parseInboundEmail(
      mail({ inReplyTo: '<m3@x>', references: ['<m1@x>', '<m2@x>', '<m3@x>', '<abc@mail.example.cn>'] }),
      now,
    );
    expect(parsed.repliesTo).toEqual(['m3@x', 'm2@x', 'm1@x']);
  });

  it('keeps plain text: markup and scripts removed, entities decoded, capped', () => {
    expect(plainTextOf('<p>Hello&nbsp;<b>team</b></p><script>alert(1)</script>a &lt;b&gt; &amp; c<br>next')).toBe(
      'Hello team\na <b> & c\nnext',
    );
    expect(parseInboundEmail(mail({ text: 'x'.repeat(maxInboundBodyChars + 10) }), now).body).toHaveLength(
      maxInboundBodyChars,
    );
  });

  it('finds a ticket number written in the subject', () => {
    expect(ticketNumberIn('Re: [tk-2026-000123] Printer offline')).toBe('TK-2026-000123');
    expect(ticketNumberIn('Re: TK-2026-000123 without brackets')).toBeNull();
  });

  it('uses the subject as the body of a message with only a subject', () => {
    expect(parseInboundEmail(mail({ text: '   ' }), now).body).toBe('Printer offline');
  });

  it.each<[Record<string, unknown>, [string, string][]]>([
    [{ from: 'not an address' }, [['from', 'email']]],
    [{ from: 42 }, [['from', 'email']]],
    [{ text: undefined }, [['text', 'required']]],
    [{ text: ' ', subject: '' }, [['text', 'required']]],
    [{ messageId: '<>' }, [['messageId', 'required']]],
    [{ inReplyTo: 7 }, [['inReplyTo', 'type']]],
    [{ references: 'm1@x' }, [['references', 'type']]],
    [{ receivedAt: 'yesterday' }, [['receivedAt', 'datetime']]],
    [{ receivedAt: '2026-12-01T08:00:00Z' }, [['receivedAt', 'past']]],
  ])('refuses %j naming the field and rule', (fields, expected) => {
    expect(refusedFields(() => parseInboundEmail(mail(fields), now))).toEqual(expected);
  });
});

import { caughtRuleError } from './caught-rule-error';
import {
  disqualifyReasons,
  transitionLead,
  validateLead,
  type LeadContactReaders,
  type LeadStatus,
} from './lead-rules';

// Stand-ins for the customer service's normalizers (their own specs cover the formats).
const readers: LeadContactReaders = {
  normalizeEmail: (raw) => (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(raw) ? raw.toLowerCase() : null),
  normalizePhone: (raw, country) => (/^1\d{10}$/.test(raw) && country === 'CN' ? `+86${raw}` : null),
};

describe('lead status', () => {
  it.each<[LeadStatus, LeadStatus]>([
    ['new', 'working'],
    ['new', 'qualified'],
    ['working', 'qualified'],
    ['qualified', 'converted'],
    ['qualified', 'working'],
    ['disqualified', 'working'],
    ['disqualified', 'qualified'],
  ])('moves %s → %s', (from, to) => {
    expect(transitionLead(from, to)).toEqual({ status: to, disqualifyReason: null, disqualifyNote: null });
  });

  it.each<[LeadStatus, LeadStatus]>([
    ['converted', 'working'],
    ['converted', 'disqualified'],
    ['new', 'converted'],
    ['working', 'converted'],
    ['disqualified', 'converted'],
    ['disqualified', 'new'],
    ['working', 'new'],
  ])('refuses %s → %s', (from, to) => {
    const error = caughtRuleError(() => transitionLead(from, to, { reason: 'no_budget' }));
    expect([error.code, error.violations[0].rule]).toEqual(['FAILED_PRECONDITION', 'lead_status']);
  });

  it.each<LeadStatus>(['new', 'working', 'qualified'])('disqualifies a %s lead with a listed reason', (from) => {
    expect(transitionLead(from, 'disqualified', { reason: 'no_budget', note: ' next year maybe ' })).toEqual({
      status: 'disqualified',
      disqualifyReason: 'no_budget',
      disqualifyNote: 'next year maybe',
    });
  });

  it.each([
    [{}, ['reason'], 'enum'],
    [{ reason: 'too small' }, ['reason'], 'enum'],
    [{ reason: 'other' }, ['note'], 'required'],
    [{ reason: 'other', note: '   ' }, ['note'], 'required'],
    [{ reason: 'spam', note: 'x'.repeat(2001) }, ['note'], 'max_length'],
  ])('refuses to disqualify with %j', (details, path, rule) => {
    const error = caughtRuleError(() => transitionLead('working', 'disqualified', details));
    expect([error.code, error.violations[0].path, error.violations[0].rule]).toEqual(['BAD_USER_INPUT', path, rule]);
  });

  it("accepts 'other' with a note, and lists the reasons", () => {
    expect(transitionLead('new', 'disqualified', { reason: 'other', note: 'student project' }).disqualifyReason).toBe(
      'other',
    );
    expect(disqualifyReasons).toContain('competitor_chosen');
  });
});

describe('lead validation', () => {
  it('reads a lead and normalizes its contact points', () => {
    expect(
      validateLead(
        { companyName: '  Acme   Trading ', email: 'Li.Wei@Acme.CN', phone: '13812345678', region: 'east' },
        readers,
        'CN',
      ),
    ).toEqual({
      companyName: 'Acme Trading',
      personName: null,
      email: 'li.wei@acme.cn',
      phone: '+8613812345678',
      source: null,
      region: 'east',
      industry: null,
    });
  });

  it('accepts a person without a company', () => {
    expect(validateLead({ personName: '李伟' }, readers, 'CN').personName).toBe('李伟');
  });

  it.each([
    [{}, ['companyName'], 'company_or_person'],
    [{ companyName: '  ', personName: '' }, ['companyName'], 'company_or_person'],
    [{ companyName: 'Acme', email: 'not-an-email' }, ['email'], 'email'],
    [{ companyName: 'Acme', phone: '12345' }, ['phone'], 'phone'],
    [{ companyName: 'x'.repeat(201) }, ['companyName'], 'max_length'],
    [{ companyName: 'Acme', region: 42 }, ['region'], 'type'],
  ])('refuses %j, naming %j (%s)', (input, path, rule) => {
    expect(caughtRuleError(() => validateLead(input, readers, 'CN')).violations).toEqual([
      expect.objectContaining({ path, rule }),
    ]);
  });

  it('names every bad field at once', () => {
    const error = caughtRuleError(() => validateLead({ email: 'x', phone: 'y' }, readers, 'CN'));
    expect(error.violations.map((v) => v.path[0])).toEqual(['companyName', 'email', 'phone']);
  });
});

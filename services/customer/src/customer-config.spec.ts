import { ConfigError, loadConfig } from '@crm/platform/config';
import { customerConfigSpec } from './customer-config';

const required = { CUSTOMER_DATABASE_URL: 'postgres://localhost/customer' };

describe('customer configuration', () => {
  it('reads national phone numbers in CN unless DEFAULT_COUNTRY names another country', () => {
    expect(loadConfig(customerConfigSpec, required).DEFAULT_COUNTRY).toBe('CN');
    expect(loadConfig(customerConfigSpec, { ...required, DEFAULT_COUNTRY: 'us' }).DEFAULT_COUNTRY).toBe('US');
  });

  it('refuses a DEFAULT_COUNTRY that is no country, naming the variable', () => {
    expect(() => loadConfig(customerConfigSpec, { ...required, DEFAULT_COUNTRY: 'China' })).toThrow(ConfigError);
    expect(() => loadConfig(customerConfigSpec, { ...required, DEFAULT_COUNTRY: 'XX' })).toThrow(/DEFAULT_COUNTRY/);
  });

  it('expects follow-ups every 7, 14 and 30 days by grade unless FOLLOW_UP_CADENCE_DAYS says otherwise', () => {
    expect(loadConfig(customerConfigSpec, required).FOLLOW_UP_CADENCE_DAYS).toEqual({ A: 7, B: 14, C: 30 });
    expect(
      loadConfig(customerConfigSpec, { ...required, FOLLOW_UP_CADENCE_DAYS: 'A:3,B:10,C:60' }).FOLLOW_UP_CADENCE_DAYS,
    ).toEqual({ A: 3, B: 10, C: 60 });
  });

  it('refuses a FOLLOW_UP_CADENCE_DAYS with a typo, naming the variable and the part', () => {
    expect(() => loadConfig(customerConfigSpec, { ...required, FOLLOW_UP_CADENCE_DAYS: 'A:7,B:14,C30' })).toThrow(
      /FOLLOW_UP_CADENCE_DAYS.*'C30'/s,
    );
    expect(() => loadConfig(customerConfigSpec, { ...required, FOLLOW_UP_CADENCE_DAYS: 'A:7,B:14' })).toThrow(
      /FOLLOW_UP_CADENCE_DAYS.*grade C is missing/s,
    );
  });

  it('counts list totals exactly up to 10,000 rows unless LIST_COUNT_EXACT_UP_TO says otherwise', () => {
    expect(loadConfig(customerConfigSpec, required).LIST_COUNT_EXACT_UP_TO).toBe(10_000);
    expect(loadConfig(customerConfigSpec, { ...required, LIST_COUNT_EXACT_UP_TO: '500' }).LIST_COUNT_EXACT_UP_TO).toBe(
      500,
    );
  });
});

import { checkTicketFields } from './ticket-input';
import { refusedFields } from './refused-fields';

const valid = { subject: ' Printer jams ', category: 'hardware', channel: 'phone' };

describe('checkTicketFields', () => {
  it('trims text, defaults priority to normal and complaint to false, and dedupes skills case-insensitively', () => {
    expect(checkTicketFields({ ...valid, skills: ['Printers', 'printers ', 'zh'] })).toEqual({
      subject: 'Printer jams',
      description: '',
      channel: 'phone',
      category: 'hardware',
      priority: 'normal',
      complaint: false,
      skills: ['printers', 'zh'],
    });
  });

  it('names every refused field with its rule at once', () => {
    expect(
      refusedFields(() =>
        checkTicketFields({
          subject: '  ',
          category: 'x'.repeat(81),
          channel: 'fax',
          priority: 'asap',
          skills: ['', 'a'.repeat(41)],
        }),
      ),
    ).toEqual([
      ['input.subject', 'required'],
      ['input.category', 'maxLength'],
      ['input.channel', 'enum'],
      ['input.priority', 'enum'],
      ['input.skills[0]', 'skill'],
      ['input.skills[1]', 'skill'],
    ]);
  });

  it('refuses more than ten skills and a description over 20,000 characters', () => {
    expect(
      refusedFields(() =>
        checkTicketFields({
          ...valid,
          description: 'd'.repeat(20001),
          skills: Array.from({ length: 11 }, (_, i) => `s${i}`),
        }),
      ),
    ).toEqual([
      ['input.description', 'maxLength'],
      ['input.skills', 'maxItems'],
    ]);
  });
});

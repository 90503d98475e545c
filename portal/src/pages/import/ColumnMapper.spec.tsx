/** @jest-environment jsdom */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { initI18n } from '../../i18n/i18n';
import { ColumnMapper } from './ColumnMapper';
import { choiceFromReport, type ColumnChoice, type ImportKind } from './import-fields';

/** A messy export from a Chinese spreadsheet: Chinese headers, two phone columns, one column the CRM does not know. */
const headers = ['公司名称', '联系电话', '手机', '客户来源', '统一社会信用代码', 'cf_budget'];
const rows = [
  ['深圳市腾达科技有限公司', '0755-86001234', '13800138000', '展会', '91440300MA5FXXXX1A', '500000'],
  ['', '020-1234', '', '官网', '', ''],
];

/** The customer service's own match of those headers, as its header-only dry run reports it. */
const serviceColumns = [
  { column: 1, field: 'name' },
  { column: 2, field: 'phones' },
  { column: 3, field: 'phones' },
  { column: 4, field: null },
  { column: 5, field: 'taxId' },
  { column: 6, field: 'customFields.budget' },
];

function Harness({ kind, onSubmit }: { kind: ImportKind; onSubmit(m: { header: string }): void }): ReactNode {
  const [choice, setChoice] = useState<ColumnChoice>(() =>
    choiceFromReport(kind, headers.length, kind === 'accounts' ? serviceColumns : [], ['budget']),
  );
  return (
    <ColumnMapper
      kind={kind}
      preview={{ headers, rows }}
      choice={choice}
      customFields={[{ key: 'budget', label: '年度预算' }]}
      onChange={setChoice}
      onSubmit={onSubmit}
      onBack={() => undefined}
    />
  );
}

function selectedField(header: string): string {
  const select = screen.getByLabelText(`Field for column ${header}`).closest('.ant-select');
  return (select?.querySelector('.ant-select-content, .ant-select-selection-item')?.textContent ?? '').trim();
}

function choose(header: string, option: string): void {
  fireEvent.mouseDown(screen.getByLabelText(`Field for column ${header}`));
  const options = screen.getAllByTitle(option).filter((el) => el.classList.contains('ant-select-item-option'));
  fireEvent.click(options[options.length - 1]);
}

describe('ColumnMapper', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('shows each Chinese header matched to its field, two phone columns included, and the unknown one not imported', () => {
    render(<Harness kind="accounts" onSubmit={() => undefined} />);
    expect(selectedField('公司名称')).toContain('Company name');
    expect(selectedField('联系电话')).toContain('Phone');
    expect(selectedField('手机')).toContain('Phone');
    expect(selectedField('客户来源')).toBe('Do not import');
    expect(selectedField('统一社会信用代码')).toBe('Tax id (USCC)');
    expect(selectedField('cf_budget')).toBe('Custom field: 年度预算');
    // The first values show beside each column, so a wrong match is visible.
    expect(screen.getByText('深圳市腾达科技有限公司')).toBeTruthy();
  });

  it('submits the header row the service reads: one field name per mapped column, empty for the rest', () => {
    const onSubmit = jest.fn();
    render(<Harness kind="accounts" onSubmit={onSubmit} />);
    choose('客户来源', 'Tags');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ header: 'name,phone,mobile,tags,tax_id,cf_budget' }),
    );
  });

  it('flags a required field no column fills and will not go on until one does', () => {
    const onSubmit = jest.fn();
    render(<Harness kind="accounts" onSubmit={onSubmit} />);
    choose('公司名称', 'Do not import');
    expect(screen.getByText('Map a column to every required field: Company name.')).toBeTruthy();
    const next = screen.getByRole('button', { name: 'Next' });
    expect(next.hasAttribute('disabled')).toBe(true);
    fireEvent.click(next);
    expect(onSubmit).not.toHaveBeenCalled();

    choose('公司名称', 'Company name');
    expect(screen.queryByText(/Map a column to every required field/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ header: 'name,phone,mobile,,tax_id,cf_budget' }));
  });

  it('asks a contact file for its account (by id, tax id or name) and marks those fields as required', () => {
    render(<Harness kind="contacts" onSubmit={() => undefined} />);
    expect(screen.getByText('Map a column to at least one of: Account id, Account tax id, Account name.')).toBeTruthy();
    fireEvent.mouseDown(screen.getByLabelText('Field for column 公司名称'));
    const option = screen.getAllByTitle('Account name').find((el) => el.classList.contains('ant-select-item-option'));
    expect(within(option as HTMLElement).getByText('required')).toBeTruthy();
  });
});

/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { initI18n } from '../i18n/i18n';
import { PageSkeleton } from './PageSkeleton';

describe('PageSkeleton', () => {
  it('announces loading to screen readers in the user language', async () => {
    await initI18n('zh-CN');
    render(<PageSkeleton />);
    expect(screen.getByRole('status').getAttribute('aria-label')).toBe('加载中…');
  });
});

import { useEffect, type RefObject } from 'react';

/**
 * A scrolling table's box as a named, focusable region, so the keyboard can scroll it: its lines hold nothing
 * focusable (axe's scrollable-region-focusable). Runs after every render: antd recreates the box.
 */
export function useScrollRegion(wrapper: RefObject<HTMLElement | null>, label: string): void {
  useEffect(() => {
    const box = wrapper.current?.querySelector<HTMLElement>('.ant-table-content');
    box?.setAttribute('tabindex', '0');
    box?.setAttribute('role', 'region');
    box?.setAttribute('aria-label', label);
  });
}

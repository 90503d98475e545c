import type { CSSProperties } from 'react';

export type TicketTone = 'info' | 'progress' | 'success' | 'warning' | 'danger' | 'accent' | 'neutral';

// antd's preset tag colours put mid-tone text on tints (about 3-4:1); these dark-on-tint pairs reach WCAG AA 4.5:1.
export const TONE_STYLES: Record<TicketTone, CSSProperties> = {
  info: { color: '#0b3d91', background: '#e6f4ff', borderColor: '#91caff' },
  progress: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
  success: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  warning: { color: '#7c3300', background: '#fff7e6', borderColor: '#ffc069' },
  danger: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  accent: { color: '#780650', background: '#fff0f6', borderColor: '#ffadd2' },
  neutral: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
};

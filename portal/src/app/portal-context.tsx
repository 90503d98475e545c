import { createContext, useContext } from 'react';
import type { PortalRuntimeConfig } from '../../server/runtime-config';
import type { PortalSession, SignedInUser } from '../auth/session';
import type { Locale } from '../i18n/i18n';

/** What every page may read: who is signed in, their language and time zone, and the company currency. */
export interface PortalContextValue {
  user: SignedInUser;
  session: PortalSession;
  config: PortalRuntimeConfig;
  locale: Locale;
  setLocale(locale: Locale): void;
  /** The IANA zone times are shown in (the browser's). */
  timeZone: string;
}

export const PortalContext = createContext<PortalContextValue | null>(null);

export function usePortal(): PortalContextValue {
  const value = useContext(PortalContext);
  if (!value) throw new Error('usePortal() outside the signed-in portal');
  return value;
}

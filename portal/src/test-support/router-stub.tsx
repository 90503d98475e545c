import type { ReactNode } from 'react';

// react-router's ES build does not load under jest's CommonJS; specs mock it with these (jest.mock('react-router', ...)).
export function StubLink({ to, children }: { to: string; children?: ReactNode }): ReactNode {
  return <a href={to}>{children}</a>;
}

export const routerStub = { Link: StubLink, useNavigate: () => () => undefined };

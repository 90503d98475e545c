import { Tag } from 'antd';
import type { ReactNode } from 'react';

/** A rule's match values as tags; `any` when the rule does not filter on them. */
export function ruleTags(values: readonly string[], any: string): ReactNode {
  return values.length ? values.map((v) => <Tag key={v}>{v}</Tag>) : any;
}

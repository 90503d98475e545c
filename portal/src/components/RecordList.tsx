import { Empty, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface RecordListItem {
  key: string;
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
}

/** A short list of records (title, one line of detail, an action) as a real <ul>; the empty text when none. */
export function RecordList({ items, emptyText }: { items: readonly RecordListItem[]; emptyText: string }): ReactNode {
  if (!items.length) return <Empty description={emptyText} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item, index) => (
        <li
          key={item.key}
          style={{ padding: '12px 0', borderTop: index ? '1px solid rgba(5, 5, 5, 0.06)' : undefined }}
        >
          <Flex justify="space-between" align="start" gap={12} wrap>
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong>{item.title}</Typography.Text>
              {item.description && (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                  {item.description}
                </Typography.Paragraph>
              )}
            </div>
            {item.extra}
          </Flex>
        </li>
      ))}
    </ul>
  );
}

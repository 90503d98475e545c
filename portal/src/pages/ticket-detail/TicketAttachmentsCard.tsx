import { PaperClipOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortal } from '../../app/portal-context';
import { formatDateTime, formatNumber } from '../../format/format';

export interface TicketAttachmentRow {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
}

/** The ticket's files, oldest first. */
export function TicketAttachmentsCard({ attachments }: { attachments: readonly TicketAttachmentRow[] }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  return (
    <Card title={t('ticketDetail.attachments.title')}>
      {attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketDetail.attachments.empty')} />
      ) : (
        <Flex vertical gap="small" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {attachments.map((a) => (
            <li key={a.id}>
              <PaperClipOutlined aria-hidden /> <Typography.Text>{a.fileName}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {t('ticketDetail.attachments.size', {
                  size: formatNumber(Math.max(1, Math.round(a.sizeBytes / 1024)), locale),
                })}{' '}
                · {t('ticketDetail.attachments.uploaded', { at: formatDateTime(a.uploadedAt, locale, timeZone) })}
              </Typography.Text>
            </li>
          ))}
        </Flex>
      )}
    </Card>
  );
}

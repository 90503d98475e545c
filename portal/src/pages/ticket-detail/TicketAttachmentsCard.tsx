import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Progress, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { formatDateTime, formatNumber } from '../../format/format';
import { withReference } from '../../graphql/errors';
import { AttachmentTransferError, downloadAttachment, uploadAttachment } from './attachment-transfer';
import { TicketDetailDeleteAttachmentMutation } from './ticket-detail-query';
import { ticketPersonName, type TicketPersonRef } from './ticket-person';
import { useErrorToast } from '../../components/use-error-toast';

export interface TicketAttachmentRow {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploader?: TicketPersonRef | null;
  downloadPath: string;
}

/** The ticket's files, oldest first: download for its readers, upload and delete for its editors. */
export function TicketAttachmentsCard({
  ticketId,
  attachments,
  editable,
  onChange,
}: {
  ticketId: string;
  attachments: readonly TicketAttachmentRow[];
  editable: boolean;
  onChange(): void;
}): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone, session, user } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const [progress, setProgress] = useState<number | null>(null);
  const [, remove] = useMutation(TicketDetailDeleteAttachmentMutation);
  const canEdit = editable && mayCall(user, 'Mutation.deleteTicketAttachment');

  const transferError = (error: unknown): string =>
    error instanceof AttachmentTransferError
      ? withReference(transferReason(error), error.reference, t)
      : t('errors.network');
  const transferReason = (error: AttachmentTransferError): string => {
    if (error.status === 413) return t('ticketDetail.attachments.tooLarge');
    if (error.status === 415) return t('ticketDetail.attachments.badType');
    if (error.status === 403) return t('errors.forbidden');
    return error.status === 0 ? t('errors.network') : error.message;
  };
  const upload = async (file: File): Promise<void> => {
    setProgress(0);
    try {
      await uploadAttachment(ticketId, file, await session.freshToken(), setProgress);
      void message.success(t('ticketDetail.attachments.uploadedOk', { name: file.name }));
      onChange();
    } catch (error) {
      void message.error(transferError(error));
    } finally {
      setProgress(null);
    }
  };
  const download = async (a: TicketAttachmentRow): Promise<void> => {
    try {
      await downloadAttachment(a.downloadPath, a.fileName, await session.freshToken());
    } catch (error) {
      void message.error(transferError(error));
    }
  };
  const del = async (a: TicketAttachmentRow): Promise<void> => {
    const result = await remove({ id: a.id });
    if (result.error) return showError(result.error);
    onChange();
  };

  return (
    <Card
      title={t('ticketDetail.attachments.title')}
      extra={
        canEdit && (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined aria-hidden />} disabled={progress !== null}>
              {t('ticketDetail.attachments.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {progress !== null && (
        <Progress percent={progress} size="small" aria-label={t('ticketDetail.attachments.uploading')} />
      )}
      {attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketDetail.attachments.empty')} />
      ) : (
        <Flex vertical gap="small" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {attachments.map((a) => (
            <li key={a.id}>
              <Flex justify="space-between" align="start" gap={8}>
                <div style={{ minWidth: 0 }}>
                  <PaperClipOutlined aria-hidden />{' '}
                  <Typography.Text style={{ wordBreak: 'break-all' }}>{a.fileName}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      {t('ticketDetail.attachments.size', {
                        size: formatNumber(Math.max(1, Math.round(a.sizeBytes / 1024)), locale),
                      })}{' '}
                      ·{' '}
                      {t('ticketDetail.attachments.uploaded', {
                        name: ticketPersonName(a.uploader, user.id, t),
                        at: formatDateTime(a.uploadedAt, locale, timeZone),
                      })}
                    </Typography.Text>
                  </div>
                </div>
                <Flex gap={4}>
                  <Button
                    size="small"
                    icon={<DownloadOutlined aria-hidden />}
                    aria-label={t('ticketDetail.attachments.download', { name: a.fileName })}
                    onClick={() => void download(a)}
                  />
                  {canEdit && (
                    <Popconfirm
                      title={t('ticketDetail.attachments.deleteConfirm', { name: a.fileName })}
                      okText={t('ticketDetail.attachments.delete')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => void del(a)}
                    >
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('ticketDetail.attachments.deleteNamed', { name: a.fileName })}
                      />
                    </Popconfirm>
                  )}
                </Flex>
              </Flex>
            </li>
          ))}
        </Flex>
      )}
    </Card>
  );
}

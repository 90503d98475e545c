import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { normalizeEmail, normalizePhone } from '@crm/platform/contact-points';
import { Button, Flex, Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The phones and emails of an account or a contact, as the form holds them (blank rows allowed). */
export interface ContactPointValues {
  phones?: string[];
  emails?: string[];
}

const text = (value: string | undefined): string => value?.trim() ?? '';

/** What the API's `phones` and `emails` take: trimmed, blank rows dropped, in the order shown. */
export function contactPointsInput(values: ContactPointValues): { phones: string[]; emails: string[] } {
  return {
    phones: (values.phones ?? []).map(text).filter(Boolean),
    emails: (values.emails ?? []).map(text).filter(Boolean),
  };
}

/** The form's starting rows: the stored values, or one empty row of each to type into. */
export function contactPointsInitial(
  phones: readonly string[] = [],
  emails: readonly string[] = [],
): ContactPointValues {
  return { phones: phones.length ? [...phones] : [''], emails: emails.length ? [...emails] : [''] };
}

/** A rule refusing a non-blank value `normalize` cannot read, with a message naming the field. */
function readableBy(normalize: (raw: string) => string | null, message: () => string): Rule {
  return {
    validator: (_, value: string | undefined) =>
      !text(value) || normalize(text(value)) !== null ? Promise.resolve() : Promise.reject(new Error(message())),
  };
}

/** A phone as the services read it (libphonenumber, national numbers in China); the message names the field. */
export function phoneNumberRule(t: TFunction, field: string): Rule {
  return readableBy(
    (raw) => normalizePhone(raw),
    () => t('contactPoints.phoneInvalid', { field }),
  );
}

/** An email address as the services read it; the message names the field. */
export function emailAddressRule(t: TFunction, field: string): Rule {
  return readableBy(normalizeEmail, () => t('contactPoints.emailInvalid', { field }));
}

type Kind = 'phone' | 'email';

/** One list (phones or emails): a labelled row per value, each removable, and a button to add one. */
function ContactPointList({ kind, idPrefix }: { kind: Kind; idPrefix: string }): ReactNode {
  const { t } = useTranslation();
  return (
    <Form.List name={kind === 'phone' ? 'phones' : 'emails'}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => {
            const label = t(`contactPoints.${kind}N`, { n: index + 1 });
            const id = `${idPrefix}-${kind}-${index}`;
            return (
              <Form.Item key={field.key} label={label} htmlFor={id}>
                <Flex gap={8}>
                  <Form.Item
                    name={field.name}
                    noStyle
                    validateTrigger="onBlur"
                    rules={[kind === 'phone' ? phoneNumberRule(t, label) : emailAddressRule(t, label)]}
                  >
                    <Input
                      id={id}
                      type={kind === 'phone' ? 'tel' : 'email'}
                      autoComplete="off"
                      maxLength={kind === 'phone' ? 64 : 254}
                    />
                  </Form.Item>
                  <Button
                    icon={<MinusCircleOutlined aria-hidden />}
                    aria-label={t(`contactPoints.remove.${kind}`, { field: label })}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              </Form.Item>
            );
          })}
          <Form.Item extra={kind === 'phone' ? t('contactPoints.phoneHint') : undefined}>
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add('')}>
              {t(`contactPoints.add.${kind}`)}
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}

/**
 * The phone and email lists an account or a contact carries, inside the caller's antd Form (fields `phones`, `emails`),
 * checked as the services check them so a bad value is refused before it is sent.
 */
export function ContactPointFields({ idPrefix }: { idPrefix: string }): ReactNode {
  return (
    <>
      <ContactPointList kind="phone" idPrefix={idPrefix} />
      <ContactPointList kind="email" idPrefix={idPrefix} />
    </>
  );
}

import type { Strings } from '../strings';

/** The phone and email fields accounts and contacts share (components/ContactPointFields.tsx). */
export const contactPointsEn = {
  phoneN: 'Phone {{n}}',
  emailN: 'Email {{n}}',
  add: { phone: 'Add a phone', email: 'Add an email' },
  remove: { phone: 'Remove {{field}}', email: 'Remove {{field}}' },
  phoneHint: 'Landlines with the area code; numbers abroad with the country code, e.g. +86 138 0013 8000.',
  phoneInvalid:
    '{{field}} is not a valid phone number: write it with the area code, or with +country code for numbers abroad (e.g. +86 138 0013 8000).',
  emailInvalid: '{{field}} is not a valid email address, e.g. name@example.com.',
} as const;

export const contactPointsZhCN: Strings<typeof contactPointsEn> = {
  phoneN: '电话 {{n}}',
  emailN: '邮箱 {{n}}',
  add: { phone: '添加电话', email: '添加邮箱' },
  remove: { phone: '删除{{field}}', email: '删除{{field}}' },
  phoneHint: '座机请带区号；境外号码请加国家代码，如 +86 138 0013 8000。',
  phoneInvalid: '{{field}}不是有效的电话号码：座机请带区号，境外号码请加国家代码（如 +86 138 0013 8000）。',
  emailInvalid: '{{field}}不是有效的邮箱地址，如 name@example.com。',
};

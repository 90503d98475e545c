// Every text of the survey page, in English and Chinese; the page never shows a text that is not here.
import { maxSurveyCommentLength } from '../domain/survey-answer';
import type { SurveyLocale } from '../domain/survey-answer';

export interface SurveyTexts {
  htmlLang: string;
  title: string;
  intro: (ticketNumber: string) => string;
  subject: string;
  rating: string;
  ratingLabels: readonly [string, string, string, string, string];
  comment: string;
  commentHint: string;
  submit: string;
  switchTo: { locale: SurveyLocale; label: string };
  thanksTitle: string;
  thanks: string;
  answeredTitle: string;
  answered: string;
  expiredTitle: string;
  expired: string;
  invalidTitle: string;
  invalid: string;
  tooLargeTitle: string;
  tooLarge: string;
  unavailableTitle: string;
  unavailable: string;
  fieldErrorsTitle: string;
  /** By field, then by rule of parseSurveyAnswer. */
  fieldNames: Record<'rating' | 'comment', string>;
  rules: Record<string, string>;
}

const en: SurveyTexts = {
  htmlLang: 'en',
  title: 'How did we do?',
  intro: (number) => `Your ticket ${number} was resolved. Please rate our service.`,
  subject: 'Subject',
  rating: 'Rating',
  ratingLabels: ['1 – very dissatisfied', '2 – dissatisfied', '3 – neutral', '4 – satisfied', '5 – very satisfied'],
  comment: 'Comment (optional)',
  commentHint: `At most ${maxSurveyCommentLength} characters.`,
  submit: 'Send',
  switchTo: { locale: 'zh', label: '中文' },
  thanksTitle: 'Thank you',
  thanks: 'Your answer was recorded. Thank you for your feedback.',
  answeredTitle: 'Already answered',
  answered: 'This survey has already been answered. Each survey link can be used once.',
  expiredTitle: 'Link expired',
  expired: 'This survey link has expired. Contact us if you still want to tell us about this ticket.',
  invalidTitle: 'Invalid link',
  invalid: 'This survey link is not valid. Please use the link exactly as it was sent to you.',
  tooLargeTitle: 'Too long',
  tooLarge: 'Your answer is too long to be sent. Please shorten the comment and try again.',
  unavailableTitle: 'Please try again later',
  unavailable: 'Your answer could not be recorded right now. Please try again later.',
  fieldErrorsTitle: 'Please check your answer',
  fieldNames: { rating: 'Rating', comment: 'Comment' },
  rules: {
    required: 'choose a rating from 1 to 5',
    integerRange: 'must be a whole number from 1 to 5',
    maxLength: `at most ${maxSurveyCommentLength} characters`,
    type: 'must be text',
  },
};

const zh: SurveyTexts = {
  htmlLang: 'zh-CN',
  title: '服务满意度调查',
  intro: (number) => `您的工单 ${number} 已解决，请为我们的服务评分。`,
  subject: '主题',
  rating: '评分',
  ratingLabels: ['1 – 非常不满意', '2 – 不满意', '3 – 一般', '4 – 满意', '5 – 非常满意'],
  comment: '意见（可选）',
  commentHint: `最多 ${maxSurveyCommentLength} 个字符。`,
  submit: '提交',
  switchTo: { locale: 'en', label: 'English' },
  thanksTitle: '感谢您的反馈',
  thanks: '您的评价已记录，感谢您的反馈。',
  answeredTitle: '已评价',
  answered: '此调查已经提交过评价。每个调查链接只能使用一次。',
  expiredTitle: '链接已过期',
  expired: '此调查链接已过期。如您仍想反馈此工单的情况，请联系我们。',
  invalidTitle: '链接无效',
  invalid: '此调查链接无效，请使用我们发送给您的完整链接。',
  tooLargeTitle: '内容过长',
  tooLarge: '您提交的内容过长，请缩短意见后重试。',
  unavailableTitle: '请稍后再试',
  unavailable: '暂时无法记录您的评价，请稍后再试。',
  fieldErrorsTitle: '请检查您的评价',
  fieldNames: { rating: '评分', comment: '意见' },
  rules: {
    required: '请选择 1 到 5 之间的评分',
    integerRange: '必须是 1 到 5 之间的整数',
    maxLength: `最多 ${maxSurveyCommentLength} 个字符`,
    type: '必须是文字',
  },
};

export const surveyTexts: Record<SurveyLocale, SurveyTexts> = { en, zh };

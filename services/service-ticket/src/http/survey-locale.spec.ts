import { chooseSurveyLocale } from './survey-locale';

describe('survey page language', () => {
  it.each([
    ['?lang=zh wins over the browser', 'zh', 'en-US,en;q=0.9', 'zh'],
    ['?lang=en wins over the browser', 'en', 'zh-CN,zh;q=0.9', 'en'],
    ['a Chinese browser', undefined, 'zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['Traditional Chinese too', undefined, 'zh-TW', 'zh'],
    ['an English browser', undefined, 'en-GB,en;q=0.9', 'en'],
    ['by quality, not order', undefined, 'en;q=0.5, zh;q=0.8', 'zh'],
    ['a language we do not speak first', undefined, 'fr-FR, zh;q=0.7, en;q=0.3', 'zh'],
    ['a language refused with q=0', undefined, 'zh;q=0, en;q=0.1', 'en'],
    ['no header', undefined, undefined, 'en'],
    ['only other languages', undefined, 'fr, de', 'en'],
    ['an unknown ?lang=', 'fr', 'zh-CN', 'zh'],
  ])('%s', (_case, query, header, expected) => {
    expect(chooseSurveyLocale(query, header)).toBe(expected);
  });
});

// The survey page's language: `?lang=` when the customer chose one, else the browser's Accept-Language, else English.
import { surveyLocales, type SurveyLocale } from '../domain/survey-answer';

const isLocale = (value: string): value is SurveyLocale => (surveyLocales as readonly string[]).includes(value);

/** The primary subtag (`zh-CN` → `zh`) of each Accept-Language entry we speak, best quality first. */
function acceptedLocales(header: string): SurveyLocale[] {
  const ranked: { locale: SurveyLocale; quality: number; index: number }[] = [];
  header
    .split(',')
    .slice(0, 20)
    .forEach((entry, index) => {
      const [tag = '', ...params] = entry.trim().toLowerCase().split(';');
      const primary = tag.trim().split('-')[0] ?? '';
      if (!isLocale(primary)) return;
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      if (Number.isFinite(quality) && quality > 0) ranked.push({ locale: primary, quality, index });
    });
  return ranked.sort((a, b) => b.quality - a.quality || a.index - b.index).map((r) => r.locale);
}

export function chooseSurveyLocale(query: unknown, acceptLanguage: string | undefined): SurveyLocale {
  if (typeof query === 'string' && isLocale(query)) return query;
  return acceptedLocales(acceptLanguage ?? '')[0] ?? 'en';
}

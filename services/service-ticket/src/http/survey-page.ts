// The survey's server-rendered HTML: no script, one inline style, every value escaped (escape-html).
import escapeHtml from 'escape-html';
import type { FieldViolation } from '@crm/platform/errors';
import { maxSurveyCommentLength } from '../domain/survey-answer';
import type { SurveyLocale } from '../domain/survey-answer';
import { surveyTexts, type SurveyTexts } from './survey-texts';

export type SurveyPage =
  | {
      kind: 'form';
      ticketNumber: string;
      ticketSubject: string;
      violations?: readonly FieldViolation[];
      values?: { rating?: string; comment?: string };
    }
  | { kind: 'thanks' | 'answered' | 'expired' | 'invalid' | 'tooLarge' | 'unavailable' };

const style = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#222}
nav{text-align:right}fieldset{border:0;padding:0}label{display:block;margin:.3rem 0}
textarea{width:100%;min-height:6rem}.error{color:#a00;border:1px solid #a00;padding:.5rem}
button{margin-top:1rem;padding:.5rem 1.5rem}`;

const messagePages: Record<Exclude<SurveyPage['kind'], 'form'>, (t: SurveyTexts) => { title: string; text: string }> = {
  thanks: (t) => ({ title: t.thanksTitle, text: t.thanks }),
  answered: (t) => ({ title: t.answeredTitle, text: t.answered }),
  expired: (t) => ({ title: t.expiredTitle, text: t.expired }),
  invalid: (t) => ({ title: t.invalidTitle, text: t.invalid }),
  tooLarge: (t) => ({ title: t.tooLargeTitle, text: t.tooLarge }),
  unavailable: (t) => ({ title: t.unavailableTitle, text: t.unavailable }),
};

function layout(t: SurveyTexts, title: string, body: string): string {
  return `<!doctype html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<nav><a href="?lang=${t.switchTo.locale}" hreflang="${t.switchTo.locale}">${escapeHtml(t.switchTo.label)}</a></nav>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

function fieldErrors(t: SurveyTexts, violations: readonly FieldViolation[]): string {
  if (!violations.length) return '';
  const items = violations.map((v) => {
    const field = String(v.path[0]);
    const name = field === 'rating' || field === 'comment' ? t.fieldNames[field] : field;
    return `<li>${escapeHtml(name)}: ${escapeHtml(t.rules[v.rule] ?? v.message)}</li>`;
  });
  return `<div class="error" role="alert"><strong>${escapeHtml(t.fieldErrorsTitle)}</strong><ul>${items.join('')}</ul></div>`;
}

function form(t: SurveyTexts, page: Extract<SurveyPage, { kind: 'form' }>, locale: SurveyLocale): string {
  const chosen = page.values?.rating;
  const ratings = t.ratingLabels
    .map((label, i) => {
      const value = String(i + 1);
      const checked = chosen === value ? ' checked' : '';
      return `<label><input type="radio" name="rating" value="${value}" required${checked}> ${escapeHtml(label)}</label>`;
    })
    .join('\n');
  return `<p>${escapeHtml(t.intro(page.ticketNumber))}</p>
<p><strong>${escapeHtml(t.subject)}:</strong> ${escapeHtml(page.ticketSubject)}</p>
${fieldErrors(t, page.violations ?? [])}
<form method="post" action="?lang=${locale}">
<fieldset><legend>${escapeHtml(t.rating)}</legend>
${ratings}
</fieldset>
<label for="comment">${escapeHtml(t.comment)}</label>
<textarea id="comment" name="comment" maxlength="${maxSurveyCommentLength}">${escapeHtml(page.values?.comment ?? '')}</textarea>
<small>${escapeHtml(t.commentHint)}</small>
<div><button type="submit">${escapeHtml(t.submit)}</button></div>
</form>`;
}

/** The whole document of one page in one language. */
export function renderSurveyPage(page: SurveyPage, locale: SurveyLocale): string {
  const t = surveyTexts[locale];
  if (page.kind === 'form') return layout(t, t.title, form(t, page, locale));
  const { title, text } = messagePages[page.kind](t);
  return layout(t, title, `<p>${escapeHtml(text)}</p>`);
}

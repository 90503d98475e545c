/** @jest-environment jsdom */
import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import { Button, ConfigProvider, Tag } from 'antd';
import { renderToString } from 'react-dom/server';
import { PORTAL_THEME } from './portal-theme';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = (hex.slice(1).match(/../g) ?? []).map((h) => {
    const v = parseInt(h, 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const PRESET_COLOURS = [
  'blue',
  'purple',
  'cyan',
  'green',
  'magenta',
  'pink',
  'red',
  'orange',
  'yellow',
  'volcano',
  'geekblue',
  'lime',
  'gold',
] as const;

/** The CSS the portal's theme gives a danger button and a tag of every preset colour, as the browser receives it. */
function tagCss(): string {
  const cache = createCache();
  renderToString(
    <StyleProvider cache={cache}>
      <ConfigProvider theme={PORTAL_THEME}>
        <Button danger>Reject</Button>
        {PRESET_COLOURS.map((colour) => (
          <Tag key={colour} color={colour}>
            {colour}
          </Tag>
        ))}
      </ConfigProvider>
    </StyleProvider>,
  );
  return extractStyle(cache);
}

describe('the portal theme', () => {
  const css = tagCss();
  const variable = (name: string): string => {
    const found = new RegExp(`--ant-${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css);
    if (!found) throw new Error(`no --ant-${name} in the theme's CSS`);
    return found[1];
  };

  it.each(PRESET_COLOURS)('draws %s tags with text at 4.5:1 or more on their background', (colour) => {
    // antd's preset tag: text var(--ant-<colour>-7) on var(--ant-<colour>-1).
    expect(css).toContain(`color:var(--ant-${colour}-7)`);
    expect(contrast(variable(`${colour}-7`), variable(`${colour}-1`))).toBeGreaterThanOrEqual(4.5);
  });

  it('writes danger buttons (and error messages) at 4.5:1 or more on white', () => {
    // The outlined danger button's text and border: --ant-btn-color-base.
    expect(css).toContain('--ant-btn-color-base:var(--ant-color-error)');
    expect(contrast(variable('color-error'), '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});

import type { ThemeConfig } from 'antd';

/** The 7th shade under both names antd reads: `green7` (the token) and `green-7` (its CSS variable, used by tags). */
function tagTextShades(shades: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(shades).flatMap(([colour, hex]) => [
      [`${colour}7`, hex],
      [`${colour}-7`, hex],
    ]),
  );
}

/**
 * antd's defaults draw secondary text (empty states, descriptions, placeholders) below WCAG AA contrast on white:
 * these greys reach 4.5:1 or more, the primary blue (buttons and links) 6.6:1.
 *
 * Coloured tags (statuses such as "Qualified" or "Awaiting approval") write their text in the palette's 7th shade on
 * its 1st: for cyan, green, orange, volcano, yellow, lime and gold that is 2:1 to 4.4:1, so those take a darker shade
 * of the same hue (4.5:1 or more, checked by portal-theme.spec.tsx).
 */
export const PORTAL_THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1455c0',
    // Links derive from colorInfo (#1677ff, 3.7:1 on the page grey) unless set.
    colorLink: '#1455c0',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextQuaternary: '#767676',
    colorTextPlaceholder: '#767676',
    // Danger buttons ("Reject") and error messages write in colorError: antd's #ff4d4f is 3.4:1 on white, this 5.9:1.
    colorError: '#cf1322',
    ...tagTextShades({
      cyan: '#006d75',
      green: '#237804',
      orange: '#ad4e00',
      volcano: '#ad2102',
      yellow: '#876800',
      lime: '#3f6600',
      gold: '#874d00',
    }),
  },
};

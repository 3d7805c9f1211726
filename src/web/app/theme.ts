import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** A calm deep teal; shades 7 and above pass WCAG AA (4.5:1) with white text. */
const brand: MantineColorsTuple = [
  '#e6f4f8',
  '#cfe6ee',
  '#9ccbdc',
  '#66afc9',
  '#3b97b9',
  '#2288ae',
  '#157fa9',
  '#066d94',
  '#006185',
  '#005476',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  colors: { brand },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  defaultRadius: 'md',
  focusRing: 'auto',
});

/** Secondary and error text dark enough for AA contrast on white (Mantine's defaults are lighter). */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': resolved.colors.gray[7] ?? '#495057',
    '--mantine-color-error': resolved.colors.red[9] ?? '#c92a2a',
    '--mantine-color-anchor': resolved.colors.brand?.[8] ?? '#006185',
  },
  dark: {},
});

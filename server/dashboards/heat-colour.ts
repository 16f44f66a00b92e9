/**
 * The heatmap's one colour scale, shared by the page and the PDF: a continuous function of the
 * printed mean (the text a cell shows, 2 decimals), so two cells that print the same number
 * always have the same shade and a higher number is never lighter. Sequential blues (ColorBrewer
 * stops), readable with the common colour-vision deficiencies; the number is always printed.
 */
export type HeatColour = { background: string; text: string };

type Rgb = [number, number, number];
const stops: readonly Rgb[] = [[0xef, 0xf3, 0xff], [0x9e, 0xca, 0xe1], [0x08, 0x51, 0x9c]];

function channel(value: number): number {
  const unit = value / 255;
  return unit <= 0.03928 ? unit / 12.92 : ((unit + 0.055) / 1.055) ** 2.4;
}

function luminance([red, green, blue]: Rgb): number {
  return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue);
}

const toHex = (rgb: Rgb): string => `#${rgb.map((value) => Math.round(value).toString(16).padStart(2, '0')).join('')}`;

/** WCAG contrast ratio of two relative luminances. */
function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * The shade of a printed mean on a scale from `min` to `max` (1 to 5): interpolated linearly
 * between the stops, values outside the scale clamped. The text is black or white, whichever
 * contrasts more (at least 4.5:1 for every shade, WCAG AA).
 */
export function heatColour(printed: string, scale: { min: number; max: number }): HeatColour {
  const value = Number(printed);
  const position = Math.min(1, Math.max(0, (value - scale.min) / (scale.max - scale.min))) * (stops.length - 1);
  const index = Math.min(stops.length - 2, Math.floor(position));
  const fraction = position - index;
  const [from, to] = [stops[index] ?? stops[0], stops[index + 1] ?? stops[0]] as [Rgb, Rgb];
  const mix = (a: number, b: number): number => Math.round(a + (b - a) * fraction);
  const rounded: Rgb = [mix(from[0], to[0]), mix(from[1], to[1]), mix(from[2], to[2])];
  const light = luminance(rounded);
  return { background: toHex(rounded), text: contrast(light, 1) >= contrast(light, 0) ? '#ffffff' : '#000000' };
}

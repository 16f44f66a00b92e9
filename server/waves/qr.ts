/** The QR library is loaded with the first code drawn: only printed pages need it. */
export async function loadQrCode() {
  return (await import('qrcode')).default;
}

export type QrCodeLibrary = Awaited<ReturnType<typeof loadQrCode>>;

/**
 * A QR code for `url` as an SVG data URI, so a printed page needs no script and no request
 * beyond itself. Error correction M survives a crease or a smudge on a printed poster.
 */
export async function qrCodeDataUri(url: string): Promise<string> {
  const svg = await (await loadQrCode()).toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

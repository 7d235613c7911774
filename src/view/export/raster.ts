/**
 * SVG to pixels in the browser: the figure loaded as an image (from a data: URL, which the
 * app's Content-Security-Policy allows for images) and drawn on a canvas at the requested size,
 * fitted and centred on the theme's background.
 */
import { fitContain, type PixelSize } from './sizes';

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function loadSvgImage(svg: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('The browser could not draw the exported SVG.'));
    img.src = svgDataUrl(svg);
  });
}

/** Draws a figure into a frame: background, then the figure fitted inside a small margin. */
export function drawFitted(
  ctx: CanvasRenderingContext2D,
  img: CanvasImageSource,
  source: PixelSize,
  target: PixelSize,
  background: string,
  alpha = 1,
): void {
  const p = fitContain(source, target);
  ctx.globalAlpha = 1;
  if (alpha >= 1) {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, target.width, target.height);
  }
  ctx.globalAlpha = alpha;
  ctx.drawImage(img, p.x, p.y, p.width, p.height);
  ctx.globalAlpha = 1;
}

export async function pngOf(
  svg: string,
  source: PixelSize,
  target: PixelSize,
  background: string,
): Promise<Blob> {
  const img = await loadSvgImage(svg);
  const canvas = document.createElement('canvas');
  canvas.width = target.width;
  canvas.height = target.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser has no 2D canvas to draw the PNG on.');
  drawFitted(ctx, img, source, target, background);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('The browser could not encode the PNG.'))),
      'image/png',
    ),
  );
}

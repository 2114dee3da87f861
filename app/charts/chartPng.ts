import { download } from '../savedRuns/runFiles';

/** Renders a chart's SVG onto a white canvas with its title and legend, and downloads it as PNG. */
export async function saveChartPng(
  figure: HTMLElement,
  name: string,
  title: string,
  legend: readonly { name: string; colour: string }[],
): Promise<void> {
  // The plot's own SVG (legend icons are small SVGs of the same class).
  const svg = figure.querySelector('.recharts-wrapper > svg.recharts-surface');
  if (!svg) throw new Error('the chart has nothing drawn yet');
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const source = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  const scale = 2;
  const top = 28;
  const legendRows = Math.ceil(legend.length / 3);
  const total = top + height + legendRows * 20 + 8;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(total * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw to a canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.fillStyle = '#0f172a';
  ctx.font = '600 15px system-ui, sans-serif';
  ctx.fillText(title, 8, 19);
  ctx.drawImage(image, 0, top, width, height);
  ctx.font = '13px system-ui, sans-serif';
  legend.forEach((entry, i) => {
    const x = 12 + (i % 3) * (width / 3);
    const y = top + height + 16 + Math.floor(i / 3) * 20;
    ctx.fillStyle = entry.colour;
    ctx.fillRect(x, y - 9, 16, 4);
    ctx.fillText(entry.name, x + 22, y);
  });
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the chart could not be encoded as PNG');
  download(name, blob, 'image/png');
}

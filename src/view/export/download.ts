/** Hands a file to the browser's downloads, as a link with `download` clicked would. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the download to have started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

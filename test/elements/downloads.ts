/** Test helper: what a click downloads (the CSV buttons), read back without a real download. */

/** Runs `click` and captures the file it downloads: its name, its MIME type and its text (byte-order mark kept). */
export async function downloadOf(click: () => void): Promise<{ name: string; type: string; text: string }> {
  const blobs: Blob[] = [];
  const names: string[] = [];
  const createObjectURL = URL.createObjectURL;
  const anchorClick = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    blobs.push(blob as Blob);
    return createObjectURL.call(URL, blob);
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    names.push(this.download);
  };
  try {
    click();
  } finally {
    URL.createObjectURL = createObjectURL;
    HTMLAnchorElement.prototype.click = anchorClick;
  }
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await blobs[0]?.arrayBuffer());
  return { name: names[0] ?? "", type: blobs[0]?.type ?? "", text };
}
